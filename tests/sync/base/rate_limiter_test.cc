// RateLimiter: each key's bucket empties after `burst` requests and refills at `per_second`;
// keys are independent, the map stays bounded, and many threads together take exactly `burst`.
// Time is a clock the test advances by hand: nothing sleeps.
#include "sync/base/rate_limiter.h"

#include <atomic>
#include <cmath>
#include <string>
#include <thread>
#include <vector>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "absl/strings/str_cat.h"
#include "tests/support/status_matchers.h"

namespace rasoat {
namespace {

using ::rasoat::testing::StatusIs;
using ::testing::HasSubstr;
using ::testing::Not;

// A 32-byte key, as the server passes (a token's hash).
std::string Key(int n) { return absl::StrCat(std::string(24, 'k'), absl::Dec(n, absl::kZeroPad8)); }

// A clock that moves only when told to. Not thread-safe to Advance while a Take runs.
class ManualClock {
 public:
  RateLimiter::Clock AsClock() {
    return [this] { return now_; };
  }
  void Advance(absl::Duration d) { now_ += d; }

 private:
  absl::Time now_ = absl::UnixEpoch() + absl::Hours(1000);
};

RateLimiterOptions Options(double per_second, double burst, size_t max_keys = 100'000) {
  RateLimiterOptions options;
  options.per_second = per_second;
  options.burst = burst;
  options.max_keys = max_keys;
  EXPECT_OK(options.Validate());
  return options;
}

// Takes from `key` until refused; returns how many were allowed (at most `limit`).
int TakeUntilRefused(RateLimiter& limiter, std::string_view key, int limit = 1'000'000) {
  int allowed = 0;
  while (allowed < limit && limiter.Take(key).ok()) ++allowed;
  return allowed;
}

TEST(RateLimiterTest, FreshKeyGetsTheWholeBurstThenIsToldHowLongToWait) {
  ManualClock clock;
  RateLimiter limiter(Options(/*per_second=*/50, /*burst=*/200), clock.AsClock());
  for (int i = 0; i < 200; ++i) ASSERT_OK(limiter.Take(Key(1))) << "request " << i;
  const absl::Status refused = limiter.Take(Key(1));
  // The next request is 1/50 s away, rounded up to 0.1 s.
  EXPECT_THAT(refused, StatusIs(absl::StatusCode::kResourceExhausted,
                                "too many requests with this token: 50 per second allowed; "
                                "try again in 0.1 s"));
  EXPECT_EQ(RetryAfter(refused), absl::Milliseconds(100));
}

TEST(RateLimiterTest, TheWaitIsRoundedUpToATenthOfASecond) {
  ManualClock clock;
  RateLimiter limiter(Options(/*per_second=*/3, /*burst=*/2), clock.AsClock());
  ASSERT_EQ(TakeUntilRefused(limiter, Key(1)), 2);
  // 1/3 s until the next one.
  absl::Status refused = limiter.Take(Key(1));
  EXPECT_THAT(refused, StatusIs(absl::StatusCode::kResourceExhausted,
                                HasSubstr("3 per second allowed; try again in 0.4 s")));
  EXPECT_EQ(RetryAfter(refused), absl::Milliseconds(400));

  clock.Advance(absl::Milliseconds(300));  // 1/30 s left
  refused = limiter.Take(Key(1));
  EXPECT_THAT(refused,
              StatusIs(absl::StatusCode::kResourceExhausted, HasSubstr("try again in 0.1 s")));
  EXPECT_EQ(RetryAfter(refused), absl::Milliseconds(100));
}

TEST(RateLimiterTest, WaitsLongerThanASecondAreSaidInSeconds) {
  ManualClock clock;
  RateLimiter limiter(Options(/*per_second=*/0.4, /*burst=*/1), clock.AsClock());
  ASSERT_OK(limiter.Take(Key(1)));
  const absl::Status refused = limiter.Take(Key(1));
  EXPECT_THAT(refused, StatusIs(absl::StatusCode::kResourceExhausted,
                                "too many requests with this token: 0.4 per second allowed; "
                                "try again in 2.5 s"));
  EXPECT_EQ(RetryAfter(refused), absl::Milliseconds(2500));
}

TEST(RateLimiterTest, OneMoreIsAllowedEachIntervalOfTheSustainedRate) {
  ManualClock clock;
  RateLimiter limiter(Options(/*per_second=*/50, /*burst=*/200), clock.AsClock());
  ASSERT_EQ(TakeUntilRefused(limiter, Key(1)), 200);

  clock.Advance(absl::Milliseconds(19));
  EXPECT_THAT(limiter.Take(Key(1)), StatusIs(absl::StatusCode::kResourceExhausted, ::testing::_));
  clock.Advance(absl::Milliseconds(1));  // 1/50 s in all
  EXPECT_OK(limiter.Take(Key(1)));
  EXPECT_THAT(limiter.Take(Key(1)), StatusIs(absl::StatusCode::kResourceExhausted, ::testing::_));

  clock.Advance(absl::Milliseconds(100));  // five more
  EXPECT_EQ(TakeUntilRefused(limiter, Key(1)), 5);
}

TEST(RateLimiterTest, AnIdleBucketRefillsToTheBurstAndNoFurther) {
  ManualClock clock;
  RateLimiter limiter(Options(/*per_second=*/50, /*burst=*/200), clock.AsClock());
  ASSERT_EQ(TakeUntilRefused(limiter, Key(1)), 200);
  clock.Advance(absl::Hours(1));
  EXPECT_EQ(TakeUntilRefused(limiter, Key(1)), 200);
}

TEST(RateLimiterTest, KeysAreIndependent) {
  ManualClock clock;
  RateLimiter limiter(Options(/*per_second=*/1, /*burst=*/10), clock.AsClock());
  ASSERT_EQ(TakeUntilRefused(limiter, Key(1)), 10);
  EXPECT_EQ(TakeUntilRefused(limiter, Key(2)), 10);
  EXPECT_EQ(TakeUntilRefused(limiter, Key(3), /*limit=*/4), 4);
  // Key 3 still has its own six.
  EXPECT_EQ(TakeUntilRefused(limiter, Key(3)), 6);
  EXPECT_EQ(limiter.tracked_keys(), 3u);
}

TEST(RateLimiterTest, ZeroPerSecondIsUnlimitedAndTracksNothing) {
  ManualClock clock;
  RateLimiter limiter(Options(/*per_second=*/0, /*burst=*/0), clock.AsClock());
  for (int i = 0; i < 100'000; ++i) ASSERT_OK(limiter.Take(Key(1)));
  EXPECT_EQ(limiter.tracked_keys(), 0u);
}

TEST(RateLimiterTest, TheStatusNeverContainsTheKey) {
  ManualClock clock;
  RateLimiter limiter(Options(/*per_second=*/1, /*burst=*/1), clock.AsClock());
  const std::string key = "secret-hash-0123456789abcdef0123";
  ASSERT_OK(limiter.Take(key));
  const absl::Status refused = limiter.Take(key);
  ASSERT_EQ(refused.code(), absl::StatusCode::kResourceExhausted);
  EXPECT_THAT(refused.ToString(), Not(HasSubstr("secret")));
}

TEST(RateLimiterTest, TheKeyMapStaysBoundedAtMaxKeys) {
  ManualClock clock;
  RateLimiter limiter(Options(/*per_second=*/1, /*burst=*/5, /*max_keys=*/100), clock.AsClock());
  for (int i = 0; i < 10'000; ++i) {
    ASSERT_OK(limiter.Take(Key(i)));
    ASSERT_LE(limiter.tracked_keys(), 100u) << "after key " << i;
  }
  // 10,000 keys spread over the shards fill every one of them.
  EXPECT_EQ(limiter.tracked_keys(), 100u);
}

TEST(RateLimiterTest, AForgottenKeyStartsAgainWithAFullBucket) {
  ManualClock clock;
  RateLimiter limiter(Options(/*per_second=*/1, /*burst=*/5, /*max_keys=*/1), clock.AsClock());
  ASSERT_EQ(TakeUntilRefused(limiter, Key(1)), 5);
  ASSERT_OK(limiter.Take(Key(2)));  // the only slot: key 1 is forgotten
  EXPECT_EQ(limiter.tracked_keys(), 1u);
  EXPECT_EQ(TakeUntilRefused(limiter, Key(1)), 5);
}

TEST(RateLimiterTest, AForgottenKeyAmongManyStartsAgainWithAFullBucket) {
  ManualClock clock;
  RateLimiter limiter(Options(/*per_second=*/1, /*burst=*/5, /*max_keys=*/100), clock.AsClock());
  ASSERT_EQ(TakeUntilRefused(limiter, Key(0)), 5);
  // Far more than any shard holds, whichever shard key 0 is in.
  for (int i = 1; i <= 10'000; ++i) ASSERT_OK(limiter.Take(Key(i)));
  EXPECT_EQ(TakeUntilRefused(limiter, Key(0)), 5);
}

TEST(RateLimiterTest, AKeyInUseIsNeverForgotten) {
  ManualClock clock;
  RateLimiter limiter(Options(/*per_second=*/1, /*burst=*/5, /*max_keys=*/100), clock.AsClock());
  const std::string hot = Key(0);
  ASSERT_EQ(TakeUntilRefused(limiter, hot), 5);
  // Between two of the hot key's requests, one new key arrives: the key evicted is always an
  // idler one, so the hot key stays refused instead of getting a fresh bucket.
  for (int i = 1; i <= 10'000; ++i) {
    ASSERT_OK(limiter.Take(Key(i)));
    ASSERT_EQ(limiter.Take(hot).code(), absl::StatusCode::kResourceExhausted) << "after key " << i;
  }
}

TEST(RateLimiterTest, RetryAfterIsZeroForOtherStatuses) {
  EXPECT_EQ(RetryAfter(absl::OkStatus()), absl::ZeroDuration());
  EXPECT_EQ(RetryAfter(absl::ResourceExhaustedError("disk full")), absl::ZeroDuration());
  EXPECT_EQ(RetryAfter(absl::InvalidArgumentError("x")), absl::ZeroDuration());
}

TEST(RateLimiterOptionsTest, DefaultsAreValid) {
  const RateLimiterOptions options;
  EXPECT_OK(options.Validate());
  EXPECT_EQ(options.per_second, 50);
  EXPECT_EQ(options.burst, 200);
  EXPECT_EQ(options.max_keys, 100'000u);
}

TEST(RateLimiterOptionsTest, ValidateNamesTheBadOption) {
  const auto with = [](auto change) {
    RateLimiterOptions options;
    change(options);
    return options.Validate();
  };
  const auto invalid = [](const char* option) {
    return StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr(option));
  };
  EXPECT_THAT(with([](RateLimiterOptions& o) { o.per_second = -1; }), invalid("per_second"));
  EXPECT_THAT(with([](RateLimiterOptions& o) { o.per_second = std::nan(""); }),
              invalid("per_second"));
  EXPECT_THAT(with([](RateLimiterOptions& o) { o.per_second = 1e-300; }), invalid("per_second"));
  EXPECT_THAT(with([](RateLimiterOptions& o) { o.per_second = 1e300; }), invalid("per_second"));
  EXPECT_THAT(with([](RateLimiterOptions& o) { o.burst = 0.5; }),
              invalid("burst must be at least 1 (is 0.5)"));
  EXPECT_THAT(with([](RateLimiterOptions& o) { o.burst = -1; }), invalid("burst"));
  EXPECT_THAT(with([](RateLimiterOptions& o) { o.burst = std::nan(""); }), invalid("burst"));
  EXPECT_THAT(with([](RateLimiterOptions& o) { o.burst = HUGE_VAL; }), invalid("burst"));
  EXPECT_THAT(with([](RateLimiterOptions& o) {
                o.per_second = 0;
                o.burst = -1;
              }),
              invalid("burst"));
  EXPECT_THAT(with([](RateLimiterOptions& o) { o.max_keys = 0; }), invalid("max_keys"));
  // Unlimited needs no burst; the smallest valid values pass.
  EXPECT_OK(with([](RateLimiterOptions& o) {
    o.per_second = 0;
    o.burst = 0;
  }));
  EXPECT_OK(with([](RateLimiterOptions& o) {
    o.per_second = 1e-6;
    o.burst = 1;
    o.max_keys = 1;
  }));
}

// Labelled "concurrency" (tests/sync/base/CMakeLists.txt): the TSan preset runs it too.
TEST(RateLimiterConcurrencyTest, EightThreadsOnOneKeyTakeExactlyTheBurstInTotal) {
  ManualClock clock;  // frozen: no refill while the threads run
  RateLimiter limiter(Options(/*per_second=*/50, /*burst=*/200), clock.AsClock());
  constexpr int kThreads = 8;
  constexpr int kTakesPerThread = 500;
  std::atomic<int> allowed{0};
  std::atomic<int> refused{0};
  std::atomic<int> unexpected{0};
  {
    std::vector<std::jthread> threads;
    for (int t = 0; t < kThreads; ++t) {
      threads.emplace_back([&] {
        for (int i = 0; i < kTakesPerThread; ++i) {
          const absl::Status status = limiter.Take(Key(7));
          if (status.ok()) {
            allowed.fetch_add(1, std::memory_order_relaxed);
          } else if (status.code() == absl::StatusCode::kResourceExhausted) {
            refused.fetch_add(1, std::memory_order_relaxed);
          } else {
            unexpected.fetch_add(1, std::memory_order_relaxed);
          }
          // Other keys in between, so that the threads also meet in other shards; each of these
          // is taken at most 63 times, well within its burst.
          if (!limiter.Take(Key(1000 + i % 64)).ok()) {
            unexpected.fetch_add(1, std::memory_order_relaxed);
          }
        }
      });
    }
  }
  EXPECT_EQ(allowed.load(), 200);
  EXPECT_EQ(refused.load(), kThreads * kTakesPerThread - 200);
  EXPECT_EQ(unexpected.load(), 0);
}

}  // namespace
}  // namespace rasoat
