// WorkerPool: scheduled work runs on the pool's threads, several at once, and the destructor
// runs everything already scheduled before it joins.
#include "server/rasoatd/worker_pool.h"

#include <atomic>
#include <chrono>
#include <future>
#include <set>
#include <thread>
#include <vector>

#include <gtest/gtest.h>

#include "sync/base/mutex.h"

namespace rasoat {
namespace {

TEST(WorkerPoolTest, WorkRunsOnThePoolsThreadsNotTheCallers) {
  WorkerPool pool(2);
  std::promise<std::thread::id> ran_on;
  pool.Schedule([&] { ran_on.set_value(std::this_thread::get_id()); });
  EXPECT_NE(ran_on.get_future().get(), std::this_thread::get_id());
}

TEST(WorkerPoolTest, AsManyWorkAtOnceAsThereAreThreads) {
  // Three tasks that each wait for all three to have started: they all finish only if three
  // threads run them at the same time. (With fewer threads each would give up after a minute.)
  constexpr auto kPatience = std::chrono::seconds(60);
  Mutex mu;              // declared before the pool: the pool's threads are joined before it goes
  int started = 0;       // guarded by mu
  int finished = 0;      // guarded by mu
  int all_together = 0;  // guarded by mu
  {
    WorkerPool pool(3);
    for (int i = 0; i < 3; ++i) {
      pool.Schedule([&] {
        MutexLock lock(&mu);
        ++started;
        if (mu.AwaitWithTimeout([&]() ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu) { return started == 3; },
                                kPatience)) {
          ++all_together;
        }
        ++finished;
      });
    }
    MutexLock lock(&mu);
    mu.AwaitWithTimeout([&]() ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu) { return finished == 3; },
                        2 * kPatience);
  }
  MutexLock lock(&mu);
  EXPECT_EQ(all_together, 3);
}

TEST(WorkerPoolTest, TheDestructorRunsWhatIsScheduledThenJoins) {
  std::atomic<int> ran{0};
  Mutex mu;  // declared before the pool: the pool's threads are joined before it goes
  std::set<std::thread::id> threads;
  {
    WorkerPool pool(2);
    for (int i = 0; i < 100; ++i) {
      pool.Schedule([&] {
        ++ran;
        MutexLock lock(&mu);
        threads.insert(std::this_thread::get_id());
      });
    }
  }
  EXPECT_EQ(ran.load(), 100);
  MutexLock lock(&mu);
  EXPECT_LE(threads.size(), 2u);
  EXPECT_FALSE(threads.contains(std::this_thread::get_id()));
}

}  // namespace
}  // namespace rasoat
