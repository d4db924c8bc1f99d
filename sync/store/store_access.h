// StoreAccess: the RocksDB handles behind a Store and a Snapshot, and the decoding shared by
// the store's readers, for the code of sync/store only (the committer, the listings, the
// readers). Nothing outside sync/store includes this header: tests/check_layering.sh fails the
// tests if anything does.
//
// Thread-safety: static functions over thread-safe RocksDB handles.
#pragma once

#include <string_view>
#include <vector>

#include "absl/status/status.h"
#include "rocksdb/db.h"
#include "sync/store/snapshot.h"
#include "sync/store/store.h"
#include "sync/store/store_records.pb.h"

namespace rasoat {

class StoreAccess {
 public:
  // The column families, in the order Store opens them (index 0 is RocksDB's default).
  enum Family {
    kHouseholds = 1,
    kVersions,
    kChanges,
    kMutations,
    kMeta,
    kOutbox,
    kDeadLetters,
    kIdentity,
    kAuditPending,
    kAudit,
  };

  static rocksdb::DB* db(const Store& store) { return store.db_.get(); }
  static rocksdb::ColumnFamilyHandle* family(const Store& store, Family family) {
    return store.handles_[family];
  }
  // Where a read may look: everywhere, or only in memory (the memtables and the block cache),
  // never waiting for the disk.
  enum class Tier { kAll, kMemoryOnly };

  // Read options that read as of `at`, or the latest state when `at` is null.
  static rocksdb::ReadOptions ReadAt(const Snapshot* at, Tier tier = Tier::kAll) {
    rocksdb::ReadOptions read;
    if (at != nullptr) read.snapshot = at->snapshot_;
    if (tier == Tier::kMemoryOnly) read.read_tier = rocksdb::kBlockCacheTier;
    return read;
  }

  // Reads `key` of `family` into `*value` (not owned). NOT_FOUND (with no message) if absent;
  // UNAVAILABLE or INTERNAL naming `context` if it cannot be read; with Tier::kMemoryOnly, the
  // status of NotInMemoryError if only the disk has it.
  static absl::Status Get(const Store& store, Family family, std::string_view key,
                          const Snapshot* at, rocksdb::PinnableSlice* value,
                          std::string_view context, Tier tier = Tier::kAll);

  // Get for each of `keys` of `family` at once (one RocksDB MultiGet, latest state):
  // (*values)[i] and the status of keys[i], OK or NOT_FOUND (with no message); UNAVAILABLE or
  // INTERNAL naming `context` for the first key that could not be read.
  static absl::Status MultiGet(const Store& store, Family family,
                               const std::vector<std::string_view>& keys,
                               std::vector<rocksdb::PinnableSlice>* values,
                               std::vector<bool>* found, std::string_view context);

  // Reads and parses the household's head into `*head` through `*buffer` (neither owned).
  // NOT_FOUND "household H of round R: not found"; DATA_LOSS if it does not parse; UNAVAILABLE
  // or INTERNAL if it cannot be read.
  static absl::Status ReadHead(const Store& store, std::string_view round_id,
                               std::string_view household_id, const Snapshot* at,
                               rocksdb::PinnableSlice* buffer, store::HouseholdHead* head,
                               Tier tier = Tier::kAll);

  // Reads the encoded value of the household's version `version` into `*value` (not owned).
  // NOT_FOUND "household H has no version V"; UNAVAILABLE or INTERNAL if it cannot be read.
  static absl::Status ReadVersionValue(const Store& store, std::string_view round_id,
                                       std::string_view household_id, uint64_t version,
                                       const Snapshot* at, rocksdb::PinnableSlice* value,
                                       Tier tier = Tier::kAll);
};

}  // namespace rasoat
