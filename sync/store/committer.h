// Committer: the one write path of rasoat (DESIGN.md "Storage"). Every durable state change — a
// push, a decision, a conflict resolution, the publisher's confirmation — is a CommitBatch that
// comes here, and only here are change seqs reserved, each changed household's change entry
// moved to its new seq (leaving a removal entry in a village it left), the store's last seq
// recorded, the batch written, and the commit
// watermark finished or abandoned. So the cursor invariant holds by construction: a pull reads
// no further than committed_seq(), below which every batch is durable.
//
// The audit entries of a state change (DESIGN.md "Identity, authorization, audit") are written
// in its batch too, each under a seq of its own in audit_pending; the audit log seals them onto
// its hash chain in seq order once committed_seq() covers them (sync/audit/audit_log.h), so the
// chain never has a hole where a failed commit's seq was.
//
// Thread-safety: Commit may be called from any number of threads at once. Concurrent synced
// commits share fsyncs (RocksDB groups them); no lock of the committer's is held across one,
// only the callers' household locks.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "sync/store/commit_batch.h"
#include "sync/store/commit_watermark.h"
#include "sync/store/household_locks.h"

namespace rasoat {

class Store;

class Committer {
 public:
  // How a commit reaches the disk.
  enum class Durability {
    // Acknowledged only once the WAL is synced: everything a caller is told succeeded.
    kSynced,
    // Written to the WAL without waiting for the sync: for what may be lost and redone (the
    // publisher's confirmation; a lost one means a harmless redelivery).
    kUnsynced,
  };

  // A committer for `store` (not owned, must outlive it), continuing after the last seq the
  // store recorded. `on_enqueued`, if set, is called after each commit that wrote publish
  // events, with their number (the publisher's wake-up); `on_audited` after each that wrote
  // audit entries (the audit log's). DATA_LOSS, UNAVAILABLE or INTERNAL if the last seq cannot
  // be read.
  static absl::StatusOr<std::unique_ptr<Committer>> Open(
      Store* store, std::function<void(uint64_t)> on_enqueued = nullptr,
      std::function<void()> on_audited = nullptr);

  // Writes `batch` (not owned) as one atomic batch: reserves one seq per filed change (two for
  // a household that left its village: its removal entry's and its own), moves each filed
  // household's change entry to its seq, writes its head and its publish event,
  // records the last seq, and writes with `durability`. OK once written as asked and
  // committed_seq() covers the batch's seqs (it waits for earlier batches still in flight), so
  // a pull that starts after the answer sees the batch.
  // UNAVAILABLE (disk full, device gone), INTERNAL or DATA_LOSS if the write failed: nothing of
  // the batch is stored, and its seqs are never handed out again. INTERNAL, with nothing
  // written, if `held` does not hold the lock of every household the batch writes a head of
  // (taken from locks()).
  absl::Status Commit(const HouseholdLocks::Held& held, CommitBatch* batch,
                      Durability durability = Durability::kSynced);

  // Every change with seq <= this is durable and visible to pulls.
  uint64_t committed_seq() const { return watermark_.Committed(); }

  // The households' locks every writer takes before it reads what it will change.
  HouseholdLocks& locks() { return locks_; }

 private:
  Committer(Store* store, uint64_t last_seq, std::function<void(uint64_t)> on_enqueued,
            std::function<void()> on_audited);

  Store* const store_;  // not owned
  const std::function<void(uint64_t)> on_enqueued_;
  const std::function<void()> on_audited_;
  HouseholdLocks locks_;
  CommitWatermark watermark_;
};

}  // namespace rasoat
