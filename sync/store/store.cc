#include "sync/store/store.h"

#include <array>

#include "absl/strings/str_cat.h"
#include "rocksdb/db.h"
#include "rocksdb/filter_policy.h"
#include "rocksdb/merge_operator.h"
#include "rocksdb/options.h"
#include "rocksdb/statistics.h"
#include "rocksdb/table.h"
#include "sync/store/keys.h"
#include "sync/store/rocks_status.h"
#include "sync/store/store_access.h"
#include "sync/store/version_value.h"

namespace rasoat {
namespace {

// In the order of StoreAccess::Family.
constexpr std::array<const char*, 8> kColumnFamilies = {
    "default", "households", "versions", "changes", "mutations", "meta", "outbox", "dead_letters"};

// Merges 8-byte big-endian counters by keeping the largest. Writers that commit out of order
// (seq 8 before seq 7) still leave the counter at the largest value ever written.
class MaxCounterOperator final : public rocksdb::AssociativeMergeOperator {
 public:
  bool Merge(const rocksdb::Slice& /*key*/, const rocksdb::Slice* existing_value,
             const rocksdb::Slice& value, std::string* new_value,
             rocksdb::Logger* /*logger*/) const override {
    if (value.size() != 8 || (existing_value != nullptr && existing_value->size() != 8)) {
      return false;
    }
    if (existing_value != nullptr &&
        DecodeFixed64BE(existing_value->ToStringView()) > DecodeFixed64BE(value.ToStringView())) {
      new_value->assign(existing_value->data(), existing_value->size());
    } else {
      new_value->assign(value.data(), value.size());
    }
    return true;
  }
  const char* Name() const override { return "rasoat.MaxCounter"; }
};

rocksdb::ColumnFamilyOptions FamilyOptions(std::string_view name,
                                           const std::shared_ptr<rocksdb::Cache>& cache) {
  rocksdb::ColumnFamilyOptions options;
  rocksdb::BlockBasedTableOptions table;
  table.block_cache = cache;
  table.filter_policy.reset(rocksdb::NewBloomFilterPolicy(10));
  options.table_factory.reset(rocksdb::NewBlockBasedTableFactory(table));
  options.compression = rocksdb::kLZ4Compression;
  if (name == "meta") options.merge_operator = std::make_shared<MaxCounterOperator>();
  return options;
}

}  // namespace

absl::Status StoreOptions::Validate() const {
  if (path.empty()) return absl::InvalidArgumentError("store path: required");
  return absl::OkStatus();
}

absl::StatusOr<std::unique_ptr<Store>> Store::Open(const StoreOptions& options) {
  if (absl::Status valid = options.Validate(); !valid.ok()) return valid;

  rocksdb::DBOptions db_options;
  db_options.create_if_missing = true;
  db_options.create_missing_column_families = true;
  db_options.paranoid_checks = true;
  db_options.wal_recovery_mode = rocksdb::WALRecoveryMode::kPointInTimeRecovery;
  db_options.max_background_jobs = 2;
  db_options.keep_log_file_num = 5;

  std::unique_ptr<Store> store(new Store());
  store->statistics_ = rocksdb::CreateDBStatistics();
  store->statistics_->set_stats_level(rocksdb::StatsLevel::kExceptTimers);
  db_options.statistics = store->statistics_;

  auto cache = rocksdb::NewLRUCache(64 << 20);
  std::vector<rocksdb::ColumnFamilyDescriptor> families;
  for (const char* name : kColumnFamilies) {
    families.emplace_back(name, FamilyOptions(name, cache));
  }

  rocksdb::DB* db = nullptr;
  rocksdb::Status status =
      options.read_only
          ? rocksdb::DB::OpenForReadOnly(db_options, options.path, families, &store->handles_, &db)
          : rocksdb::DB::Open(db_options, options.path, families, &store->handles_, &db);
  if (!status.ok()) return FromRocksStatus(status, absl::StrCat("open ", options.path));
  store->db_.reset(db);
  return store;
}

Store::~Store() {
  for (rocksdb::ColumnFamilyHandle* handle : handles_) {
    db_->DestroyColumnFamilyHandle(handle);
  }
}

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
                                               v1::MutationResult* result) const {
  rocksdb::PinnableSlice value;
  absl::Status read =
      StoreAccess::Get(*this, StoreAccess::kMutations, MutationKeyOf(device_id, mutation_id),
                       nullptr, &value, "read mutation result");
  if (absl::IsNotFound(read)) return false;
  if (!read.ok()) return read;
  if (!result->ParseFromArray(value.data(), static_cast<int>(value.size()))) {
    return absl::DataLossError(
        absl::StrCat("result of mutation ", std::string(mutation_id), ": corrupt"));
  }
  return true;
}

