// Store: the RocksDB database of one rasoatd, with its column families (DESIGN.md "Storage"),
// its identity (what pull cursors are bound to), and its typed reads: a household's head, a
// version, a mutation's first result, a counter, the outbox. Each read parses what it finds and
// returns NOT_FOUND for what is absent and DATA_LOSS for what does not parse, so no caller ever
// sees RocksDB, a column family or raw bytes. The listings (store/change_stream.h,
// household_listing.h, version_history.h) and the one write path (store/committer.h) live beside it
// in sync/store; nothing outside sync/store includes a RocksDB header.
//
// Thread-safety: every method may be called from any thread (BumpEpoch by one at a time);
// RocksDB synchronizes. The Store must outlive every snapshot, listing and committer made from
// it.
#pragma once

#include <atomic>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "rasoat/v1/household.pb.h"
#include "rasoat/v1/sync.pb.h"
#include "sync/store/store_records.pb.h"
#include "sync/store/write_health.h"

namespace rocksdb {
class ColumnFamilyHandle;
class DB;
class Statistics;
}  // namespace rocksdb

namespace rasoat {

class Snapshot;

struct StoreOptions {
  // Directory of the database; created if missing.
  // Default: none, required.
  std::string path;
  // Open read-only, e.g. to inspect a stopped server's data in a test or a tool.
  // Default: false.
  bool read_only = false;
  // RocksDB's block cache, shared by every column family: more keeps more of the recent
  // households in memory for pulls and reviews. rasoatd sizes it from --memory_budget_mb.
  // Default: 64 MiB.
  size_t block_cache_bytes = 64 << 20;
  // All column families' memtables together (a WriteBufferManager): past it, the largest is
  // flushed. One family's memtable is at most half of it. Less means more, smaller flushes.
  // Default: 64 MiB; at least 4 MiB.
  size_t write_buffer_bytes = 64 << 20;

  // OK, or INVALID_ARGUMENT naming the bad option.
  absl::Status Validate() const;
};

// RocksDB's figures an operator watches (rasoatd's /metrics): whether writes are stopped or
// slowed, compaction debt, memory, the files of each column family, and the WAL's fsyncs.
struct StoreFigures {
  bool write_stopped = false;
  uint64_t delayed_write_rate = 0;  // bytes per second RocksDB slows writes to; 0: not slowed
  uint64_t pending_compaction_bytes = 0;
  uint64_t memtable_bytes = 0;
  uint64_t block_cache_bytes = 0;
  std::vector<std::pair<std::string, uint64_t>> sst_bytes;  // per column family, by name
  uint64_t wal_syncs = 0;
  double wal_sync_seconds = 0;  // all of them together
  double wal_sync_p99_seconds = 0;
};

// An outbox entry and the seq it is filed under (the seq of the approval's change).
struct OutboxItem {
  uint64_t seq = 0;
  store::OutboxEntry entry;
};

// A dead letter and the seq it is filed under (the one it had in the outbox).
struct DeadLetterItem {
  uint64_t seq = 0;
  store::DeadLetter letter;
};

// What the pull cursors a store issues are bound to and authenticated with (meta family): its
// id, 16 random bytes made at its first open; its epoch, a random number that a restore changes
// (Store::BumpEpoch); and the MAC key, 32 random bytes made at its first open. The views are
// good as long as the Store.
struct CursorIdentity {
  std::string_view store_id;
  uint64_t epoch = 0;
  std::string_view mac_key;
};

class Store {
 public:
  // Opens (creating if needed) the database at options.path. Recovers after a crash from the
  // WAL to the last durable write; never repairs. A store that has no identity yet (new, or
  // made before stores had one) gets it here, durably, unless opened read-only.
  // INVALID_ARGUMENT for bad options;
  // FAILED_PRECONDITION if the directory is locked by another process or was written by a newer
  // rasoatd (its schema version, meta "schema_version", is above this one's); DATA_LOSS if it is
  // corrupt; UNAVAILABLE or INTERNAL for other I/O errors.
  static absl::StatusOr<std::unique_ptr<Store>> Open(const StoreOptions& options);

  ~Store();
  Store(const Store&) = delete;
  Store& operator=(const Store&) = delete;

  // The head of household (round_id, household_id), as of `at` (null: the latest state).
  // NOT_FOUND "household H of round R: not found"; DATA_LOSS if it does not parse; UNAVAILABLE
  // or INTERNAL if it cannot be read.
  absl::StatusOr<store::HouseholdHead> ReadHead(std::string_view round_id,
                                                std::string_view household_id,
                                                const Snapshot* at = nullptr) const;

  // Version `version` of the household, as of `at`: its meta and its record, each parsed only
  // if its pointer is not null (neither is owned). NOT_FOUND "household H has no version V";
  // otherwise as ReadHead.
  absl::Status ReadVersion(std::string_view round_id, std::string_view household_id,
                           uint64_t version, store::VersionMeta* meta, v1::Household* record,
                           const Snapshot* at = nullptr) const;

  // The result first returned for mutation `mutation_id` of `device_id`: true with `*result`
  // set, and `*digest`, if not null, to the digest kept with it (empty for a result stored
  // before digests were kept); or false if no such mutation was ever stored. Neither pointer is
  // owned. DATA_LOSS, UNAVAILABLE or INTERNAL as ReadHead.
  absl::StatusOr<bool> FindMutationResult(std::string_view device_id, std::string_view mutation_id,
                                          v1::MutationResult* result,
                                          std::string* digest = nullptr) const;

