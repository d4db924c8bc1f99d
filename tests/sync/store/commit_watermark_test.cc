// CommitWatermark: seqs are handed out in order, finish out of order, and Committed() only ever
// covers finished ranges.
#include "sync/store/commit_watermark.h"

#include <algorithm>
#include <atomic>
#include <cstdint>
#include <map>
#include <mutex>
#include <random>
#include <thread>
#include <vector>

#include <gtest/gtest.h>

namespace rasoat {
namespace {

TEST(CommitWatermarkTest, StartsAtLastCommittedAndReservesAfterIt) {
  CommitWatermark watermark(41);
  EXPECT_EQ(watermark.Committed(), 41u);
  EXPECT_EQ(watermark.Reserve(3), 42u);
  EXPECT_EQ(watermark.Reserve(1), 45u);
  EXPECT_EQ(watermark.Committed(), 41u);
}

TEST(CommitWatermarkTest, InOrderFinishAdvancesToEachRangesLastSeq) {
  CommitWatermark watermark(0);
  const uint64_t a = watermark.Reserve(2);  // 1..2
  const uint64_t b = watermark.Reserve(5);  // 3..7
  watermark.Finish(a);
  EXPECT_EQ(watermark.Committed(), 2u);
  watermark.Finish(b);
  EXPECT_EQ(watermark.Committed(), 7u);
}

TEST(CommitWatermarkTest, OutOfOrderFinishHoldsTheWatermarkBack) {
  CommitWatermark watermark(10);
  const uint64_t first = watermark.Reserve(2);   // 11..12
  const uint64_t second = watermark.Reserve(3);  // 13..15
  const uint64_t third = watermark.Reserve(1);   // 16
  ASSERT_EQ(first, 11u);
  ASSERT_EQ(second, 13u);
  ASSERT_EQ(third, 16u);

  watermark.Finish(second);
  EXPECT_EQ(watermark.Committed(), 10u);
  watermark.Finish(third);
  EXPECT_EQ(watermark.Committed(), 10u);

  watermark.Finish(first);
  EXPECT_EQ(watermark.Committed(), 16u);
}

TEST(CommitWatermarkTest, AGapInTheMiddleHoldsBackOnlyWhatFollowsIt) {
  CommitWatermark watermark(0);
  const uint64_t a = watermark.Reserve(1);  // 1
  const uint64_t b = watermark.Reserve(1);  // 2
  const uint64_t c = watermark.Reserve(1);  // 3
  watermark.Finish(a);
  watermark.Finish(c);
  EXPECT_EQ(watermark.Committed(), 1u);
  watermark.Finish(b);
  EXPECT_EQ(watermark.Committed(), 3u);
}

TEST(CommitWatermarkTest, AnAbandonedRangeHoldsTheWatermarkUntilALaterOneIsDurable) {
  CommitWatermark watermark(10);
  const uint64_t failed = watermark.Reserve(2);  // 11..12, its batch fails
  const uint64_t next = watermark.Reserve(1);    // 13
  watermark.Abandon(failed);
  // Seqs 11..12 were never stored: a cursor past them could be reused by a restart.
  EXPECT_EQ(watermark.Committed(), 10u);
  watermark.Finish(next);
  EXPECT_EQ(watermark.Committed(), 13u);
}

TEST(CommitWatermarkTest, AwaitCommittedReturnsOnlyOnceEveryEarlierRangeFinished) {
  CommitWatermark watermark(0);
  const uint64_t earlier = watermark.Reserve(2);  // 1..2, its fsync still in flight
  const uint64_t later = watermark.Reserve(1);    // 3
  watermark.Finish(later);
  watermark.AwaitCommitted(0);  // covered already: returns at once
  uint64_t seen_on_return = 0;
  std::thread writer([&] {
    watermark.AwaitCommitted(later);
    seen_on_return = watermark.Committed();
  });
  watermark.Finish(earlier);
  writer.join();
  EXPECT_GE(seen_on_return, 3u);
}

// What the writers have finished, kept apart from the watermark: the highest seq s such that
// every seq in 1..s belongs to a range a writer has finished. A std::mutex, not absl's:
// Debian's abseil is not built for ThreadSanitizer, which would not see its synchronization.
class FinishedRanges {
 public:
  void MarkFinished(uint64_t first, uint64_t last) {
    std::lock_guard<std::mutex> lock(mu_);
    beyond_prefix_.emplace(first, last);
    while (!beyond_prefix_.empty() && beyond_prefix_.begin()->first == prefix_ + 1) {
      prefix_ = beyond_prefix_.begin()->second;
      beyond_prefix_.erase(beyond_prefix_.begin());
    }
  }

