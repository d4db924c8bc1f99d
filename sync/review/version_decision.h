// VersionDecision: what every reviewer's decision has in common (DESIGN.md "Review, procedure,
// classification"): it is made on the exact version the reviewer looked at. Under the
// household's lock it reads the head, refuses if the household has moved on or its status does
// not allow the decision, lets the decision change the head (and add a version or a publish
// event), files the household's change so tablets receive it, and commits — all or nothing.
// Approve, Return and ResolveConflict each go through it.
//
// Thread-safety: Decide may be called from any number of threads at once; decisions on one
// household serialize on its lock. Decide blocks until the decision is durable.
#pragma once

#include <cstdint>

#include "absl/functional/function_ref.h"
#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "rasoat/v1/review.pb.h"
#include "sync/store/commit_batch.h"
#include "sync/store/store_records.pb.h"

namespace rasoat {

class Committer;
class Store;

class VersionDecision {
 public:
  // Changes `head` for the decision and may add to `batch` (a new version) and fill `publish`
  // (an outbox entry, written when it has a household). An error fails the decision with
  // nothing written.
  using Change = absl::FunctionRef<absl::Status(store::HouseholdHead* head, CommitBatch* batch,
                                                store::OutboxEntry* publish)>;
  // Whether a household in `status` may be decided on; null: any status may.
  using Allowed = bool (*)(v1::ReviewStatus status);

  // Neither pointer is owned; both must outlive this.
  VersionDecision(const Store* store, Committer* committer);

  // Decides on version `version` of the household `key` (its key checked by the caller) and
  // returns its head as committed. NOT_FOUND for an unknown household; FAILED_PRECONDITION,
  // saying what the reviewer can do and naming `action` ("approve"), if `version` is not the
  // current version or `allowed` refuses the status; what `change` returns; UNAVAILABLE,
  // INTERNAL or DATA_LOSS if the store fails (nothing written).
  absl::StatusOr<store::HouseholdHead> Decide(const v1::HouseholdKey& key, uint64_t version,
                                              const char* action, Allowed allowed, Change change);

 private:
  const Store* const store_;    // not owned
  Committer* const committer_;  // not owned
};

}  // namespace rasoat
