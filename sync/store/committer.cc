#include "sync/store/committer.h"

#include "rocksdb/db.h"
#include "rocksdb/write_batch.h"
#include "sync/store/keys.h"
#include "sync/store/rocks_status.h"
#include "sync/store/store_access.h"

namespace rasoat {
namespace {

absl::Status WithoutLock() {
  return absl::InternalError("commit: a household's head written without holding its lock");
}

// Whether a household whose live entry is at `old` leaves that village for the head's.
bool LeavesVillage(const ChangeLocation& old, const store::HouseholdHead& head) {
  return old.seq != 0 &&
         (old.commune_code != head.commune_code() || old.village_code != head.village_code());
}

}  // namespace

absl::StatusOr<std::unique_ptr<Committer>> Committer::Open(
    Store* store, std::function<void(uint64_t)> on_enqueued, std::function<void()> on_audited) {
  absl::StatusOr<uint64_t> last_seq = store->ReadCounter(kMetaLastSeq);
  if (!last_seq.ok()) return last_seq.status();
  return std::unique_ptr<Committer>(
      new Committer(store, *last_seq, std::move(on_enqueued), std::move(on_audited)));
}

Committer::Committer(Store* store, uint64_t last_seq, std::function<void(uint64_t)> on_enqueued,
                     std::function<void()> on_audited)
    : store_(store),
      on_enqueued_(std::move(on_enqueued)),
      on_audited_(std::move(on_audited)),
      watermark_(last_seq) {}

absl::Status Committer::Commit(const HouseholdLocks::Held& held, CommitBatch* batch,
                               Durability durability) {
  const Store& store = *store_;
  rocksdb::WriteBatch& write = *batch->batch_;
  rocksdb::ColumnFamilyHandle* const changes_family =
      StoreAccess::family(store, StoreAccess::kChanges);
  // The proof a caller holds the lock of what it writes, checked: a head written without its
  // lock could interleave with another writer's read-modify-write and lose a change.
  for (const std::string& key : batch->put_heads_) {
    if (!held.Covers(locks_, key)) return WithoutLock();
  }
  for (const CommitBatch::Filed& filed : batch->filed_) {
    if (!held.Covers(locks_, HouseholdKeyOf(filed.round_id, filed.household_id))) {
      return WithoutLock();
    }
  }

  // One seq per filed change, and one more for each household that leaves its village: the
  // removal entry it leaves behind has a seq of its own, just before its new live entry's.
  // And one for each audit entry, filed in audit_pending under it.
  uint64_t changes = batch->audit_.size();
  for (const CommitBatch::Filed& filed : batch->filed_)
    changes += 1 + LeavesVillage(filed.old, *filed.head);
  const uint64_t first_seq = changes > 0 ? watermark_.Reserve(changes) : 0;
  uint64_t seq = first_seq;
  uint64_t enqueued = 0;
  for (const CommitBatch::Filed& filed : batch->filed_) {
    store::HouseholdHead& head = *filed.head;
    if (filed.old.seq != 0) {
      write.Delete(changes_family, ChangeKeyOf(filed.round_id, filed.old.commune_code,
                                               filed.old.village_code, filed.old.seq));
    }
    // Back in a village it once left: the live entry replaces the removal entry there.
    for (int i = 0; i < head.removal_entries_size(); ++i) {
      const store::RemovalEntryLocation& removal = head.removal_entries(i);
      if (removal.commune_code() != head.commune_code() ||
          removal.village_code() != head.village_code()) {
        continue;
      }
      write.Delete(changes_family, ChangeKeyOf(filed.round_id, removal.commune_code(),
                                               removal.village_code(), removal.seq()));
      head.mutable_removal_entries()->DeleteSubrange(i, 1);
      break;  // one entry per household per village
    }
    if (LeavesVillage(filed.old, head)) {
      write.Put(changes_family,
                ChangeKeyOf(filed.round_id, filed.old.commune_code, filed.old.village_code, seq),
                RemovalEntryOf(static_cast<uint8_t>(v1::REMOVAL_REASON_MOVED_OUT_OF_SCOPE),
                               filed.household_id));
      store::RemovalEntryLocation* removal = head.add_removal_entries();
      removal->set_commune_code(filed.old.commune_code);
      removal->set_village_code(filed.old.village_code);
      removal->set_seq(seq);
      ++seq;
    }
    head.set_change_seq(seq);
    write.Put(changes_family,
              ChangeKeyOf(filed.round_id, head.commune_code(), head.village_code(), seq),
              filed.household_id);
    write.Put(StoreAccess::family(store, StoreAccess::kHouseholds),
              HouseholdKeyOf(filed.round_id, filed.household_id), head.SerializeAsString());
    if (filed.publish != nullptr) {
      write.Put(StoreAccess::family(store, StoreAccess::kOutbox), OutboxKeyOf(seq),
                filed.publish->SerializeAsString());
      ++enqueued;
    }
    ++seq;
  }
  for (const std::string& entry : batch->audit_) {
    write.Put(StoreAccess::family(store, StoreAccess::kAuditPending), EncodeFixed64BE(seq), entry);
    ++seq;
  }
  if (changes > 0) {
    write.Merge(StoreAccess::family(store, StoreAccess::kMeta), kMetaLastSeq,
                EncodeFixed64BE(seq - 1));
  }

  rocksdb::WriteOptions options;
  options.sync = durability == Durability::kSynced;
  const rocksdb::Status status = StoreAccess::db(store)->Write(options, &write);
  if (!status.ok()) {
    if (changes > 0) watermark_.Abandon(first_seq);
    if (status.IsIOError()) store_->write_health().WriteFailed(status.ToString());
    return FromRocksStatus(status, "commit");
  }
  store_->write_health().WriteSucceeded();
  if (changes > 0) {
    watermark_.Finish(first_seq);
    // Acknowledged means visible: a pull that follows this commit's answer reads up to it.
    watermark_.AwaitCommitted(first_seq + changes - 1);
  }
  if (enqueued > 0 && on_enqueued_) on_enqueued_(enqueued);
  if (!batch->audit_.empty() && on_audited_) on_audited_();
  return absl::OkStatus();
}

}  // namespace rasoat
