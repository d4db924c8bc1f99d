#include "sync/store/change_stream.h"

#include "rocksdb/db.h"
#include "sync/store/keys.h"
#include "sync/store/rocks_status.h"
#include "sync/store/store_access.h"

namespace rasoat {

absl::StatusOr<std::vector<std::string>> ListVillages(const Store& store, const Snapshot& at,
                                                      std::string_view round_id,
                                                      std::string_view commune_code) {
  // Skip-scan the commune's change entries: one seek per village.
  const std::string prefix = ChangeCommunePrefixOf(round_id, commune_code);
  std::unique_ptr<rocksdb::Iterator> it(StoreAccess::db(store)->NewIterator(
      StoreAccess::ReadAt(&at), StoreAccess::family(store, StoreAccess::kChanges)));
  std::vector<std::string> villages;
  for (it->Seek(prefix); it->Valid() && it->key().starts_with(prefix);) {
    std::optional<std::string_view> village =
        VillageOfChangeKey(it->key().ToStringView(), prefix.size());
    if (!village.has_value()) return absl::DataLossError("change key: malformed");
    villages.emplace_back(*village);
    it->Seek(ChangePrefixOf(round_id, commune_code, *village) + std::string(9, '\xff'));
  }
  if (absl::Status status = FromRocksStatus(it->status(), "list villages"); !status.ok()) {
    return status;
  }
  return villages;
}

struct ChangeStream::Rep {
  std::string upper_bound;
  rocksdb::Slice upper_bound_slice;
  std::unique_ptr<rocksdb::Iterator> it;
};

ChangeStream::ChangeStream(const Store& store, const Snapshot& at, std::string_view round_id,
                           std::string_view commune_code, std::string_view village_code,
                           uint64_t after, uint64_t through)
    : rep_(std::make_unique<Rep>()) {
  rep_->upper_bound = ChangeKeyOf(round_id, commune_code, village_code, through + 1);
  rep_->upper_bound_slice = rep_->upper_bound;
  rocksdb::ReadOptions read = StoreAccess::ReadAt(&at);
  read.iterate_upper_bound = &rep_->upper_bound_slice;
  rep_->it.reset(
      StoreAccess::db(store)->NewIterator(read, StoreAccess::family(store, StoreAccess::kChanges)));
  rep_->it->Seek(ChangeKeyOf(round_id, commune_code, village_code, after + 1));
}

ChangeStream::~ChangeStream() = default;

bool ChangeStream::Valid() const { return rep_->it->Valid(); }

uint64_t ChangeStream::seq() const { return SeqOfChangeKey(rep_->it->key().ToStringView()); }

std::string_view ChangeStream::household_id() const {
  return ParseChangeEntry(rep_->it->value().ToStringView()).household_id;
}

bool ChangeStream::is_removal() const {
  return ParseChangeEntry(rep_->it->value().ToStringView()).removal;
}

v1::RemovalReason ChangeStream::removal_reason() const {
  const uint8_t reason = ParseChangeEntry(rep_->it->value().ToStringView()).reason;
  // A reason this build does not know is still a removal.
  return v1::RemovalReason_IsValid(reason) ? static_cast<v1::RemovalReason>(reason)
                                           : v1::REMOVAL_REASON_UNSPECIFIED;
}

void ChangeStream::Next() { rep_->it->Next(); }

absl::Status ChangeStream::status() const {
  return FromRocksStatus(rep_->it->status(), "read changes");
}

}  // namespace rasoat
