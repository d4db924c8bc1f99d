// The one live change entry of a household (DESIGN.md "Storage", changes family): where it is,
// and moving it to a new seq in the same batch as the change itself, so that a pull costs
// O(households changed), not O(edits).
//
// Thread-safety: pure functions over a batch the caller owns.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "rocksdb/write_batch.h"
#include "sync/store.h"
#include "sync/store_records.pb.h"

namespace rasoat {

// Where a household's change entry is; seq 0: it has none yet.
struct ChangeLocation {
  std::string commune_code;
  std::string village_code;
  uint64_t seq = 0;
};

inline ChangeLocation ChangeLocationOf(const store::HouseholdHead& head) {
  return ChangeLocation{head.commune_code(), head.village_code(), head.change_seq()};
}

// Adds to `batch`: the deletion of the entry at `old` (if any), a new entry at `seq` under the
// head's commune and village, and the head itself with change_seq = seq.
void RefileChange(const Store& store, std::string_view round_id, std::string_view household_id,
                  const ChangeLocation& old, uint64_t seq, store::HouseholdHead* head,
                  rocksdb::WriteBatch* batch);

}  // namespace rasoat
