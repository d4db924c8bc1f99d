// MemoryTrimmer's schedule: a trim once every period from one period after the start, and a
// destructor that does not wait out a long period.
#include "server/rasoatd/memory_trimmer.h"

#include <gtest/gtest.h>

#include "sync/base/mutex.h"

namespace rasoat {
namespace {

struct TrimCount {
  Mutex mu;
  int trims ABSL_GUARDED_BY(mu) = 0;

  void Trim() {
    MutexLock lock(&mu);
    ++trims;
  }
  int Get() {
    MutexLock lock(&mu);
    return trims;
  }
};

TEST(MemoryTrimmerTest, TrimsOnceEveryPeriod) {
  TrimCount count;
  {
    MemoryTrimmer trimmer(absl::Milliseconds(1), [&count] { count.Trim(); });
    MutexLock lock(&count.mu);
    count.mu.Await([&count]() ABSL_EXCLUSIVE_LOCKS_REQUIRED(count.mu) { return count.trims >= 3; });
  }
  const int after_destruction = count.Get();
  EXPECT_GE(after_destruction, 3);
}

TEST(MemoryTrimmerTest, StopsWithoutWaitingOutThePeriodOrTrimmingBeforeIt) {
  TrimCount count;
  {
    MemoryTrimmer trimmer(absl::Hours(1), [&count] { count.Trim(); });
  }
  // Had the destructor waited for the period, this test would run for an hour and time out.
  EXPECT_EQ(count.Get(), 0);
}

}  // namespace
}  // namespace rasoat
