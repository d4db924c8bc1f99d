#include "sync/store/store.h"

#include <array>

#include "absl/strings/str_cat.h"
#include "rocksdb/db.h"
#include "rocksdb/filter_policy.h"
#include "rocksdb/listener.h"
#include "rocksdb/merge_operator.h"
#include "rocksdb/options.h"
#include "rocksdb/statistics.h"
#include "rocksdb/table.h"
#include "rocksdb/write_batch.h"
#include "rocksdb/write_buffer_manager.h"
#include "sync/base/status_macros.h"
#include "sync/store/keys.h"
#include "sync/store/rocks_log.h"
#include "sync/store/rocks_status.h"
#include "sync/store/store_access.h"
#include <openssl/rand.h>

namespace rasoat {
namespace {

// In the order of StoreAccess::Family.
constexpr std::array<const char*, 11> kColumnFamilies = {
    "default", "households",   "versions", "changes",       "mutations", "meta",
    "outbox",  "dead_letters", "identity", "audit_pending", "audit"};

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
                                           const std::shared_ptr<rocksdb::Cache>& cache,
                                           size_t write_buffer_bytes) {
  rocksdb::ColumnFamilyOptions options;
  options.write_buffer_size = write_buffer_bytes / 2;
  rocksdb::BlockBasedTableOptions table;
  table.block_cache = cache;
  table.filter_policy.reset(rocksdb::NewBloomFilterPolicy(10));
  // Indexes and filters live in the block cache, inside the memory budget, rather than beside
  // it in every open table; partitioned, so only the partitions in use are held there.
  table.cache_index_and_filter_blocks = true;
  table.pin_top_level_index_and_filter = true;
  table.pin_l0_filter_and_index_blocks_in_cache = true;
  table.index_type = rocksdb::BlockBasedTableOptions::kTwoLevelIndexSearch;
  table.partition_filters = true;
  options.table_factory.reset(rocksdb::NewBlockBasedTableFactory(table));
  // Flushes and the first compactions write uncompressed: they are on the push's path (LZ4 was
  // 5 % of rasoatd's CPU under push load), and L0 and L1 hold a small part of the data.
  options.compression = rocksdb::kLZ4Compression;
  options.compression_per_level = {rocksdb::kNoCompression,  rocksdb::kNoCompression,
                                   rocksdb::kLZ4Compression, rocksdb::kLZ4Compression,
                                   rocksdb::kLZ4Compression, rocksdb::kLZ4Compression,
                                   rocksdb::kLZ4Compression};
  if (name == "meta") options.merge_operator = std::make_shared<MaxCounterOperator>();
  return options;
}

constexpr size_t kStoreIdBytes = 16;
// The layout of what the store holds (keys.h, store_records.proto): raised by a change an older
// rasoatd would misread, with the upgrade of older stores in LoadIdentity.
constexpr uint64_t kSchemaVersion = 1;
constexpr size_t kCursorMacKeyBytes = 32;

absl::StatusOr<std::string> RandomBytes(size_t count) {
  std::string bytes(count, '\0');
  if (RAND_bytes(reinterpret_cast<unsigned char*>(bytes.data()), static_cast<int>(count)) != 1) {
    return absl::InternalError("store identity: the system's random generator failed");
  }
  return bytes;
}

// A random epoch, never 0 (a store without identity) nor `other`.
absl::StatusOr<uint64_t> RandomEpoch(uint64_t other) {
  while (true) {
    absl::StatusOr<std::string> bytes = RandomBytes(8);
    if (!bytes.ok()) return bytes.status();
    const uint64_t epoch = DecodeFixed64BE(*bytes);
    if (epoch != 0 && epoch != other) return epoch;
  }
}

// The value of meta `name` if the store has it (DATA_LOSS unless it is as long as `fresh`);
// otherwise `fresh`, added to `*made`, or "" when `made` is null (read-only).
absl::StatusOr<std::string> ReadOrAdd(const Store& store, std::string_view name, std::string fresh,
                                      rocksdb::WriteBatch* made) {
  rocksdb::PinnableSlice stored;
  const absl::Status read = StoreAccess::Get(store, StoreAccess::kMeta, name, nullptr, &stored,
                                             absl::StrCat("read ", std::string(name)));
  if (read.ok()) {
    if (stored.size() != fresh.size()) {
      return absl::DataLossError(absl::StrCat("meta ", std::string(name), ": corrupt"));
    }
    return stored.ToString();
  }
  if (!absl::IsNotFound(read)) return read;
  if (made == nullptr) return std::string();
  made->Put(StoreAccess::family(store, StoreAccess::kMeta), name, fresh);
  return fresh;
}

// Tells the store's WriteHealth what RocksDB's error handler sees: a background error that
// stops writes, and the end of its recovery; and each change of a write stall.
class WriteHealthListener : public rocksdb::EventListener {
 public:
  explicit WriteHealthListener(WriteHealth* health) : health_(health) {}

