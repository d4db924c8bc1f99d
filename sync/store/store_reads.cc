// The Store's typed reads of households and mutations (store.h): one at a time, or several
// together in one RocksDB MultiGet, as a push reads what its batch needs.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "absl/strings/str_cat.h"
#include "rocksdb/db.h"
#include "sync/base/status_macros.h"
#include "sync/store/keys.h"
#include "sync/store/mutation_value.h"
#include "sync/store/store.h"
#include "sync/store/store_access.h"
#include "sync/store/version_value.h"

namespace rasoat {
namespace {

// Reads `keys` of `family` of `store` together (one RocksDB MultiGet) and calls
// on_found(i, value) for each of them present, stopping at the first error it returns.
template <typename OnFound>
absl::Status ReadTogether(const Store& store, StoreAccess::Family family,
                          const std::vector<std::string>& keys, std::string_view context,
                          OnFound on_found) {
  std::vector<rocksdb::PinnableSlice> values;
  std::vector<bool> present;
  RETURN_IF_ERROR(StoreAccess::MultiGet(store, family,
                                        std::vector<std::string_view>(keys.begin(), keys.end()),
                                        &values, &present, context));
  for (size_t i = 0; i < keys.size(); ++i) {
    if (present[i]) RETURN_IF_ERROR(on_found(i, values[i].ToStringView()));
  }
  return absl::OkStatus();
}

}  // namespace

absl::StatusOr<store::HouseholdHead> Store::ReadHead(std::string_view round_id,
                                                     std::string_view household_id,
                                                     const Snapshot* at) const {
  rocksdb::PinnableSlice buffer;
  store::HouseholdHead head;
  absl::Status read = StoreAccess::ReadHead(*this, round_id, household_id, at, &buffer, &head);
  if (!read.ok()) return read;
  return head;
}

absl::Status Store::ReadVersion(std::string_view round_id, std::string_view household_id,
                                uint64_t version, store::VersionMeta* meta, v1::Household* record,
                                const Snapshot* at) const {
  rocksdb::PinnableSlice value;
  absl::Status read =
      StoreAccess::ReadVersionValue(*this, round_id, household_id, version, at, &value);
  if (!read.ok()) return read;
  return DecodeVersionValue(value.ToStringView(), meta, record);
}

absl::StatusOr<bool> Store::FindMutationResult(std::string_view device_id,
                                               std::string_view mutation_id,
                                               v1::MutationResult* result,
                                               std::string* digest) const {
  rocksdb::PinnableSlice value;
  absl::Status read =
      StoreAccess::Get(*this, StoreAccess::kMutations, MutationKeyOf(device_id, mutation_id),
                       nullptr, &value, "read mutation result");
  if (absl::IsNotFound(read)) return false;
  if (!read.ok()) return read;
  if (absl::Status decoded = DecodeMutationValue(value.ToStringView(), digest, result);
      !decoded.ok()) {
    return absl::DataLossError(absl::StrCat("result of mutation ", std::string(mutation_id), ": ",
                                            std::string(decoded.message())));
  }
  return true;
}

absl::Status Store::FindMutationResults(std::string_view device_id,
                                        const std::vector<std::string_view>& mutation_ids,
                                        std::vector<std::optional<StoredResult>>* found) const {
  std::vector<std::string> keys;
  keys.reserve(mutation_ids.size());
  for (std::string_view id : mutation_ids) keys.push_back(MutationKeyOf(device_id, id));
  found->assign(mutation_ids.size(), std::nullopt);
  return ReadTogether(
      *this, StoreAccess::kMutations, keys, "read mutation results",
      [&](size_t i, std::string_view value) {
        StoredResult& stored = (*found)[i].emplace();
        absl::Status decoded = DecodeMutationValue(value, &stored.digest, &stored.result);
        if (decoded.ok()) return decoded;
        return absl::DataLossError(absl::StrCat("result of mutation ", std::string(mutation_ids[i]),
                                                ": ", std::string(decoded.message())));
      });
}

absl::Status Store::ReadHeads(const std::vector<const v1::HouseholdKey*>& households,
                              std::vector<std::optional<store::HouseholdHead>>* heads) const {
  std::vector<std::string> keys;
  keys.reserve(households.size());
  for (const v1::HouseholdKey* household : households) {
    keys.push_back(HouseholdKeyOf(household->round_id(), household->household_id()));
  }
  heads->assign(households.size(), std::nullopt);
  return ReadTogether(
      *this, StoreAccess::kHouseholds, keys, "read household heads",
      [&](size_t i, std::string_view value) {
        if ((*heads)[i].emplace().ParseFromArray(value.data(), static_cast<int>(value.size()))) {
          return absl::OkStatus();
        }
        return absl::DataLossError(
            absl::StrCat("household head of ", households[i]->household_id(), ": corrupt"));
      });
}

absl::Status Store::ReadVersionValues(const std::vector<VersionRef>& versions,
                                      std::vector<std::optional<std::string>>* values) const {
  std::vector<std::string> keys;
  keys.reserve(versions.size());
  for (const VersionRef& ref : versions) {
    keys.push_back(VersionKeyOf(ref.round_id, ref.household_id, ref.version));
  }
  values->assign(versions.size(), std::nullopt);
  return ReadTogether(*this, StoreAccess::kVersions, keys, "read household versions",
                      [&](size_t i, std::string_view value) {
                        (*values)[i].emplace(value);
                        return absl::OkStatus();
                      });
}

}  // namespace rasoat
