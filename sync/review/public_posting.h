// PublicPosting: ReviewService.OpenPosting and RecordObjection (DOMAIN.md "The procedure the
// workflow follows"). The commune posts the households its village meetings agreed, for a
// number of working days (the standard's procedure.posting_working_days unless the request
// says otherwise); the period ends on a day, never by a timer. An objection received by the
// posting's last day sends its household back to review, with the objection as the comment the
// reviewer and the collaborator read.
//
// Thread-safety: any number of threads at once; each call blocks until it is durable.
#pragma once

#include <string_view>

#include "absl/status/status.h"
#include "rasoat/v1/review.pb.h"
#include "sync/review/procedure_batch.h"
#include "sync/rules/rounds.h"

namespace rasoat {

class PublicPosting {
 public:
  // None of the pointers is owned; all must outlive this.
  PublicPosting(const Store* store, Committer* committer, const rules::Rounds* rounds);

  // Posts the households as `login`. INVALID_ARGUMENT naming the field for a bad request;
  // NOT_FOUND or FAILED_PRECONDITION as ProcedureBatch::Take, where a household may be posted
  // only when its village meeting agreed it and it is of the commune named.
  absl::Status Open(std::string_view login, const v1::OpenPostingRequest& request,
                    v1::OpenPostingResponse* response);

  // Records the objection as `login`. INVALID_ARGUMENT naming the field for a bad request;
  // NOT_FOUND for an unknown household; FAILED_PRECONDITION when it is not at the version
  // named, not posted, or the objection came after the posting's last day.
  absl::Status RecordObjection(std::string_view login, const v1::RecordObjectionRequest& request,
                               v1::RecordObjectionResponse* response);

 private:
  const rules::Rounds* const rounds_;  // not owned
  ProcedureBatch batch_;
};

}  // namespace rasoat
