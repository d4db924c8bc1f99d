// ReviewService carries out the wire's ReviewService for commune staff (DESIGN.md "Review,
// procedure, classification"): the queue and the summary, one household's history and diffs,
// the decisions on an exact version — approve, return, resolve conflicts — and the procedure
// after approval: village meeting, public posting and objections, the chairman's recognition.
// It is the one header the gRPC layer needs for the review; each call is a component of
// sync/review.
//
// Thread-safety: every method may be called from any number of threads at once. Listings and
// histories read many households and decisions wait for an fsync: call them off gRPC's
// callback threads.
#pragma once

#include <cstdint>
#include <vector>

#include <google/protobuf/message.h>

#include "absl/status/status.h"
#include "rasoat/v1/review.pb.h"
#include "sync/audit/audit_log.h"
#include "sync/identity/principal.h"
#include "sync/review/commune_summary.h"
#include "sync/review/conflict_resolution.h"
#include "sync/review/household_history.h"
#include "sync/review/public_posting.h"
#include "sync/review/recognition.h"
#include "sync/review/review_decisions.h"
#include "sync/review/review_queue.h"
#include "sync/review/village_meeting.h"
#include "sync/rules/rounds.h"

namespace rasoat {

class Committer;
class Store;

class ReviewService {
 public:
  // None of the pointers is owned; all must outlive this.
  ReviewService(const Store* store, Committer* committer, const rules::Rounds* rounds,
                audit::AuditLog* audit)
      : store_(store),
        audit_(audit),
        queue_(store, rounds),
        summary_(store, rounds),
        history_(store, rounds),
        decisions_(store, committer, rounds),
        resolution_(store, committer, rounds),
        meeting_(store, committer, rounds),
        posting_(store, committer, rounds),
        recognition_(store, committer, rounds) {}

  // Each acts for `caller`, within their communes: PERMISSION_DENIED, before anything is read
  // or written, if the commune the request names, or the commune the household is in, is not
  // one of theirs (identity/principal.h). Decisions are the caller's: their login is the
  // reviewer. Otherwise the codes each returns are those of the component named.
  // ReviewQueue::ListQueue.
  absl::Status ListQueue(const identity::Principal& caller, const v1::ListQueueRequest& request,
                         v1::ListQueueResponse* response) const;
  // CommuneSummary::Summarize.
  absl::Status CommuneSummary(const identity::Principal& caller,
                              const v1::CommuneSummaryRequest& request,
                              v1::CommuneSummaryResponse* response) const;
  // HouseholdHistory::GetHousehold and DiffVersions. A read that found the household is
  // recorded in the audit log (who read which versions) before it is answered; if that fails,
  // its error, and nothing is answered.
  absl::Status GetHousehold(const identity::Principal& caller,
                            const v1::GetHouseholdRequest& request,
                            v1::GetHouseholdResponse* response) const;
  absl::Status DiffVersions(const identity::Principal& caller,
                            const v1::DiffVersionsRequest& request,
                            v1::DiffVersionsResponse* response) const;
  // ReviewDecisions::Approve and Return.
  absl::Status Approve(const identity::Principal& caller, const v1::ApproveRequest& request,
                       v1::ApproveResponse* response);
  absl::Status Return(const identity::Principal& caller, const v1::ReturnRequest& request,
                      v1::ReturnResponse* response);
  // ConflictResolution::ResolveConflict.
  absl::Status ResolveConflict(const identity::Principal& caller,
                               const v1::ResolveConflictRequest& request,
                               v1::ResolveConflictResponse* response);
  // The procedure: VillageMeeting::Record, PublicPosting::Open and RecordObjection,
  // Recognition::Recognise. Who may take which step is the authorization table's.
  absl::Status RecordVillageMeeting(const identity::Principal& caller,
                                    const v1::RecordVillageMeetingRequest& request,
                                    v1::RecordVillageMeetingResponse* response);
  absl::Status OpenPosting(const identity::Principal& caller, const v1::OpenPostingRequest& request,
                           v1::OpenPostingResponse* response);
  absl::Status RecordObjection(const identity::Principal& caller,
                               const v1::RecordObjectionRequest& request,
                               v1::RecordObjectionResponse* response);
  absl::Status Recognise(const identity::Principal& caller, const v1::RecogniseRequest& request,
                         v1::RecogniseResponse* response);

 private:
  // OK if `caller` reviews the commune `key`'s household is in, or if there is no such household
  // (the component then says NOT_FOUND); PERMISSION_DENIED otherwise.
  absl::Status CheckHouseholdScope(const identity::Principal& caller,
                                   const v1::HouseholdKey& key) const;
  // Records `caller`'s read of `versions` of `key`'s household; clears `answer` if it cannot.
  absl::Status RecordRead(const identity::Principal& caller, audit::Action action,
                          const v1::HouseholdKey& key, std::vector<uint64_t> versions,
                          google::protobuf::Message* answer) const;

  const Store* const store_;      // not owned
  audit::AuditLog* const audit_;  // not owned
  ReviewQueue queue_;
  rasoat::CommuneSummary summary_;
  HouseholdHistory history_;
  ReviewDecisions decisions_;
  ConflictResolution resolution_;
  VillageMeeting meeting_;
  PublicPosting posting_;
  Recognition recognition_;
};

}  // namespace rasoat
