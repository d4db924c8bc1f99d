// HouseholdHistory: ReviewService.GetHousehold and DiffVersions, what a reviewer looks at
// before deciding — the household's head, its current record with its validation issues and
// classification, every version and decision newest first, and the fields that differ between
// two versions. Reads only; a household's versions are one range of the store.
//
// Thread-safety: any number of threads at once; reads only. A call scans a household's
// versions and may classify again: call it off gRPC's callback threads.
#pragma once

#include "absl/status/status.h"
#include "rasoat/v1/review.pb.h"
#include "sync/rules/rounds.h"

namespace rasoat {

class Store;

class HouseholdHistory {
 public:
  // Neither pointer is owned; both must outlive this.
  HouseholdHistory(const Store* store, const rules::Rounds* rounds);

  // The head, the current version's record, validation issues and classification (made again
  // if the standard file changed since), and the history, newest first.
  // INVALID_ARGUMENT for a bad key; NOT_FOUND for an unknown household; UNAVAILABLE, INTERNAL
  // or DATA_LOSS if the store cannot be read.
  absl::Status GetHousehold(const v1::GetHouseholdRequest& request,
                            v1::GetHouseholdResponse* response) const;

  // The paths whose values differ between two versions, in record order.
  // INVALID_ARGUMENT for a bad key or a version 0; NOT_FOUND for an unknown household or
  // version.
  absl::Status DiffVersions(const v1::DiffVersionsRequest& request,
                            v1::DiffVersionsResponse* response) const;

 private:
  const Store* const store_;           // not owned
  const rules::Rounds* const rounds_;  // not owned
};

}  // namespace rasoat