  void OnBackgroundError(rocksdb::BackgroundErrorReason /*reason*/,
                         rocksdb::Status* error) override {
    if (error != nullptr && !error->ok()) health_->WriteFailed(error->ToString());
  }
  void OnErrorRecoveryEnd(const rocksdb::BackgroundErrorRecoveryInfo& info) override {
    if (info.new_bg_error.ok()) health_->Recovered("RocksDB recovered from the error");
  }
  void OnStallConditionsChanged(const rocksdb::WriteStallInfo& info) override {
    health_->StallChanged(info.cf_name, StallOf(info.condition.cur), StallOf(info.condition.prev));
  }

 private:
  static WriteHealth::Stall StallOf(rocksdb::WriteStallCondition condition) {
    switch (condition) {
      case rocksdb::WriteStallCondition::kNormal:
        return WriteHealth::Stall::kNone;
      case rocksdb::WriteStallCondition::kDelayed:
        return WriteHealth::Stall::kDelayed;
      case rocksdb::WriteStallCondition::kStopped:
        return WriteHealth::Stall::kStopped;
    }
    return WriteHealth::Stall::kNone;
  }

  WriteHealth* const health_;  // not owned
};

}  // namespace

absl::Status StoreOptions::Validate() const {
  if (path.empty()) return absl::InvalidArgumentError("store path: required");
  if (write_buffer_bytes < (4 << 20)) {
    return absl::InvalidArgumentError("store write_buffer_bytes: at least 4 MiB");
  }
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
  if (!options.read_only) {
    ASSIGN_OR_RETURN(db_options.info_log,
                     OpenRocksLog(options.path, static_cast<int>(db_options.keep_log_file_num)));
  }

  std::unique_ptr<Store> store(new Store());
  store->statistics_ = rocksdb::CreateDBStatistics();
  store->statistics_->set_stats_level(rocksdb::StatsLevel::kExceptDetailedTimers);
  db_options.statistics = store->statistics_;
  db_options.listeners.push_back(std::make_shared<WriteHealthListener>(store->write_health_.get()));

  // One cache holds the blocks read and accounts for the memtables too (the write buffer
  // manager charges them to it), so RocksDB's memory stays within the two together.
  auto cache = rocksdb::NewLRUCache(options.block_cache_bytes + options.write_buffer_bytes);
  db_options.write_buffer_manager =
      std::make_shared<rocksdb::WriteBufferManager>(options.write_buffer_bytes, cache);
  std::vector<rocksdb::ColumnFamilyDescriptor> families;
  for (const char* name : kColumnFamilies) {
    families.emplace_back(name, FamilyOptions(name, cache, options.write_buffer_bytes));
  }

  rocksdb::DB* db = nullptr;
  rocksdb::Status status =
      options.read_only
          ? rocksdb::DB::OpenForReadOnly(db_options, options.path, families, &store->handles_, &db)
          : rocksdb::DB::Open(db_options, options.path, families, &store->handles_, &db);
  if (!status.ok()) return FromRocksStatus(status, absl::StrCat("open ", options.path));
  store->db_.reset(db);
  store->read_only_ = options.read_only;
  if (absl::Status identity = store->LoadIdentity(options.read_only); !identity.ok()) {
    return identity;
  }
  return store;
}

