// VersionHistory: the versions of one household, oldest first, as of a snapshot — what a
// reviewer's history of the household is made from. One range of the versions family.
//
// Thread-safety: used by one thread at a time; must not outlive its Store and Snapshot.
#pragma once

#include <cstdint>
#include <memory>
#include <string_view>

#include "absl/status/status.h"
#include "rasoat/v1/household.pb.h"
#include "sync/store/store_records.pb.h"

namespace rasoat {

class Snapshot;
class Store;

class VersionHistory {
 public:
  // Versions 1 to `last_version` of the household, as of `at`. Neither is owned.
  VersionHistory(const Store& store, const Snapshot& at, std::string_view round_id,
                 std::string_view household_id, uint64_t last_version);
  ~VersionHistory();
  VersionHistory(const VersionHistory&) = delete;
  VersionHistory& operator=(const VersionHistory&) = delete;

  // Whether the history is at a version. False at the end and after a read error.
  bool Valid() const;
  // REQUIRES: Valid().
  uint64_t version() const;
  // Parses the version's meta and record, each only if its pointer is not null (neither is
  // owned). DATA_LOSS if the value is malformed. REQUIRES: Valid().
  absl::Status Decode(store::VersionMeta* meta, v1::Household* record) const;
  // REQUIRES: Valid().
  void Next();
  // OK, or UNAVAILABLE/INTERNAL if reading failed.
  absl::Status status() const;

 private:
  struct Rep;
  std::unique_ptr<Rep> rep_;
};

}  // namespace rasoat
