// CommitBatch: everything one state change writes, gathered before the Committer writes it as
// one atomic, durable batch (DESIGN.md "Storage": every state change is one WriteBatch). A push
// adds the versions it made, the results it sent and the households it changed; a decision adds
// the changed head and, for an approval, the publish event; the publisher adds the head it
// updated and the outbox entry it delivered or parked. Change seqs are not known yet: the Committer
// reserves them and files each changed household under its own.
//
// Thread-safety: one owner at a time; not thread-safe.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "rasoat/v1/sync.pb.h"
#include "sync/store/store_records.pb.h"

namespace rocksdb {
class WriteBatch;
}  // namespace rocksdb

namespace rasoat {

class Store;

// Where a household's one live change entry is (DESIGN.md "Storage", changes family); seq 0:
// it has none yet.
struct ChangeLocation {
  std::string commune_code;
  std::string village_code;
  uint64_t seq = 0;
};

inline ChangeLocation ChangeLocationOf(const store::HouseholdHead& head) {
  return ChangeLocation{head.commune_code(), head.village_code(), head.change_seq()};
}

class CommitBatch {
 public:
  // A batch for `store` (not owned), which must outlive it.
  explicit CommitBatch(const Store& store);
  ~CommitBatch();
  CommitBatch(const CommitBatch&) = delete;
  CommitBatch& operator=(const CommitBatch&) = delete;

  // Adds version `version` of the household; `value` is its encoding (store/version_value.h).
  void PutVersion(std::string_view round_id, std::string_view household_id, uint64_t version,
                  std::string_view value);

  // Keeps the result sent for a mutation, with the mutation's digest, so that its retries are
  // answered with it and its id reused for other content is told apart
  // (store/mutation_value.h).
  void PutMutationResult(std::string_view device_id, std::string_view mutation_id,
                         std::string_view digest, const v1::MutationResult& result);

  // The household changed in a way tablets must receive in Pull: at commit its change entry
  // moves from `old` to a new seq under the head's commune and village (so a pull costs
  // O(households changed), not O(edits)), and `*head` is written with change_seq set to it.
  // A household that leaves the village of `old` leaves a removal entry there, at a seq of its
  // own just before the new one, so that the old village's tablets drop it; one it had left in
  // the village it comes (back) to goes. head->removal_entries() says where they are.
  // `publish`, if not null, is written to the outbox under the same seq. Neither pointer is
  // owned; both must stay valid until the commit returns. A household is filed at most once.
  void FileChange(std::string_view round_id, std::string_view household_id,
                  const ChangeLocation& old, store::HouseholdHead* head,
                  const store::OutboxEntry* publish = nullptr);

  // Writes `head` as it is, filing no change: for what tablets need not receive (the version
  // the program store has confirmed).
  void PutHead(std::string_view round_id, std::string_view household_id,
               const store::HouseholdHead& head);

  // Removes the outbox entry filed under `seq`: the program store has it.
  void DeleteOutbox(uint64_t seq);

  // Moves the outbox entry filed under `seq` to the dead letters, as `letter`, under the same
  // seq: the publisher parks it.
  void ParkOutbox(uint64_t seq, const store::DeadLetter& letter);
  // Moves the dead letter filed under `seq` back to the outbox, as `entry`, under the same seq:
  // an admin retries it.
  void UnparkOutbox(uint64_t seq, const store::OutboxEntry& entry);
  // Removes the dead letter filed under `seq`: a newer approval of its household supersedes it.
  void DeleteDeadLetter(uint64_t seq);

  // Writes a user, a tablet, a token (under the SHA-256 hash of the token), or removes a token
  // (store/keys.h, the identity family). The identity component serializes these itself: they
  // take no household lock.
  void PutUser(const store::UserRecord& user);
  void PutDevice(const v1::Device& device);
  void PutToken(std::string_view token_hash, const v1::TokenInfo& token);
  void DeleteToken(std::string_view token_hash);
  // Writes when the tablet `device_id` was last seen (keys.h, kIdentityDeviceSeen).
  void PutDeviceSeen(std::string_view device_id, int64_t unix_micros);

  // Adds an audit entry of this change, `unsealed` (a serialized rasoat.audit.AuditEntry without
  // seq or hash): the commit files it under a seq of its own in audit_pending, in the same batch,
  // and the audit log seals it onto its chain once it is committed (sync/audit/audit_log.h).
  void AddAuditEntry(std::string unsealed);
  // The audit log's sealing: moves the pending entry under `pending_seq` to the log as
  // `sealed`, under `log_seq`.
  void SealAuditEntry(uint64_t pending_seq, uint64_t log_seq, std::string_view sealed);

  // How many households FileChange filed: the seqs the commit reserves.
  size_t filed_changes() const { return filed_.size(); }

 private:
  friend class Committer;

  struct Filed {
    std::string round_id;
    std::string household_id;
    ChangeLocation old;
    store::HouseholdHead* head;         // not owned
    const store::OutboxEntry* publish;  // not owned; may be null
  };

  const Store& store_;
  std::unique_ptr<rocksdb::WriteBatch> batch_;
  std::vector<Filed> filed_;
  // AddAuditEntry's entries, in order.
  std::vector<std::string> audit_;
  // Households-family keys of the heads PutHead wrote, for the committer's lock check.
  std::vector<std::string> put_heads_;
};

}  // namespace rasoat
