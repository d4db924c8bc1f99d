// Durability and group commit through the committer: every push is acknowledged after a WAL
// fsync, and pushes that wait for the disk together share one.
#include <thread>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "absl/strings/str_cat.h"
#include "sync/engine.h"
#include "tests/support/households.h"
#include "tests/support/status_matchers.h"
#include "tests/support/temp_dir.h"
#include "tests/support/test_principal.h"

namespace rasoat {
namespace {

using testing::MakeHousehold;
using testing::MakeMutation;

absl::Status PushOne(Engine* engine, const std::string& device, const std::string& id) {
  v1::PushRequest request;
  request.set_device_id(device);
  *request.add_mutations() = MakeMutation(id, id, 0, MakeHousehold(1));
  v1::PushResponse response;
  if (absl::Status status = engine->push().Push(TestAdmin(), request, &response); !status.ok())
    return status;
  if (response.results(0).outcome() != v1::MUTATION_OUTCOME_APPLIED) {
    return absl::InternalError(response.results(0).DebugString());
  }
  return absl::OkStatus();
}

TEST(GroupCommitTest, EachPushAloneIsSyncedBeforeItReturns) {
  testing::TempDir dir;
  ASSERT_OK_AND_ASSIGN(auto engine, Engine::Open(EngineOptions{.data_dir = dir.path()}));
  const uint64_t syncs_before = engine->store().wal_syncs();
  for (int i = 0; i < 20; ++i) ASSERT_OK(PushOne(engine.get(), "tab-1", absl::StrCat("h", i)));
  EXPECT_EQ(engine->store().wal_syncs() - syncs_before, 20u);
}

TEST(GroupCommitTest, ConcurrentPushesShareFsyncs) {
  testing::TempDir dir;
  ASSERT_OK_AND_ASSIGN(auto engine, Engine::Open(EngineOptions{.data_dir = dir.path()}));
  constexpr int kThreads = 16;
  constexpr int kPushesEach = 50;
  const uint64_t writes_before = engine->store().writes();
  const uint64_t syncs_before = engine->store().wal_syncs();
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < kPushesEach; ++i) {
        EXPECT_OK(PushOne(engine.get(), absl::StrCat("tab-", t), absl::StrCat("h", t, "-", i)));
      }
    });
  }
  for (std::thread& thread : threads) thread.join();
  const uint64_t writes = engine->store().writes() - writes_before;
  const uint64_t syncs = engine->store().wal_syncs() - syncs_before;
  // Each push one write; the audit log's sealing writes too, unsynced.
  const uint64_t pushes = kThreads * kPushesEach;
  EXPECT_GE(writes, pushes);
  EXPECT_GT(syncs, 0u);
  EXPECT_LT(syncs, pushes) << "no two concurrent pushes shared an fsync";
}

}  // namespace
}  // namespace rasoat
