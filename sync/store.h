// Store: the RocksDB database of one rasoatd, with its column families (DESIGN.md "Storage"),
// and the one place where a rocksdb::Status becomes an absl::Status.
//
// Thread-safety: the handles may be used from any thread; RocksDB synchronizes. The Store must
// outlive every iterator and snapshot taken from it.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "rocksdb/db.h"

namespace rasoat {

struct StoreOptions {
  // Directory of the database; created if missing.
  // Default: none, required.
  std::string path;
  // Open read-only, e.g. to inspect a live server's data in a test or a tool.
  // Default: false.
  bool read_only = false;

  // OK, or INVALID_ARGUMENT naming the bad option.
  absl::Status Validate() const;
};

class Store {
 public:
  // Opens (creating if needed) the database at options.path. Recovers after a crash from the
  // WAL to the last durable write; never repairs. Returns FAILED_PRECONDITION if the directory
  // is locked by another rasoatd, DATA_LOSS if it is corrupt, INTERNAL for other I/O errors.
  static absl::StatusOr<std::unique_ptr<Store>> Open(const StoreOptions& options);

  ~Store();
  Store(const Store&) = delete;
  Store& operator=(const Store&) = delete;

  rocksdb::DB* db() const { return db_.get(); }
  rocksdb::ColumnFamilyHandle* households() const { return handles_[1]; }
  rocksdb::ColumnFamilyHandle* versions() const { return handles_[2]; }
  rocksdb::ColumnFamilyHandle* changes() const { return handles_[3]; }
  rocksdb::ColumnFamilyHandle* mutations() const { return handles_[4]; }
  rocksdb::ColumnFamilyHandle* meta() const { return handles_[5]; }
  rocksdb::ColumnFamilyHandle* outbox() const { return handles_[6]; }

  // The value of the meta counter `name` (8 bytes big-endian, combined by maximum), or 0.
  absl::StatusOr<uint64_t> ReadCounter(std::string_view name) const;

  // Since open: how many write batches were committed, and how many WAL fsyncs they took.
  // Concurrent synced writes share fsyncs, so under load wal_syncs() < writes().
  uint64_t writes() const;
  uint64_t wal_syncs() const;

 private:
  Store() = default;

  std::shared_ptr<rocksdb::Statistics> statistics_;
  std::unique_ptr<rocksdb::DB> db_;
  // Index 0 is the default family; the order is that of kColumnFamilies in store.cc.
  std::vector<rocksdb::ColumnFamilyHandle*> handles_;
};

// The absl::Status equivalent of a RocksDB status; `context` says what was being done.
// NotFound maps to NOT_FOUND, Corruption to DATA_LOSS, Busy/TimedOut/TryAgain to UNAVAILABLE,
// IOError to UNAVAILABLE (disk full, device gone), everything else to INTERNAL.
absl::Status FromRocksStatus(const rocksdb::Status& status, std::string_view context);

}  // namespace rasoat
