// ReviewService carries out the wire's ReviewService for commune staff (DESIGN.md "Review,
// procedure, classification"): the queue and the summary, one household's history and diffs,
// and the decisions on an exact version — approve, return, resolve conflicts. It is the one
// header the gRPC layer needs for the review; each call is a component of sync/review.
//
// Thread-safety: every method may be called from any number of threads at once. Listings and
// histories read many households and decisions wait for an fsync: call them off gRPC's
// callback threads.
#pragma once

#include "absl/status/status.h"
#include "rasoat/v1/review.pb.h"
#include "sync/review/commune_summary.h"
#include "sync/review/conflict_resolution.h"
#include "sync/review/household_history.h"
#include "sync/review/review_decisions.h"
#include "sync/review/review_queue.h"
#include "sync/rules/rounds.h"

namespace rasoat {

class Committer;
class Store;

class ReviewService {
 public:
  // None of the pointers is owned; all must outlive this.
  ReviewService(const Store* store, Committer* committer, const rules::Rounds* rounds)
      : queue_(store, rounds),
        summary_(store, rounds),
        history_(store, rounds),
        decisions_(store, committer, rounds),
        resolution_(store, committer, rounds) {}

  // The codes each returns are those of the component named.
  // ReviewQueue::ListQueue.
  absl::Status ListQueue(const v1::ListQueueRequest& request,
                         v1::ListQueueResponse* response) const {
    return queue_.ListQueue(request, response);
  }
  // CommuneSummary::Summarize.
  absl::Status CommuneSummary(const v1::CommuneSummaryRequest& request,
                              v1::CommuneSummaryResponse* response) const {
    return summary_.Summarize(request, response);
  }
  // HouseholdHistory::GetHousehold and DiffVersions.
  absl::Status GetHousehold(const v1::GetHouseholdRequest& request,
                            v1::GetHouseholdResponse* response) const {
    return history_.GetHousehold(request, response);
  }
  absl::Status DiffVersions(const v1::DiffVersionsRequest& request,
                            v1::DiffVersionsResponse* response) const {
    return history_.DiffVersions(request, response);
  }
  // ReviewDecisions::Approve and Return.
  absl::Status Approve(const v1::ApproveRequest& request, v1::ApproveResponse* response) {
    return decisions_.Approve(request, response);
  }
  absl::Status Return(const v1::ReturnRequest& request, v1::ReturnResponse* response) {
    return decisions_.Return(request, response);
  }
  // ConflictResolution::ResolveConflict.
  absl::Status ResolveConflict(const v1::ResolveConflictRequest& request,
                               v1::ResolveConflictResponse* response) {
    return resolution_.ResolveConflict(request, response);
  }

 private:
  ReviewQueue queue_;
  rasoat::CommuneSummary summary_;
  HouseholdHistory history_;
  ReviewDecisions decisions_;
  ConflictResolution resolution_;
};

}  // namespace rasoat
