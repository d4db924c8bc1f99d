// PushService carries out SyncService.Push (DESIGN.md "The wire contract"): it checks each
// mutation, locks every household the push touches, applies the mutations in order (merging
// stale ones, validating and classifying every version) and commits the push as one durable
// batch through the Committer. A mutation that fails its checks is rejected on its own; the
// others still apply. Retries are answered from the stored results.
//
// Thread-safety: Push may be called from any number of threads at once. Pushes to one
// household serialize on its lock; pushes to different households run in parallel and share
// fsyncs (RocksDB groups concurrent synced writes; no lock is held across one but the
// households' own). Push blocks until its batch is durable: call it off gRPC's callback threads.
#pragma once

#include <cstdint>

#include "absl/status/status.h"
#include "rasoat/v1/sync.pb.h"
#include "sync/identity/principal.h"
#include "sync/push/push_options.h"
#include "sync/rules/rounds.h"

namespace rasoat {

class Committer;
class Store;

class PushService {
 public:
  // None of the pointers is owned; all must outlive this.
  PushService(const Store* store, Committer* committer, const rules::Rounds* rounds,
              PushOptions options);

  // Applies `request`, from `caller`, and fills `response` (not owned) with one result per
  // mutation, in order. Returns OK once every applied mutation is durable. A mutation that fails
  // CheckMutation gets a REJECTED result, and so does one of a household outside the caller's
  // villages (PERMISSION_DENIED: where it is, or where the record would put it); the others
  // still apply. The versions made name the caller as their author.
  // PERMISSION_DENIED: the caller's token is a tablet's and the request names another device,
  // or the caller is a collaborator without a tablet's token (nothing applied).
  // INVALID_ARGUMENT: no device_id, or more mutations than max_batch_mutations (nothing
  // applied). UNAVAILABLE/INTERNAL/DATA_LOSS: the store failed; nothing of the batch was
  // applied and `response` is empty.
  absl::Status Push(const identity::Principal& caller, const v1::PushRequest& request,
                    v1::PushResponse* response);

 private:
  const Store* const store_;           // not owned
  Committer* const committer_;         // not owned
  const rules::Rounds* const rounds_;  // not owned
  const PushOptions options_;
};

}  // namespace rasoat
