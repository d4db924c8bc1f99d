// HouseholdLocks: one household's writers exclude each other, a Held proves which households
// it covers, and pushes locking overlapping sets in any order never deadlock.
#include "sync/store/household_locks.h"

#include <atomic>
#include <thread>
#include <vector>

#include <gtest/gtest.h>

#include "sync/store/keys.h"

namespace rasoat {
namespace {

TEST(HouseholdLocksTest, AHeldCoversTheHouseholdsItLockedAndNoOthers) {
  HouseholdLocks locks(1024);
  HouseholdLocks other(1024);
  const std::string h1 = HouseholdKeyOf("2026", "h1");
  const std::string h2 = HouseholdKeyOf("2026", "h2");
  ASSERT_NE(locks.StripeOf(h1), locks.StripeOf(h2)) << "pick households on two stripes";
  const HouseholdLocks::Held held = locks.LockHousehold("2026", "h1");
  EXPECT_TRUE(held.Covers(locks, h1));
  EXPECT_FALSE(held.Covers(locks, h2));
  EXPECT_FALSE(held.Covers(other, h1)) << "a Held proves nothing about another lock table";
}

TEST(HouseholdLocksTest, DuplicateStripesAreLockedOnce) {
  HouseholdLocks locks(16);
  const uint32_t stripe = locks.StripeOf(HouseholdKeyOf("2026", "h1"));
  // Locking the same stripe twice in one Held would deadlock; it must be locked once.
  const HouseholdLocks::Held held = locks.Lock({stripe, stripe, stripe});
  EXPECT_TRUE(held.Covers(locks, HouseholdKeyOf("2026", "h1")));
}

TEST(HouseholdLocksTest, OneHouseholdsWritersExcludeEachOther) {
  HouseholdLocks locks(64);
  constexpr int kThreads = 8;
  constexpr int kRounds = 2000;
  int counter = 0;  // guarded by h1's stripe, not by a mutex of the test's
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&] {
      for (int i = 0; i < kRounds; ++i) {
        const HouseholdLocks::Held held = locks.LockHousehold("2026", "h1");
        const int seen = counter;
        counter = seen + 1;
      }
    });
  }
  for (std::thread& thread : threads) thread.join();
  EXPECT_EQ(counter, kThreads * kRounds);
}

TEST(HouseholdLocksTest, OverlappingSetsLockedInAnyOrderNeverDeadlock) {
  HouseholdLocks locks(8);  // few stripes: every set overlaps every other
  std::atomic<int> done{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < 8; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < 500; ++i) {
        // Each thread names the stripes in a different order.
        std::vector<uint32_t> stripes = {static_cast<uint32_t>((t + i) % 8),
                                         static_cast<uint32_t>((t * 3 + 1) % 8),
                                         static_cast<uint32_t>((7 - t) % 8)};
        const HouseholdLocks::Held held = locks.Lock(std::move(stripes));
      }
      ++done;
    });
  }
  for (std::thread& thread : threads) thread.join();
  EXPECT_EQ(done.load(), 8);
}

}  // namespace
}  // namespace rasoat