  // Reads the watermark while no writer can mark a range finished, and returns
  // (committed, finished prefix) as of that one instant.
  std::pair<uint64_t, uint64_t> ReadUnderLock(const CommitWatermark& watermark) {
    std::lock_guard<std::mutex> lock(mu_);
    return {watermark.Committed(), prefix_};
  }

 private:
  std::mutex mu_;
  // Guarded by mu_.
  uint64_t prefix_ = 0;
  std::map<uint64_t, uint64_t> beyond_prefix_;
};

TEST(CommitWatermarkTest, ConcurrentWritersNeverLetCommittedPassAnUnfinishedRange) {
  constexpr int kWriters = 8;
  constexpr int kRangesPerWriter = 10'000;
  // A writer keeps up to this many ranges reserved and finishes them in random order, so
  // ranges finish out of order within a thread as well as across threads.
  constexpr size_t kInFlightPerWriter = 4;

  CommitWatermark watermark(0);
  FinishedRanges finished;
  std::atomic<int> writers_running{kWriters};
  std::atomic<uint64_t> total_reserved{0};

  // Why this check is exact: a writer marks a range finished (under FinishedRanges' mutex)
  // before it calls Finish, so a range not yet marked has not been reported to the watermark.
  // The reader reads Committed() while holding that mutex, when no range can become marked;
  // so if Committed() exceeded the finished prefix, it would be covering a range whose Finish
  // had not been called. The reverse lag (marked, not yet Finished) is allowed.
  std::thread reader([&] {
    uint64_t last_seen = 0;
    uint64_t checks = 0;
    bool failed = false;
    while (!failed) {
      const bool writers_done = writers_running.load(std::memory_order_acquire) == 0;
      const auto [committed, prefix] = finished.ReadUnderLock(watermark);
      ++checks;
      if (committed < last_seen) {
        ADD_FAILURE() << "Committed() went down from " << last_seen << " to " << committed;
        failed = true;
      }
      if (committed > prefix) {
        ADD_FAILURE() << "Committed() is " << committed << " but seq " << prefix + 1
                      << " belongs to a range not finished yet";
        failed = true;
      }
      last_seen = committed;
      if (writers_done) break;  // this pass saw every writer's last Finish
    }
    EXPECT_GT(checks, 1u);
  });

  std::vector<std::thread> writers;
  for (int w = 0; w < kWriters; ++w) {
    writers.emplace_back([&, w] {
      std::mt19937 rng(static_cast<uint32_t>(w) * 7919u + 1u);
      struct Reserved {
        uint64_t first;
        uint64_t last;
      };
      std::vector<Reserved> in_flight;
      int reserved = 0;
      while (reserved < kRangesPerWriter || !in_flight.empty()) {
        const bool can_reserve = reserved < kRangesPerWriter;
        if (can_reserve && (in_flight.size() < kInFlightPerWriter && rng() % 2 == 0)) {
          const uint64_t count = 1 + rng() % 3;
          const uint64_t first = watermark.Reserve(count);
          total_reserved.fetch_add(count, std::memory_order_relaxed);
          in_flight.push_back({first, first + count - 1});
          ++reserved;
        } else if (!in_flight.empty()) {
          const size_t pick = rng() % in_flight.size();
          const Reserved range = in_flight[pick];
          in_flight.erase(in_flight.begin() + static_cast<std::ptrdiff_t>(pick));
          finished.MarkFinished(range.first, range.last);
          watermark.Finish(range.first);
        }
      }
      writers_running.fetch_sub(1, std::memory_order_release);
    });
  }
  for (std::thread& writer : writers) writer.join();
  reader.join();

  // Once everything finished, the watermark covers every seq handed out, and no more.
  const uint64_t total = total_reserved.load();
  EXPECT_EQ(watermark.Committed(), total);
  EXPECT_EQ(finished.ReadUnderLock(watermark), std::make_pair(total, total));
  EXPECT_EQ(watermark.Reserve(1), total + 1);
}

}  // namespace
}  // namespace rasoat