absl::StatusOr<uint64_t> Store::ReadCounter(std::string_view name) const {
  rocksdb::PinnableSlice value;
  absl::Status read = StoreAccess::Get(*this, StoreAccess::kMeta, name, nullptr, &value,
                                       absl::StrCat("read counter ", std::string(name)));
  if (absl::IsNotFound(read)) return 0;
  if (!read.ok()) return read;
  if (value.size() != 8)
    return absl::DataLossError(absl::StrCat("counter ", std::string(name), ": corrupt"));
  return DecodeFixed64BE(value.ToStringView());
}

absl::StatusOr<uint64_t> Store::CountOutbox() const {
  return CountKeys(handles_[StoreAccess::kOutbox], "count outbox");
}

absl::StatusOr<std::vector<OutboxItem>> Store::ReadOutbox(size_t limit) const {
  return ReadBySeq<OutboxItem>(handles_[StoreAccess::kOutbox], limit, "outbox entry",
                               [](OutboxItem& item) { return &item.entry; });
}

absl::StatusOr<uint64_t> Store::CountDeadLetters() const {
  return CountKeys(handles_[StoreAccess::kDeadLetters], "count dead letters");
}

absl::StatusOr<std::vector<DeadLetterItem>> Store::ReadDeadLetters(size_t limit) const {
  return ReadBySeq<DeadLetterItem>(handles_[StoreAccess::kDeadLetters], limit, "dead letter",
                                   [](DeadLetterItem& item) { return &item.letter; });
}

absl::StatusOr<uint64_t> Store::CountKeys(rocksdb::ColumnFamilyHandle* family,
                                          const char* context) const {
  std::unique_ptr<rocksdb::Iterator> it(db_->NewIterator(rocksdb::ReadOptions(), family));
  uint64_t count = 0;
  for (it->SeekToFirst(); it->Valid(); it->Next()) ++count;
  if (absl::Status status = FromRocksStatus(it->status(), context); !status.ok()) return status;
  return count;
}

template <typename Item, typename MessageOf>
absl::StatusOr<std::vector<Item>> Store::ReadBySeq(rocksdb::ColumnFamilyHandle* family,
                                                   size_t limit, const char* what,
                                                   MessageOf message_of) const {
  std::unique_ptr<rocksdb::Iterator> it(db_->NewIterator(rocksdb::ReadOptions(), family));
  std::vector<Item> items;
  for (it->SeekToFirst(); it->Valid() && items.size() < limit; it->Next()) {
    if (it->key().size() != 8) return absl::DataLossError(absl::StrCat(what, " key: malformed"));
    Item& item = items.emplace_back();
    item.seq = DecodeFixed64BE(it->key().ToStringView());
    if (!message_of(item)->ParseFromArray(it->value().data(),
                                          static_cast<int>(it->value().size()))) {
      return absl::DataLossError(
          absl::StrCat(what, " ", item.seq, " is corrupt; it stays until removed by hand"));
    }
  }
  if (absl::Status status = FromRocksStatus(it->status(), absl::StrCat("read ", what));
      !status.ok()) {
    return status;
  }
  return items;
}

uint64_t Store::writes() const {
  return statistics_->getTickerCount(rocksdb::WRITE_DONE_BY_SELF) +
         statistics_->getTickerCount(rocksdb::WRITE_DONE_BY_OTHER);
}

uint64_t Store::wal_syncs() const { return statistics_->getTickerCount(rocksdb::WAL_FILE_SYNCED); }

}  // namespace rasoat
