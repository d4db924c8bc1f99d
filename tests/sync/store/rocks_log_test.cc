// RocksDB's info log (sync/store/rocks_log.h) stays bounded however long rasoatd runs: past its
// size the LOG is set aside and a new one begun, with only the newest `keep` old files kept.
// It calls the logger as RocksDB does, hence the RocksDB header (tests/check_layering.sh
// allows this file).
#include "sync/store/rocks_log.h"

#include <filesystem>
#include <string>
#include <vector>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "absl/strings/match.h"
#include "rocksdb/env.h"
#include "tests/support/status_matchers.h"
#include "tests/support/temp_dir.h"

namespace rasoat {
namespace {

TEST(RocksLogTest, TheLogIsSetAsideWhenFullAndOnlyTheNewestAreKept) {
  testing::TempDir dir;
  const std::string path = dir.Sub("db");
  ASSERT_OK_AND_ASSIGN(std::shared_ptr<rocksdb::Logger> logger,
                       OpenRocksLog(path, /*keep=*/2, /*max_bytes=*/4096));
  const std::string filler(100, 'x');
  for (int i = 0; i < 500; ++i) {
    rocksdb::Log(rocksdb::InfoLogLevel::INFO_LEVEL, logger, "line %d %s", i, filler.c_str());
  }
  logger.reset();

  int old_files = 0;
  for (const auto& entry : std::filesystem::directory_iterator(path)) {
    const std::string name = entry.path().filename().string();
    ASSERT_TRUE(name == "LOG" || absl::StartsWith(name, "LOG.old.")) << name;
    EXPECT_LE(entry.file_size(), 4096u) << name;
    if (name != "LOG") ++old_files;
  }
  EXPECT_EQ(old_files, 2);
  EXPECT_GT(std::filesystem::file_size(std::filesystem::path(path) / "LOG"), 0u);
}

}  // namespace
}  // namespace rasoat
