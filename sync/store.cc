#include "sync/store.h"

#include <array>

#include "absl/strings/str_cat.h"
#include "rocksdb/filter_policy.h"
#include "rocksdb/merge_operator.h"
#include "rocksdb/options.h"
#include "rocksdb/statistics.h"
#include "rocksdb/table.h"
#include "sync/keys.h"

namespace rasoat {
namespace {

constexpr std::array<const char*, 7> kColumnFamilies = {
    "default", "households", "versions", "changes", "mutations", "meta", "outbox"};

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

absl::Status FromRocksStatus(const rocksdb::Status& status, std::string_view context) {
  if (status.ok()) return absl::OkStatus();
  std::string message = absl::StrCat(std::string(context), ": ", status.ToString());
  if (status.IsNotFound()) return absl::NotFoundError(message);
  if (status.IsCorruption()) return absl::DataLossError(message);
  if (status.IsBusy() || status.IsTimedOut() || status.IsTryAgain() || status.IsIOError()) {
    if (status.ToString().find("lock") != std::string::npos) {
      return absl::FailedPreconditionError(message);
    }
    return absl::UnavailableError(message);
  }
  return absl::InternalError(message);
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

absl::StatusOr<uint64_t> Store::ReadCounter(std::string_view name) const {
  std::string value;
  rocksdb::Status status = db_->Get(rocksdb::ReadOptions(), meta(), name, &value);
  if (status.IsNotFound()) return 0;
  if (!status.ok())
    return FromRocksStatus(status, absl::StrCat("read counter ", std::string(name)));
  if (value.size() != 8)
    return absl::DataLossError(absl::StrCat("counter ", std::string(name), ": corrupt"));
  return DecodeFixed64BE(value);
}

uint64_t Store::writes() const {
  return statistics_->getTickerCount(rocksdb::WRITE_DONE_BY_SELF) +
         statistics_->getTickerCount(rocksdb::WRITE_DONE_BY_OTHER);
}

uint64_t Store::wal_syncs() const { return statistics_->getTickerCount(rocksdb::WAL_FILE_SYNCED); }

}  // namespace rasoat
