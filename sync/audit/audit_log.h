// AuditLog: the hash-chained audit log of a store (DESIGN.md "Identity, authorization, audit").
// Each state change writes its entries, unsealed, in its own batch (CommitBatch::AddAuditEntry),
// each under a seq the committer reserves. The log seals them onto its chain in that order once
// the commit watermark covers them — every seq below it is durable or was abandoned, so a failed
// commit leaves no hole in the chain — on a thread of its own, woken after commits, so no push
// waits for a hash. Verify recomputes the chain as stored and reports the first bad entry.
//
// Thread-safety: every method may be called from any thread. Sealing is serialized on the log's
// own mutex, held across the sealing commit (which waits for no fsync); no push, pull or review
// takes it.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <thread>

#include "absl/status/statusor.h"
#include "sync/audit/audit_event.h"
#include "sync/audit/audit_head.h"
#include "sync/audit/audit_verifier.h"
#include "sync/base/mutex.h"
#include "sync/store/audit_records.h"
#include "sync/store/committer.h"

namespace rasoat::audit {

class AuditLog {
 public:
  // A log over `store`, sealing through `committer` (neither owned; both outlive it), and its
  // sealing thread started. UNAVAILABLE, INTERNAL or DATA_LOSS if its head cannot be read.
  static absl::StatusOr<std::unique_ptr<AuditLog>> Open(const Store* store, Committer* committer);
  // Stops the thread; what is still pending is sealed at the next open.
  ~AuditLog();

  // Records `event`, which changed nothing (a read of personal data: who read which household
  // or pulled which scope), in a commit of its own, synced: OK once it is durable, so the read
  // may go ahead. The errors of Committer::Commit; the caller then refuses the read.
  absl::Status RecordRead(const AuditEvent& event);

  // Asks the thread to seal what is committed. Cheap; never blocks.
  void Wake();
  // Seals everything committed now, on this thread, and returns once it is sealed. For a
  // verification and for tests.
  absl::Status SealCommitted();

  // The head of the sealed log: its last entry's seq and hash.
  AuditHead Head() const;

  // Recomputes the chain from the first entry: OK with what it checked, or DATA_LOSS naming the
  // first bad entry (audit_verifier.h). With `expect_head` (exported earlier with Head), also
  // DATA_LOSS if the log no longer reaches it or holds another entry there. Seals what is
  // committed first.
  absl::StatusOr<AuditSummary> Verify(std::optional<AuditHead> expect_head);

  // Entries committed and not yet sealed.
  absl::StatusOr<uint64_t> pending() const { return records_.CountPending(); }

 private:
  AuditLog(const Store* store, Committer* committer, AuditHead head);
  void Run();
  // Seals what is committed; REQUIRES: seal_mu_ held.
  absl::Status SealLocked() ABSL_EXCLUSIVE_LOCKS_REQUIRED(seal_mu_);

  const Store* const store_;    // not owned
  Committer* const committer_;  // not owned
  const AuditRecords records_;

  mutable Mutex seal_mu_;
  AuditHead head_ ABSL_GUARDED_BY(seal_mu_);
  // Where the pending entries not sealed yet begin: every pending seq below it is sealed.
  uint64_t next_pending_ ABSL_GUARDED_BY(seal_mu_) = 0;

  Mutex wake_mu_;
  bool woken_ ABSL_GUARDED_BY(wake_mu_) = true;  // what an earlier run left pending
  bool stopping_ ABSL_GUARDED_BY(wake_mu_) = false;
  std::thread thread_;
};

}  // namespace rasoat::audit