absl::Status Store::LoadIdentity(bool read_only) {
  // Made in any case, kept only for what the store lacks: a first open, or a store from before.
  ASSIGN_OR_RETURN(std::string fresh_id, RandomBytes(kStoreIdBytes));
  ASSIGN_OR_RETURN(std::string fresh_key, RandomBytes(kCursorMacKeyBytes));
  ASSIGN_OR_RETURN(const uint64_t fresh_epoch, RandomEpoch(0));
  rocksdb::WriteBatch made;
  rocksdb::WriteBatch* add = read_only ? nullptr : &made;
  // A store from before the version was kept has this layout, version 1.
  ASSIGN_OR_RETURN(const std::string schema,
                   ReadOrAdd(*this, kMetaSchemaVersion, EncodeFixed64BE(kSchemaVersion), add));
  if (!schema.empty() && DecodeFixed64BE(schema) > kSchemaVersion) {
    return absl::FailedPreconditionError(absl::StrCat(
        "the data directory was written by a newer rasoatd (store schema ", DecodeFixed64BE(schema),
        "; this one reads up to ", kSchemaVersion,
        "): run that version, or restore a backup made before the upgrade into a new directory"));
  }
  ASSIGN_OR_RETURN(store_id_, ReadOrAdd(*this, kMetaStoreId, std::move(fresh_id), add));
  ASSIGN_OR_RETURN(cursor_mac_key_, ReadOrAdd(*this, kMetaCursorMacKey, std::move(fresh_key), add));
  ASSIGN_OR_RETURN(const std::string epoch,
                   ReadOrAdd(*this, kMetaEpoch, EncodeFixed64BE(fresh_epoch), add));
  if (!epoch.empty()) epoch_.store(DecodeFixed64BE(epoch), std::memory_order_release);
  if (made.Count() == 0) return absl::OkStatus();
  rocksdb::WriteOptions sync;
  sync.sync = true;
  return FromRocksStatus(db_->Write(sync, &made), "write the store's identity");
}

absl::StatusOr<uint64_t> Store::BumpEpoch() {
  if (read_only_) return absl::FailedPreconditionError("bump epoch: the store is open read-only");
  absl::StatusOr<uint64_t> epoch = RandomEpoch(epoch_.load(std::memory_order_acquire));
  if (!epoch.ok()) return epoch.status();
  rocksdb::WriteOptions sync;
  sync.sync = true;
  if (absl::Status written = FromRocksStatus(
          db_->Put(sync, handles_[StoreAccess::kMeta], kMetaEpoch, EncodeFixed64BE(*epoch)),
          "write epoch");
      !written.ok()) {
    return written;
  }
  epoch_.store(*epoch, std::memory_order_release);
  return *epoch;
}

Store::~Store() {
  for (rocksdb::ColumnFamilyHandle* handle : handles_) {
    db_->DestroyColumnFamilyHandle(handle);
  }
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

StoreFigures Store::Figures() const {
  StoreFigures figures;
  const auto property = [this](const std::string& name) {
    uint64_t value = 0;
    return db_->GetAggregatedIntProperty(name, &value) ? value : 0;
  };
  using Properties = rocksdb::DB::Properties;
  figures.write_stopped = property(Properties::kIsWriteStopped) != 0;
  figures.delayed_write_rate = property(Properties::kActualDelayedWriteRate);
  figures.pending_compaction_bytes = property(Properties::kEstimatePendingCompactionBytes);
  figures.memtable_bytes = property(Properties::kCurSizeAllMemTables);
  // One cache for every family: the default family's answer is all of it.
  db_->GetIntProperty(Properties::kBlockCacheUsage, &figures.block_cache_bytes);
  for (rocksdb::ColumnFamilyHandle* family : handles_) {
    uint64_t bytes = 0;
    db_->GetIntProperty(family, Properties::kTotalSstFilesSize, &bytes);
    figures.sst_bytes.emplace_back(family->GetName(), bytes);
  }
  rocksdb::HistogramData syncs;
  statistics_->histogramData(rocksdb::WAL_FILE_SYNC_MICROS, &syncs);
  figures.wal_syncs = syncs.count;
  figures.wal_sync_seconds = static_cast<double>(syncs.sum) / 1e6;
  figures.wal_sync_p99_seconds = syncs.percentile99 / 1e6;
  return figures;
}

}  // namespace rasoat
