#include "sync/store/version_history.h"

#include <string>

#include "rocksdb/db.h"
#include "sync/store/keys.h"
#include "sync/store/rocks_status.h"
#include "sync/store/store_access.h"
#include "sync/store/version_value.h"

namespace rasoat {

struct VersionHistory::Rep {
  std::string upper_bound;
  rocksdb::Slice upper_bound_slice;
  std::unique_ptr<rocksdb::Iterator> it;
};

VersionHistory::VersionHistory(const Store& store, const Snapshot& at, std::string_view round_id,
                               std::string_view household_id, uint64_t last_version)
    : rep_(std::make_unique<Rep>()) {
  rep_->upper_bound = VersionKeyOf(round_id, household_id, last_version + 1);
  rep_->upper_bound_slice = rep_->upper_bound;
  rocksdb::ReadOptions read = StoreAccess::ReadAt(&at);
  read.iterate_upper_bound = &rep_->upper_bound_slice;
  rep_->it.reset(StoreAccess::db(store)->NewIterator(
      read, StoreAccess::family(store, StoreAccess::kVersions)));
  rep_->it->Seek(VersionKeyOf(round_id, household_id, 1));
}

VersionHistory::~VersionHistory() = default;

bool VersionHistory::Valid() const { return rep_->it->Valid(); }

uint64_t VersionHistory::version() const {
  // The key ends in the 8-byte big-endian version.
  const std::string_view key = rep_->it->key().ToStringView();
  return DecodeFixed64BE(key.substr(key.size() - 8));
}

absl::Status VersionHistory::Decode(store::VersionMeta* meta, v1::Household* record) const {
  return DecodeVersionValue(rep_->it->value().ToStringView(), meta, record);
}

void VersionHistory::Next() { rep_->it->Next(); }

absl::Status VersionHistory::status() const {
  return FromRocksStatus(rep_->it->status(), "read versions");
}

}  // namespace rasoat
