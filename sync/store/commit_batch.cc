#include "sync/store/commit_batch.h"

#include "rocksdb/write_batch.h"
#include "sync/store/keys.h"
#include "sync/store/mutation_value.h"
#include "sync/store/store_access.h"

namespace rasoat {

CommitBatch::CommitBatch(const Store& store)
    : store_(store), batch_(std::make_unique<rocksdb::WriteBatch>()) {}

CommitBatch::~CommitBatch() = default;

void CommitBatch::PutVersion(std::string_view round_id, std::string_view household_id,
                             uint64_t version, std::string_view value) {
  batch_->Put(StoreAccess::family(store_, StoreAccess::kVersions),
              VersionKeyOf(round_id, household_id, version), value);
}

void CommitBatch::PutMutationResult(std::string_view device_id, std::string_view mutation_id,
                                    std::string_view digest, const v1::MutationResult& result) {
  batch_->Put(StoreAccess::family(store_, StoreAccess::kMutations),
              MutationKeyOf(device_id, mutation_id), EncodeMutationValue(digest, result));
}

void CommitBatch::PutUser(const store::UserRecord& user) {
  batch_->Put(StoreAccess::family(store_, StoreAccess::kIdentity),
              IdentityKeyOf(kIdentityUser, user.user().login()), user.SerializeAsString());
}

void CommitBatch::PutDevice(const v1::Device& device) {
  batch_->Put(StoreAccess::family(store_, StoreAccess::kIdentity),
              IdentityKeyOf(kIdentityDevice, device.device_id()), device.SerializeAsString());
}

void CommitBatch::PutToken(std::string_view token_hash, const v1::TokenInfo& token) {
  batch_->Put(StoreAccess::family(store_, StoreAccess::kIdentity),
              IdentityKeyOf(kIdentityToken, token_hash), token.SerializeAsString());
}

void CommitBatch::DeleteToken(std::string_view token_hash) {
  batch_->Delete(StoreAccess::family(store_, StoreAccess::kIdentity),
                 IdentityKeyOf(kIdentityToken, token_hash));
}

void CommitBatch::PutDeviceSeen(std::string_view device_id, int64_t unix_micros) {
  batch_->Put(StoreAccess::family(store_, StoreAccess::kIdentity),
              IdentityKeyOf(kIdentityDeviceSeen, device_id),
              EncodeFixed64BE(static_cast<uint64_t>(unix_micros)));
}

void CommitBatch::AddAuditEntry(std::string unsealed) { audit_.push_back(std::move(unsealed)); }

void CommitBatch::SealAuditEntry(uint64_t pending_seq, uint64_t log_seq, std::string_view sealed) {
  batch_->Delete(StoreAccess::family(store_, StoreAccess::kAuditPending),
                 EncodeFixed64BE(pending_seq));
  batch_->Put(StoreAccess::family(store_, StoreAccess::kAudit), EncodeFixed64BE(log_seq), sealed);
}

void CommitBatch::FileChange(std::string_view round_id, std::string_view household_id,
                             const ChangeLocation& old, store::HouseholdHead* head,
                             const store::OutboxEntry* publish) {
  filed_.push_back(Filed{std::string(round_id), std::string(household_id), old, head, publish});
}

void CommitBatch::PutHead(std::string_view round_id, std::string_view household_id,
                          const store::HouseholdHead& head) {
  std::string key = HouseholdKeyOf(round_id, household_id);
  batch_->Put(StoreAccess::family(store_, StoreAccess::kHouseholds), key, head.SerializeAsString());
  put_heads_.push_back(std::move(key));
}

void CommitBatch::DeleteOutbox(uint64_t seq) {
  batch_->Delete(StoreAccess::family(store_, StoreAccess::kOutbox), OutboxKeyOf(seq));
}

void CommitBatch::ParkOutbox(uint64_t seq, const store::DeadLetter& letter) {
  batch_->Delete(StoreAccess::family(store_, StoreAccess::kOutbox), OutboxKeyOf(seq));
  batch_->Put(StoreAccess::family(store_, StoreAccess::kDeadLetters), DeadLetterKeyOf(seq),
              letter.SerializeAsString());
}

void CommitBatch::DeleteDeadLetter(uint64_t seq) {
  batch_->Delete(StoreAccess::family(store_, StoreAccess::kDeadLetters), DeadLetterKeyOf(seq));
}

void CommitBatch::UnparkOutbox(uint64_t seq, const store::OutboxEntry& entry) {
  batch_->Delete(StoreAccess::family(store_, StoreAccess::kDeadLetters), DeadLetterKeyOf(seq));
  batch_->Put(StoreAccess::family(store_, StoreAccess::kOutbox), OutboxKeyOf(seq),
              entry.SerializeAsString());
}

}  // namespace rasoat
