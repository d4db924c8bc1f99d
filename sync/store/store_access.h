// StoreAccess: the RocksDB handles behind a Store and a Snapshot, and the decoding shared by
// the store's readers, for the code of sync/store only (the committer, the listings, the
// readers). Nothing outside sync/store includes this header: tests/check_layering.sh fails the
// tests if anything does.
//
// Thread-safety: static functions over thread-safe RocksDB handles.
#pragma once

#include <string_view>

#include "absl/status/status.h"
#include "rocksdb/db.h"
#include "sync/store/snapshot.h"
#include "sync/store/store.h"
#include "sync/store/store_records.pb.h"

namespace rasoat {

class StoreAccess {
 public:
  // The column families, in the order Store opens them (index 0 is RocksDB's default).
  enum Family { kHouseholds = 1, kVersions, kChanges, kMutations, kMeta, kOutbox };

  static rocksdb::DB* db(const Store& store) { return store.db_.get(); }
  static rocksdb::ColumnFamilyHandle* family(const Store& store, Family family) {
    return store.handles_[family];
  }
  // Read options that read as of `at`, or the latest state when `at` is null.
  static rocksdb::ReadOptions ReadAt(const Snapshot* at) {
    rocksdb::ReadOptions read;
    if (at != nullptr) read.snapshot = at->snapshot_;
    return read;
  }

  // Reads `key` of `family` into `*value` (not owned). NOT_FOUND (with no message) if absent;
  // UNAVAILABLE or INTERNAL naming `context` if it cannot be read.
  static absl::Status Get(const Store& store, Family family, std::string_view key,
                          const Snapshot* at, rocksdb::PinnableSlice* value,
                          std::string_view context);

  // Reads and parses the household's head into `*head` through `*buffer` (neither owned).
  // NOT_FOUND "household H of round R: not found"; DATA_LOSS if it does not parse; UNAVAILABLE
  // or INTERNAL if it cannot be read.
  static absl::Status ReadHead(const Store& store, std::string_view round_id,
                               std::string_view household_id, const Snapshot* at,
                               rocksdb::PinnableSlice* buffer, store::HouseholdHead* head);

  // Reads the encoded value of the household's version `version` into `*value` (not owned).
  // NOT_FOUND "household H has no version V"; UNAVAILABLE or INTERNAL if it cannot be read.
  static absl::Status ReadVersionValue(const Store& store, std::string_view round_id,
                                       std::string_view household_id, uint64_t version,
                                       const Snapshot* at, rocksdb::PinnableSlice* value);
};

}  // namespace rasoat
