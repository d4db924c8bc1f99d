// DrainWaiters: a waiter's callback runs exactly once — at once when the backlog is empty, when
// it empties, when the wait is over, or when the waiters go away — on the waiters' own thread,
// never holding the caller's; past the capacity a wait is refused; a cancelled waiter never runs
// and frees its place.
#include "sync/outbox/drain_waiters.h"

#include <chrono>
#include <future>
#include <thread>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "tests/support/status_matchers.h"

namespace rasoat {
namespace {

using ::testing::HasSubstr;
using testing::StatusIs;

constexpr auto kLong = std::chrono::minutes(10);

TEST(DrainWaitersTest, AnEmptyBacklogAnswersAtOnceOnTheCallersThread) {
  DrainWaiters waiters(4);
  std::thread::id ran_on;
  ASSERT_OK(waiters.Add(kLong, [&] { ran_on = std::this_thread::get_id(); }).status());
  EXPECT_EQ(ran_on, std::this_thread::get_id());
  EXPECT_EQ(waiters.waiting(), 0u);
}

TEST(DrainWaitersTest, AWaiterRunsOnceWhenTheBacklogEmptiesOnTheWaitersThread) {
  DrainWaiters waiters(4);
  waiters.SetDrained(false);
  std::promise<std::thread::id> ran_on;
  ASSERT_OK(waiters.Add(kLong, [&] { ran_on.set_value(std::this_thread::get_id()); }).status());
  EXPECT_EQ(waiters.waiting(), 1u);
  waiters.SetDrained(true);
  EXPECT_NE(ran_on.get_future().get(), std::this_thread::get_id());
  EXPECT_EQ(waiters.waiting(), 0u);
}

TEST(DrainWaitersTest, AWaiterRunsWhenItsTimeIsUpThoughTheBacklogStays) {
  DrainWaiters waiters(4);
  waiters.SetDrained(false);
  std::promise<void> late;
  std::promise<void> soon;
  ASSERT_OK(waiters.Add(kLong, [&] { late.set_value(); }).status());
  // Added after a long one: the thread must notice the earlier deadline.
  ASSERT_OK(waiters.Add(std::chrono::milliseconds(1), [&] { soon.set_value(); }).status());
  soon.get_future().get();
  EXPECT_EQ(waiters.waiting(), 1u);  // the long one still waits
  waiters.SetDrained(true);
  late.get_future().get();
}

TEST(DrainWaitersTest, PastTheCapacityAWaitIsRefusedAndACancelFreesItsPlace) {
  DrainWaiters waiters(2);
  waiters.SetDrained(false);
  bool cancelled_ran = false;
  ASSERT_OK_AND_ASSIGN(const uint64_t first, waiters.Add(kLong, [&] { cancelled_ran = true; }));
  std::promise<void> second_ran;
  ASSERT_OK(waiters.Add(kLong, [&] { second_ran.set_value(); }).status());
  bool refused_ran = false;
  EXPECT_THAT(waiters.Add(kLong, [&] { refused_ran = true; }),
              StatusIs(absl::StatusCode::kResourceExhausted, HasSubstr("2 calls wait")));

  waiters.Cancel(first);
  EXPECT_EQ(waiters.waiting(), 1u);
  std::promise<void> third_ran;
  ASSERT_OK(waiters.Add(kLong, [&] { third_ran.set_value(); }).status());
  waiters.SetDrained(true);
  second_ran.get_future().get();
  third_ran.get_future().get();
  EXPECT_FALSE(cancelled_ran);
  EXPECT_FALSE(refused_ran);
  waiters.Cancel(first);  // after it ran or went: nothing
}

TEST(DrainWaitersTest, GoingAwayAnswersEveryoneStillWaiting) {
  int ran = 0;
  {
    DrainWaiters waiters(4);
    waiters.SetDrained(false);
    for (int i = 0; i < 3; ++i) ASSERT_OK(waiters.Add(kLong, [&] { ++ran; }).status());
  }
  EXPECT_EQ(ran, 3);
}

}  // namespace
}  // namespace rasoat
