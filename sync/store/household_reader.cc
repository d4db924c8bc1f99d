#include "sync/store/household_reader.h"

#include "rocksdb/db.h"
#include "sync/store/store_access.h"
#include "sync/store/version_value.h"

namespace rasoat {

HouseholdReader::HouseholdReader(const Store& store, const Snapshot& at)
    : store_(store), at_(at), value_(std::make_unique<rocksdb::PinnableSlice>()) {}

HouseholdReader::~HouseholdReader() = default;

absl::Status HouseholdReader::ReadHead(std::string_view round_id, std::string_view household_id,
                                       store::HouseholdHead* head) {
  return StoreAccess::ReadHead(store_, round_id, household_id, &at_, value_.get(), head);
}

absl::StatusOr<size_t> HouseholdReader::ReadRecord(std::string_view round_id,
                                                   std::string_view household_id, uint64_t version,
                                                   v1::Household* record) {
  absl::Status read =
      StoreAccess::ReadVersionValue(store_, round_id, household_id, version, &at_, value_.get());
  if (!read.ok()) return read;
  if (absl::Status decoded = DecodeVersionValue(value_->ToStringView(), nullptr, record);
      !decoded.ok()) {
    return decoded;
  }
  return value_->size();
}

}  // namespace rasoat
