// WorkerPool: scheduled work runs on the pool's threads, several at once, and the destructor
// runs everything already scheduled before it joins.
#include "server/rasoatd/worker_pool.h"

#include <atomic>
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
  // Three tasks that each wait for all three to have started: they finish only if three
  // threads run them at the same time.
  WorkerPool pool(3);
  Mutex mu;
  int started = 0;  // guarded by mu
  std::atomic<int> finished{0};
  for (int i = 0; i < 3; ++i) {
    pool.Schedule([&] {
      MutexLock lock(&mu);
      ++started;
      mu.Await([&]() ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu) { return started == 3; });
      ++finished;
    });
  }
  {
    MutexLock lock(&mu);
    mu.Await([&]() ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu) { return started == 3; });
  }
  std::promise<void> last;
  pool.Schedule([&] { last.set_value(); });
  last.get_future().wait();
  EXPECT_EQ(finished.load(), 3);
}

TEST(WorkerPoolTest, TheDestructorRunsWhatIsScheduledThenJoins) {
  std::atomic<int> ran{0};
  std::set<std::thread::id> threads;
  Mutex mu;
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
