// A write stall of RocksDB's reaches WriteHealth's stall listener (sync/store/write_health.h),
// which rasoatd logs as "store_stall": writes to a column family delayed while flushes and
// compaction are behind, then let go again. The test makes a real store stall by lowering its
// meta family's L0 slowdown trigger to one file, so one flush delays writes until compaction
// moves the file down.
#include <string>
#include <vector>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "rocksdb/db.h"
#include "sync/base/mutex.h"
#include "sync/store/store.h"
#include "sync/store/store_access.h"
#include "tests/support/status_matchers.h"
#include "tests/support/temp_dir.h"

namespace rasoat {
namespace {

using Stall = WriteHealth::Stall;

class HeardStalls {
 public:
  WriteHealth::StallListener Listener() {
    return [this](std::string_view column_family, Stall now, Stall before) {
      MutexLock lock(&mu_);
      heard_.push_back(std::string(column_family) + ": " +
                       std::string(WriteHealth::StallName(before)) + " -> " +
                       std::string(WriteHealth::StallName(now)));
    };
  }
  // Waits until `change` is heard.
  void Await(const std::string& change) {
    MutexLock lock(&mu_);
    mu_.Await([&]() ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_) {
      for (const std::string& heard : heard_) {
        if (heard == change) return true;
      }
      return false;
    });
  }

 private:
  Mutex mu_;
  std::vector<std::string> heard_ ABSL_GUARDED_BY(mu_);
};

TEST(WriteStallTest, ADelayAndItsEndReachTheStallListener) {
  testing::TempDir dir;
  StoreOptions options;
  options.path = dir.Sub("db");
  ASSERT_OK_AND_ASSIGN(std::unique_ptr<Store> store, Store::Open(options));
  HeardStalls heard;
  store->write_health().SetStallListener(heard.Listener());

  rocksdb::DB* db = StoreAccess::db(*store);
  rocksdb::ColumnFamilyHandle* meta = StoreAccess::family(*store, StoreAccess::kMeta);
  ASSERT_TRUE(db->SetOptions(meta, {{"level0_file_num_compaction_trigger", "1"},
                                    {"level0_slowdown_writes_trigger", "1"}})
                  .ok());
  ASSERT_TRUE(db->Put(rocksdb::WriteOptions(), meta, "stall-test", "a value").ok());
  ASSERT_TRUE(db->Flush(rocksdb::FlushOptions(), meta).ok());
  heard.Await("meta: none -> delayed");
  heard.Await("meta: delayed -> none");
}

}  // namespace
}  // namespace rasoat
