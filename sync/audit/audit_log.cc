#include "sync/audit/audit_log.h"

#include <string>
#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "absl/time/time.h"
#include "sync/audit/audit_seal.h"
#include "sync/base/status_macros.h"
#include "sync/store/commit_batch.h"

namespace rasoat::audit {
namespace {

// Entries sealed per batch.
constexpr size_t kSealBatch = 512;

}  // namespace

absl::StatusOr<std::unique_ptr<AuditLog>> AuditLog::Open(const Store* store, Committer* committer) {
  const AuditRecords records(store);
  ASSIGN_OR_RETURN(auto last, records.LastSealed());
  AuditHead head = EmptyLogHead();
  if (last.has_value()) {
    AuditEntry entry;
    if (!entry.ParseFromString(last->second)) {
      return absl::DataLossError(
          absl::StrCat("audit entry ", last->first, ", the log's last: corrupt"));
    }
    head = AuditHeadOf(entry);
  }
  std::unique_ptr<AuditLog> log(new AuditLog(store, committer, std::move(head)));
  log->thread_ = std::thread([raw = log.get()] { raw->Run(); });
  return log;
}

AuditLog::AuditLog(const Store* store, Committer* committer, AuditHead head)
    : store_(store), committer_(committer), records_(store), head_(std::move(head)) {}

AuditLog::~AuditLog() {
  {
    MutexLock lock(&wake_mu_);
    stopping_ = true;
  }
  thread_.join();
}

absl::Status AuditLog::RecordRead(const AuditEvent& event) {
  CommitBatch batch(*store_);
  batch.AddAuditEntry(EncodeUnsealed(event, absl::ToUnixMicros(absl::Now())));
  // No household's lock: the batch writes no head.
  const HouseholdLocks::Held none = committer_->locks().Lock({});
  return committer_->Commit(none, &batch);
}

void AuditLog::Wake() {
  MutexLock lock(&wake_mu_);
  woken_ = true;
}

void AuditLog::Run() {
  for (;;) {
    {
      MutexLock lock(&wake_mu_);
      wake_mu_.Await([this]()
                         ABSL_EXCLUSIVE_LOCKS_REQUIRED(wake_mu_) { return woken_ || stopping_; });
      if (stopping_) return;
      woken_ = false;
    }
    MutexLock seal(&seal_mu_);
    // A failure (the disk full) leaves the entries pending: the next commit wakes it again.
    SealLocked().IgnoreError();
  }
}

absl::Status AuditLog::SealCommitted() {
  MutexLock seal(&seal_mu_);
  return SealLocked();
}

absl::Status AuditLog::SealLocked() {
  // Every seq up to here is durable or abandoned: nothing can still come in below it.
  const uint64_t through = committer_->committed_seq();
  for (;;) {
    ASSIGN_OR_RETURN(auto pending, records_.ReadPending(next_pending_, through, kSealBatch));
    if (pending.empty()) return absl::OkStatus();
    CommitBatch batch(*store_);
    AuditHead head = head_;
    for (auto& [seq, bytes] : pending) {
      AuditEntry unsealed;
      if (!unsealed.ParseFromString(bytes)) {
        return absl::DataLossError(absl::StrCat("pending audit entry ", seq, ": corrupt"));
      }
      ASSIGN_OR_RETURN(AuditEntry sealed, SealAuditEntry(std::move(unsealed), head));
      batch.SealAuditEntry(seq, sealed.seq(), sealed.SerializeAsString());
      head = AuditHeadOf(sealed);
    }
    // No household's lock: the batch writes no head. Unsynced, so sealing adds no fsync: the
    // next synced commit's fsync of the WAL covers it. Lost in a crash before that, the entries
    // are still pending and are sealed again at the next open, to the same bytes and hashes
    // (their time is their commit's), so a head exported meanwhile still holds.
    const HouseholdLocks::Held none = committer_->locks().Lock({});
    RETURN_IF_ERROR(committer_->Commit(none, &batch, Committer::Durability::kUnsynced));
    head_ = std::move(head);
    next_pending_ = pending.back().first + 1;
  }
}

AuditHead AuditLog::Head() const {
  MutexLock seal(&seal_mu_);
  return head_;
}

absl::StatusOr<AuditSummary> AuditLog::Verify(std::optional<AuditHead> expect_head) {
  RETURN_IF_ERROR(SealCommitted());
  AuditVerifierOptions options;
  options.expect_head = std::move(expect_head);
  ASSIGN_OR_RETURN(AuditVerifier verifier, AuditVerifier::Create(std::move(options)));
  const absl::Status read = records_.ForEachSealed(
      0, [&verifier](uint64_t seq, std::string_view bytes) { return verifier.Add(seq, bytes); });
  if (!read.ok() && !absl::IsDataLoss(read) && !absl::IsInvalidArgument(read)) return read;
  return verifier.Finish();
}

}  // namespace rasoat::audit
