#include "sync/store/household_tally.h"

#include <memory>

#include "absl/strings/str_cat.h"
#include "rocksdb/db.h"
#include "sync/base/status_macros.h"
#include "sync/store/keys.h"
#include "sync/store/rocks_status.h"
#include "sync/store/store.h"
#include "sync/store/store_access.h"
#include "sync/store/store_records.pb.h"

namespace rasoat {

absl::StatusOr<std::map<std::string, RoundTally>> TallyHouseholds(const Store& store) {
  rocksdb::ReadOptions read;
  read.fill_cache = false;  // one pass over everything: keep the cache for the hot paths
  std::unique_ptr<rocksdb::Iterator> it(StoreAccess::db(store)->NewIterator(
      read, StoreAccess::family(store, StoreAccess::kHouseholds)));
  std::map<std::string, RoundTally> rounds;
  std::string round_id;
  RoundTally* tally = nullptr;
  store::HouseholdHead head;
  for (it->SeekToFirst(); it->Valid(); it->Next()) {
    const std::string_view key(it->key().data(), it->key().size());
    const std::optional<std::string_view> round = RoundOfKey(key);
    if (!round.has_value()) return absl::DataLossError("a household's key is malformed");
    if (!head.ParseFromArray(it->value().data(), static_cast<int>(it->value().size()))) {
      // The household id follows the round's: its length byte, then the id.
      const std::string_view rest = key.substr(1 + round->size());
      return absl::DataLossError(
          absl::StrCat("the head of household ", std::string(rest.empty() ? "" : rest.substr(1)),
                       " of round ", std::string(*round), " does not parse"));
    }
    if (tally == nullptr || *round != round_id) {  // keys come round by round
      round_id = std::string(*round);
      tally = &rounds[round_id];
    }
    ++tally->by_status[head.status()];
    ++tally->by_step[head.procedure_step()];
    tally->open_conflicts += static_cast<uint64_t>(head.conflicts_size());
  }
  RETURN_IF_ERROR(FromRocksStatus(it->status(), "the households' heads"));
  return rounds;
}

}  // namespace rasoat
