// rasoatd on a full disk (a small tmpfs the test mounts): health answers NOT_SERVING while the
// store cannot write and SERVING once space is freed, and rasoatd says so once each, with the
// reason. RocksDB resumes by itself when the space comes back; nothing is restarted.
#include <cerrno>
#include <cstring>
#include <fstream>
#include <string>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "tests/e2e/rasoatd_process.h"
#include "tests/e2e/sync_client.h"
#include "tests/support/households.h"
#include "tests/support/status_matchers.h"
#include "tests/support/temp_dir.h"
#include <fcntl.h>
#include <poll.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <unistd.h>

namespace rasoat::testing {
namespace {

using ::testing::HasSubstr;

constexpr int kServing = 1;
constexpr int kNotServing = 2;

class FullDiskE2eTest : public ::testing::Test {
 protected:
  void SetUp() override {
    disk_ = dir_.Sub("disk");
    ASSERT_EQ(mkdir(disk_.c_str(), 0700), 0);
    // Room for RocksDB's preallocated WAL (1.1 memtables, 35 MB by default) and the free space
    // it waits for before it resumes (a memtable's worth).
    if (mount("tmpfs", disk_.c_str(), "tmpfs", 0, "size=192m,mode=0700") != 0) {
      GTEST_SKIP() << "this machine forbids mounting a tmpfs (" << std::strerror(errno)
                   << "): the full-disk case is not tested here";
    }
    mounted_ = true;
  }

  void TearDown() override {
    server_.reset();
    if (mounted_) umount2(disk_.c_str(), MNT_DETACH);
  }

  // Writes a file on the disk until it is full, then gives back `spare` bytes.
  void FillDisk(off_t spare) {
    const int fd = open((disk_ + "/filler").c_str(), O_WRONLY | O_CREAT | O_CLOEXEC, 0600);
    ASSERT_GE(fd, 0);
    const std::string chunk(1 << 16, 'x');
    off_t size = 0;
    for (ssize_t n; (n = write(fd, chunk.data(), chunk.size())) > 0;) size += n;
    EXPECT_EQ(errno, ENOSPC);
    ASSERT_EQ(ftruncate(fd, size - spare), 0);
    close(fd);
  }

  // Twenty new households, mutation ids PREFIX-0 to PREFIX-19.
  static std::vector<v1::Mutation> Batch(const std::string& prefix) {
    std::vector<v1::Mutation> mutations;
    for (int i = 0; i < 20; ++i) {
      mutations.push_back(MakeMutation(absl::StrCat("h-", prefix, "-", i),
                                       absl::StrCat(prefix, "-", i), 0, MakeHousehold(100 + i)));
    }
    return mutations;
  }

  // Waits until the health service answers `status`; returns the last answer.
  int AwaitHealth(int status) {
    int answer = server_->HealthStatus();
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
    while (answer != status && std::chrono::steady_clock::now() < deadline) {
      pollfd none{};
      poll(&none, 0, 50);
      answer = server_->HealthStatus();
    }
    return answer;
  }

  TempDir dir_;
  std::string disk_;
  bool mounted_ = false;
  std::unique_ptr<RasoatdProcess> server_;
};

TEST_F(FullDiskE2eTest, HealthIsNotServingWhileTheDiskIsFullAndServingOnceSpaceIsFreed) {
  // A first start makes the store; the second, on a nearly full disk, gets a WAL the disk cannot
  // preallocate, so its writes meet the full disk.
  ASSERT_OK_AND_ASSIGN(server_, RasoatdProcess::Start(disk_ + "/data"));
  ASSERT_EQ(server_->Terminate(), 0);
  FillDisk(/*spare=*/2 << 20);
  ASSERT_OK_AND_ASSIGN(server_, RasoatdProcess::Start(disk_ + "/data"));
  ASSERT_EQ(server_->HealthStatus(), kServing);

  // A tablet pushes until the disk is full: the push that meets it is UNAVAILABLE.
  std::unique_ptr<v1::SyncService::Stub> stub = server_->NewSyncStub();
  absl::Status refused;
  int batch = 0;
  for (; batch < 200 && refused.ok(); ++batch) {
    refused = Push(stub.get(), "tab-1", Batch(absl::StrCat("b", batch))).status();
  }
  ASSERT_EQ(refused.code(), absl::StatusCode::kUnavailable) << refused;
  EXPECT_EQ(AwaitHealth(kNotServing), kNotServing);
  ASSERT_OK_AND_ASSIGN(std::string down, server_->AwaitOutput("health NOT_SERVING"));
  EXPECT_THAT(down, HasSubstr("the store cannot write: "));
  EXPECT_THAT(down, HasSubstr("No space left on device"));
  // Still refused, and still one line about it.
  EXPECT_EQ(Push(stub.get(), "tab-1", Batch("again")).status().code(),
            absl::StatusCode::kUnavailable);

  // Space comes back: RocksDB resumes by itself, and the refused batch is stored when the
  // tablet sends it again.
  ASSERT_EQ(unlink((disk_ + "/filler").c_str()), 0);
  EXPECT_EQ(AwaitHealth(kServing), kServing);
  ASSERT_OK_AND_ASSIGN(v1::PushResponse again,
                       Push(stub.get(), "tab-1", Batch(absl::StrCat("b", batch - 1))));
  for (const v1::MutationResult& result : again.results()) {
    EXPECT_EQ(result.outcome(), v1::MUTATION_OUTCOME_APPLIED) << result.ShortDebugString();
  }
  ASSERT_OK_AND_ASSIGN(std::string up, server_->AwaitOutput("health SERVING"));
  EXPECT_EQ(std::vector<std::string>(absl::StrSplit(up, "health NOT_SERVING")).size(), 2u) << up;
}

}  // namespace
}  // namespace rasoat::testing
