#include "sync/store/household_reader.h"

#include "absl/strings/cord.h"
#include "rocksdb/db.h"
#include "sync/store/store_access.h"
#include "sync/store/version_value.h"

namespace rasoat {
namespace {

constexpr char kNotInMemoryPayload[] = "type.rasoat/not-in-memory";

StoreAccess::Tier TierOf(bool memory_only) {
  return memory_only ? StoreAccess::Tier::kMemoryOnly : StoreAccess::Tier::kAll;
}

}  // namespace

absl::Status NotInMemoryError() {
  absl::Status status = absl::UnavailableError("read: only the disk holds it");
  status.SetPayload(kNotInMemoryPayload, absl::Cord());
  return status;
}

bool IsNotInMemory(const absl::Status& status) {
  return status.GetPayload(kNotInMemoryPayload).has_value();
}

HouseholdReader::HouseholdReader(const Store& store, const Snapshot& at)
    : store_(store), at_(at), value_(std::make_unique<rocksdb::PinnableSlice>()) {}

HouseholdReader::~HouseholdReader() = default;

absl::Status HouseholdReader::ReadHead(std::string_view round_id, std::string_view household_id,
                                       store::HouseholdHead* head) {
  return StoreAccess::ReadHead(store_, round_id, household_id, &at_, value_.get(), head,
                               TierOf(memory_only_));
}

absl::StatusOr<size_t> HouseholdReader::ReadRecord(std::string_view round_id,
                                                   std::string_view household_id, uint64_t version,
                                                   v1::Household* record) {
  absl::Status read = StoreAccess::ReadVersionValue(store_, round_id, household_id, version, &at_,
                                                    value_.get(), TierOf(memory_only_));
  if (!read.ok()) return read;
  if (absl::Status decoded = DecodeVersionValue(value_->ToStringView(), nullptr, record);
      !decoded.ok()) {
    return decoded;
  }
  return value_->size();
}

absl::StatusOr<size_t> HouseholdReader::ReadRecordBytes(std::string_view round_id,
                                                        std::string_view household_id,
                                                        uint64_t version, std::string* bytes) {
  absl::Status read = StoreAccess::ReadVersionValue(store_, round_id, household_id, version, &at_,
                                                    value_.get(), TierOf(memory_only_));
  if (!read.ok()) return read;
  absl::StatusOr<std::string_view> record = RecordBytesOf(value_->ToStringView());
  if (!record.ok()) return record.status();
  bytes->assign(record->data(), record->size());
  return value_->size();
}

}  // namespace rasoat
