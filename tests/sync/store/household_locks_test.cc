// HouseholdLocks: one household's writers exclude each other, different households never wait
// on each other, a Held proves which households it covers, and pushes locking overlapping sets
// in any order never deadlock.
#include "sync/store/household_locks.h"

#include <atomic>
#include <chrono>
#include <future>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include <gtest/gtest.h>

#include "absl/strings/str_cat.h"
#include "sync/store/keys.h"

namespace rasoat {
namespace {

TEST(HouseholdLocksTest, AHeldCoversTheHouseholdsItLockedAndNoOthers) {
  HouseholdLocks locks;
  HouseholdLocks other;
  const std::string h1 = HouseholdKeyOf("2026", "h1");
  const std::string h2 = HouseholdKeyOf("2026", "h2");
  HouseholdLocks::Held locked = locks.LockHousehold("2026", "h1");
  // Moved, as Lock returns it: the table's views of its keys move with it.
  const HouseholdLocks::Held held = std::move(locked);
  EXPECT_TRUE(held.Covers(locks, h1));
  EXPECT_FALSE(held.Covers(locks, h2));
  EXPECT_FALSE(held.Covers(other, h1)) << "a Held proves nothing about another lock table";
}

TEST(HouseholdLocksTest, DuplicateHouseholdsAreLockedOnce) {
  HouseholdLocks locks;
  const std::string h1 = HouseholdKeyOf("2026", "h1");
  // Locking the same household twice in one Held would deadlock; it must be locked once.
  const HouseholdLocks::Held held = locks.Lock({h1, h1, h1});
  EXPECT_TRUE(held.Covers(locks, h1));
}

TEST(HouseholdLocksTest, OneHouseholdsWritersExcludeEachOther) {
  HouseholdLocks locks(4);
  constexpr int kThreads = 8;
  constexpr int kRounds = 2000;
  int counter = 0;  // guarded by h1's lock, not by a mutex of the test's
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

// A push holds its households until its batch is synced. With locks by hash stripe (4096 of
// them), a push of other households met a held stripe as soon as many were held, and waited
// for that fsync; by exact household, it never waits.
TEST(HouseholdLocksTest, DifferentHouseholdsNeverWaitOnEachOther) {
  HouseholdLocks locks;
  std::vector<std::string> held_keys;
  for (int i = 0; i < 10000; ++i) held_keys.push_back(HouseholdKeyOf("2026", absl::StrCat("a", i)));
  std::optional<HouseholdLocks::Held> held(locks.Lock(std::move(held_keys)));

  std::promise<void> locked;
  std::thread other([&] {
    std::vector<std::string> keys;
    for (int i = 0; i < 100; ++i) keys.push_back(HouseholdKeyOf("2026", absl::StrCat("b", i)));
    const HouseholdLocks::Held mine = locks.Lock(std::move(keys));
    locked.set_value();
  });
  // A bound for a machine under load, not a measurement: without the fix it waits forever.
  const std::future_status status = locked.get_future().wait_for(std::chrono::seconds(30));
  EXPECT_EQ(status, std::future_status::ready)
      << "locking 100 other households waited on 10,000 held ones";
  held.reset();  // so that `other` ends even if it waited
  other.join();
}

TEST(HouseholdLocksTest, AReleasedHouseholdCanBeLockedAgain) {
  HouseholdLocks locks(1);
  { const HouseholdLocks::Held held = locks.LockHousehold("2026", "h1"); }
  std::promise<void> locked;
  std::thread other([&] {
    const HouseholdLocks::Held again = locks.LockHousehold("2026", "h1");
    locked.set_value();
  });
  EXPECT_EQ(locked.get_future().wait_for(std::chrono::seconds(30)), std::future_status::ready);
  other.join();
}

TEST(HouseholdLocksTest, OverlappingSetsLockedInAnyOrderNeverDeadlock) {
  HouseholdLocks locks(2);  // few shards: their bookkeeping is shared too
  std::atomic<int> done{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < 8; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < 500; ++i) {
        // Each thread names three of eight households, in a different order.
        std::vector<std::string> keys = {HouseholdKeyOf("2026", absl::StrCat("h", (t + i) % 8)),
                                         HouseholdKeyOf("2026", absl::StrCat("h", (t * 3 + 1) % 8)),
                                         HouseholdKeyOf("2026", absl::StrCat("h", (7 - t) % 8))};
        const HouseholdLocks::Held held = locks.Lock(std::move(keys));
      }
      ++done;
    });
  }
  for (std::thread& thread : threads) thread.join();
  EXPECT_EQ(done.load(), 8);
}

}  // namespace
}  // namespace rasoat
