// ReviewDecisions: ReviewService.Approve and Return, a reviewer's decision on the exact version
// they looked at (through VersionDecision). Neither makes a version; each changes the
// household's head (status, comment, approval, the decision in its history) and files a
// change, so the tablets receive the new status in Pull. An approval starts the procedure
// after it (procedure_step AWAITING_MEETING); recognition, not approval, publishes.
//
// Thread-safety: any number of threads at once; each call blocks until the decision is durable.
#pragma once

#include "absl/status/status.h"
#include "rasoat/v1/review.pb.h"
#include "sync/review/version_decision.h"
#include "sync/rules/rounds.h"

namespace rasoat {

class Committer;
class Store;

class ReviewDecisions {
 public:
  // None of the pointers is owned; all must outlive this.
  ReviewDecisions(const Store* store, Committer* committer, const rules::Rounds* rounds);

  // `reviewer` is the caller's login: the decision is theirs.
  // INVALID_ARGUMENT for a bad key, no version, a missing comment, or a comment with text that
  // cannot be stored (CheckText kFreeText: a NUL or another control character but tab and line
  // break, invalid UTF-8), naming the field; NOT_FOUND for an
  // unknown household; FAILED_PRECONDITION if request.version is not current or the
  // status does not allow the decision. Approving the approved version again is OK and writes
  // nothing.
  absl::Status Approve(std::string_view reviewer, const v1::ApproveRequest& request,
                       v1::ApproveResponse* response);
  absl::Status Return(std::string_view reviewer, const v1::ReturnRequest& request,
                      v1::ReturnResponse* response);

 private:
  const Store* const store_;           // not owned
  const rules::Rounds* const rounds_;  // not owned
  VersionDecision decision_;
};

}  // namespace rasoat