  // A result FindMutationResults found: as FindMutationResult's `*result` and `*digest`.
  struct StoredResult {
    v1::MutationResult result;
    std::string digest;
  };
  // FindMutationResult for each of `mutation_ids` of `device_id`, read together (one RocksDB
  // MultiGet): (*found)[i] is mutation_ids[i]'s result, or empty if it was never stored.
  // DATA_LOSS, UNAVAILABLE or INTERNAL as FindMutationResult, with `*found` unspecified.
  absl::Status FindMutationResults(std::string_view device_id,
                                   const std::vector<std::string_view>& mutation_ids,
                                   std::vector<std::optional<StoredResult>>* found) const;

  // ReadHead for each of `households` (not owned), read together (one RocksDB MultiGet):
  // (*heads)[i] is the head of households[i], or empty if it has none.
  // DATA_LOSS, UNAVAILABLE or INTERNAL as ReadHead, with `*heads` unspecified.
  absl::Status ReadHeads(const std::vector<const v1::HouseholdKey*>& households,
                         std::vector<std::optional<store::HouseholdHead>>* heads) const;

  // A version of a household, as ReadVersionValues reads it.
  struct VersionRef {
    std::string_view round_id;
    std::string_view household_id;
    uint64_t version = 0;
  };
  // The values of `versions`, encoded as store/version_value.h says, read together (one
  // RocksDB MultiGet): (*values)[i] is versions[i]'s, or empty if the household has no such
  // version. For a caller that parses only part of a value, or only later: a push merging
  // against versions it may never need the meta of. UNAVAILABLE or INTERNAL as ReadVersion,
  // with `*values` unspecified.
  absl::Status ReadVersionValues(const std::vector<VersionRef>& versions,
                                 std::vector<std::optional<std::string>>* values) const;

  // The store's identity as it is now. A store opened read-only that was never opened for
  // writing since stores had one has none: empty views, epoch 0.
  CursorIdentity cursor_identity() const {
    return CursorIdentity{store_id_, epoch_.load(std::memory_order_acquire), cursor_mac_key_};
  }

  // Gives the store a new epoch, different from the one it had, so that no pull cursor issued
  // before is honoured: what a restore from a backup must do, since the restored store would
  // otherwise take cursors issued after the backup for its own and skip what they claim was
  // delivered. Durable (WAL synced) when it returns the new epoch; pulls started afterwards
  // see it. FAILED_PRECONDITION if the store is read-only; UNAVAILABLE or INTERNAL if it cannot
  // be written. REQUIRES: no other BumpEpoch at the same time (a restore bumps once, before the
  // store serves).
  absl::StatusOr<uint64_t> BumpEpoch();

  // The meta counter `name` (store/keys.h), or 0 if never written. DATA_LOSS if malformed.
  absl::StatusOr<uint64_t> ReadCounter(std::string_view name) const;

  // How many entries the outbox holds.
  absl::StatusOr<uint64_t> CountOutbox() const;
  // The oldest `limit` outbox entries, oldest first. DATA_LOSS naming the seq of an entry that
  // does not parse: it stays until removed by hand, and nothing after it is delivered.
  absl::StatusOr<std::vector<OutboxItem>> ReadOutbox(size_t limit) const;

  // How many dead letters there are: outbox entries the publisher parked (store_records.proto).
  absl::StatusOr<uint64_t> CountDeadLetters() const;
  // The oldest `limit` dead letters, by seq. DATA_LOSS naming the seq of one that does not
  // parse.
  absl::StatusOr<std::vector<DeadLetterItem>> ReadDeadLetters(size_t limit) const;

  // Since open: how many write batches were committed, and how many WAL fsyncs they took.
  // Concurrent synced writes share fsyncs, so under load wal_syncs() < writes().
  uint64_t writes() const;
  uint64_t wal_syncs() const;
  // RocksDB's figures now; a few property reads, no I/O.
  StoreFigures Figures() const;

  // Whether the store can write now (store/write_health.h): the committer reports each write,
  // RocksDB its background errors and recoveries.
  WriteHealth& write_health() const { return *write_health_; }

 private:
  friend class StoreAccess;
  Store() = default;

  // The number of keys of `family`; `context` names it in an error.
  absl::StatusOr<uint64_t> CountKeys(rocksdb::ColumnFamilyHandle* family,
                                     const char* context) const;
  // The first `limit` items of `family`, keyed by 8-byte seq, each value parsed into
  // *message_of(item); `what` names an item in an error.
  template <typename Item, typename MessageOf>
  absl::StatusOr<std::vector<Item>> ReadBySeq(rocksdb::ColumnFamilyHandle* family, size_t limit,
                                              const char* what, MessageOf message_of) const;

  // Reads the schema version and the identity from meta, making (and durably writing) what is
  // missing unless read-only. DATA_LOSS if what is there is malformed; FAILED_PRECONDITION for a
  // store a newer rasoatd wrote (a newer schema version).
  absl::Status LoadIdentity(bool read_only);

  std::shared_ptr<rocksdb::Statistics> statistics_;
  // Before db_, so it outlives the RocksDB listener that reports to it.
  std::unique_ptr<WriteHealth> write_health_ = std::make_unique<WriteHealth>();
  std::unique_ptr<rocksdb::DB> db_;
  // Index 0 is the default family; the order is that of StoreAccess::Family.
  std::vector<rocksdb::ColumnFamilyHandle*> handles_;
  bool read_only_ = false;
  // Set by LoadIdentity at open; only the epoch changes afterwards.
  std::string store_id_;
  std::string cursor_mac_key_;
  std::atomic<uint64_t> epoch_{0};
};

}  // namespace rasoat
