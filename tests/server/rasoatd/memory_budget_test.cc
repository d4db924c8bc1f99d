// The memory budget's shares, the least budget a request size needs, and the byte budget that
// bounds the pushes applied at once.
#include "server/rasoatd/memory_budget.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "server/rasoatd/byte_budget.h"
#include "tests/support/status_matchers.h"

namespace rasoat {
namespace {

using ::rasoat::testing::StatusIs;
using ::testing::HasSubstr;

constexpr size_t kMiB = 1 << 20;

TEST(MemoryBudgetTest, TheDefaultsShareFiveHundredTwelveMegabytes) {
  ASSERT_OK_AND_ASSIGN(MemoryBudget budget, ShareMemoryBudget(512 * kMiB, 64 * kMiB));
  EXPECT_EQ(budget.grpc_bytes, 128 * kMiB);
  EXPECT_EQ(budget.push_bytes, 64 * kMiB);
  EXPECT_EQ(budget.block_cache_bytes, 64 * kMiB);
  EXPECT_EQ(budget.write_buffer_bytes, 64 * kMiB);
}

TEST(MemoryBudgetTest, ABudgetTooSmallForTheLargestBatchSaysTheLeastThatDoes) {
  EXPECT_THAT(ShareMemoryBudget(100 * kMiB, 64 * kMiB),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("--memory_budget_mb=100 is too small for requests of up to 64 "
                                 "MB (--max_batch_mutations x --max_record_bytes): give at least "
                                 "512")));
  // Small batches still leave RocksDB's memtables their 4 MiB.
  EXPECT_THAT(ShareMemoryBudget(16 * kMiB, 1 * kMiB),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("give at least 32")));
  EXPECT_OK(ShareMemoryBudget(32 * kMiB, 1 * kMiB));
}

TEST(ByteBudgetTest, TakesWhatFitsAndRefusesTheRestUntilGivenBack) {
  ByteBudget budget(100);
  EXPECT_TRUE(budget.TryTake(60));
  EXPECT_TRUE(budget.TryTake(40));
  EXPECT_FALSE(budget.TryTake(1));
  budget.Give(40);
  EXPECT_FALSE(budget.TryTake(41));
  EXPECT_TRUE(budget.TryTake(40));
  EXPECT_EQ(budget.taken(), 100u);
}

TEST(ByteBudgetTest, ARequestLargerThanTheBudgetRunsAloneOnly) {
  ByteBudget budget(100);
  EXPECT_TRUE(budget.TryTake(250));  // nothing else taken: it runs
  EXPECT_FALSE(budget.TryTake(1));
  budget.Give(250);
  EXPECT_TRUE(budget.TryTake(1));
  EXPECT_FALSE(budget.TryTake(250));  // not beside another
}

}  // namespace
}  // namespace rasoat
