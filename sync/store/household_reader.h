// HouseholdReader reads households' heads and records at one snapshot into a buffer it reuses:
// a pull reads thousands of households, and once warm a read allocates nothing of its own (the
// value stays pinned in RocksDB's block cache and is parsed straight into the caller's message).
// A reader set to memory only never waits for the disk: what only the disk holds is refused with
// NotInMemoryError, so it may read on a thread that must not block.
//
// Thread-safety: used by one thread at a time; must not outlive its Store and Snapshot.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "rasoat/v1/household.pb.h"
#include "sync/store/store_records.pb.h"

namespace rocksdb {
class PinnableSlice;
}  // namespace rocksdb

namespace rasoat {

class Snapshot;
class Store;

// What a memory-only read answers for a value only the disk holds, and the test for it.
absl::Status NotInMemoryError();
bool IsNotInMemory(const absl::Status& status);

class HouseholdReader {
 public:
  // Reads `store` as of `at`; neither is owned.
  HouseholdReader(const Store& store, const Snapshot& at);
  ~HouseholdReader();
  HouseholdReader(const HouseholdReader&) = delete;
  HouseholdReader& operator=(const HouseholdReader&) = delete;

  // Whether the reads that follow look in memory only (the memtables and the block cache).
  void set_memory_only(bool memory_only) { memory_only_ = memory_only; }

  // Parses the household's head into `*head` (not owned). NOT_FOUND, DATA_LOSS, UNAVAILABLE or
  // INTERNAL as Store::ReadHead; NotInMemoryError if memory only and only the disk holds it.
  absl::Status ReadHead(std::string_view round_id, std::string_view household_id,
                        store::HouseholdHead* head);

  // Parses the record of `version` into `*record` (not owned) and returns the size of the
  // stored value. NOT_FOUND, DATA_LOSS, UNAVAILABLE or INTERNAL as Store::ReadVersion;
  // NotInMemoryError if memory only and only the disk holds it.
  absl::StatusOr<size_t> ReadRecord(std::string_view round_id, std::string_view household_id,
                                    uint64_t version, v1::Household* record);

  // Like ReadRecord, but copies the record's bytes as stored into `*bytes` (not owned) instead
  // of parsing them: for a reader that only passes the record on.
  absl::StatusOr<size_t> ReadRecordBytes(std::string_view round_id, std::string_view household_id,
                                         uint64_t version, std::string* bytes);

 private:
  const Store& store_;
  const Snapshot& at_;
  std::unique_ptr<rocksdb::PinnableSlice> value_;
  bool memory_only_ = false;
};

}  // namespace rasoat
