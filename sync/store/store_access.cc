#include "sync/store/store_access.h"

#include "absl/strings/str_cat.h"
#include "sync/store/household_reader.h"
#include "sync/store/keys.h"
#include "sync/store/rocks_status.h"

namespace rasoat {

absl::Status StoreAccess::Get(const Store& store, Family family, std::string_view key,
                              const Snapshot* at, rocksdb::PinnableSlice* value,
                              std::string_view context, Tier tier) {
  value->Reset();
  const rocksdb::Status status =
      db(store)->Get(ReadAt(at, tier), StoreAccess::family(store, family), key, value);
  if (status.IsNotFound()) return absl::NotFoundError("");
  if (status.IsIncomplete() && tier == Tier::kMemoryOnly) return NotInMemoryError();
  return FromRocksStatus(status, context);
}

absl::Status StoreAccess::MultiGet(const Store& store, Family family,
                                   const std::vector<std::string_view>& keys,
                                   std::vector<rocksdb::PinnableSlice>* values,
                                   std::vector<bool>* found, std::string_view context) {
  const size_t count = keys.size();
  std::vector<rocksdb::Slice> slices(keys.begin(), keys.end());
  std::vector<rocksdb::Status> statuses(count);
  values->clear();
  values->resize(count);
  db(store)->MultiGet(rocksdb::ReadOptions(), StoreAccess::family(store, family), count,
                      slices.data(), values->data(), statuses.data());
  found->assign(count, false);
  for (size_t i = 0; i < count; ++i) {
    if (statuses[i].IsNotFound()) continue;
    if (!statuses[i].ok()) return FromRocksStatus(statuses[i], context);
    (*found)[i] = true;
  }
  return absl::OkStatus();
}

absl::Status StoreAccess::ReadHead(const Store& store, std::string_view round_id,
                                   std::string_view household_id, const Snapshot* at,
                                   rocksdb::PinnableSlice* buffer, store::HouseholdHead* head,
                                   Tier tier) {
  absl::Status read = Get(store, kHouseholds, HouseholdKeyOf(round_id, household_id), at, buffer,
                          "read household head", tier);
  if (absl::IsNotFound(read)) {
    return absl::NotFoundError(absl::StrCat("household ", std::string(household_id), " of round ",
                                            std::string(round_id), ": not found"));
  }
  if (!read.ok()) return read;
  if (!head->ParseFromArray(buffer->data(), static_cast<int>(buffer->size()))) {
    return absl::DataLossError(
        absl::StrCat("household head of ", std::string(household_id), ": corrupt"));
  }
  return absl::OkStatus();
}

absl::Status StoreAccess::ReadVersionValue(const Store& store, std::string_view round_id,
                                           std::string_view household_id, uint64_t version,
                                           const Snapshot* at, rocksdb::PinnableSlice* value,
                                           Tier tier) {
  absl::Status read = Get(store, kVersions, VersionKeyOf(round_id, household_id, version), at,
                          value, "read version", tier);
  if (absl::IsNotFound(read)) {
    return absl::NotFoundError(
        absl::StrCat("household ", std::string(household_id), " has no version ", version));
  }
  return read;
}

}  // namespace rasoat
