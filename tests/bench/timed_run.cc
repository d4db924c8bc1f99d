#include "tests/bench/timed_run.h"

#include <atomic>
#include <chrono>
#include <thread>
#include <vector>

#include "tests/bench/bench_stats.h"

namespace rasoat::bench {

using Clock = std::chrono::steady_clock;

namespace {

// What one worker counted.
struct WorkerTally {
  std::vector<double> latencies_ms;
  uint64_t mutations = 0;
  uint64_t failed_calls = 0;
};

}  // namespace

PushFigures RunTimed(int threads, double seconds, const TimedWork& work) {
  std::vector<WorkerTally> tallies(threads);
  std::vector<std::thread> workers;
  std::atomic<int> ready{0};
  std::atomic<bool> go{false};
  Clock::time_point deadline;
  for (int w = 0; w < threads; ++w) {
    workers.emplace_back([&, w] {
      WorkerTally& tally = tallies[w];
      tally.latencies_ms.reserve(1 << 16);
      if (work.set_up) work.set_up(w);
      ready.fetch_add(1);
      while (!go.load(std::memory_order_acquire)) std::this_thread::yield();
      while (Clock::now() < deadline) {
        if (work.prepare) work.prepare(w);
        const Clock::time_point start = Clock::now();
        const absl::StatusOr<uint64_t> mutations = work.call(w);
        if (!mutations.ok()) {
          ++tally.failed_calls;
          continue;
        }
        tally.latencies_ms.push_back(
            std::chrono::duration<double, std::milli>(Clock::now() - start).count());
        tally.mutations += *mutations;
        if (work.tally) work.tally(w);
      }
    });
  }
  while (ready.load() < threads) std::this_thread::yield();
  const Clock::time_point start = Clock::now();
  deadline =
      start + std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>(seconds));
  go.store(true, std::memory_order_release);
  for (std::thread& worker : workers) worker.join();
  const double elapsed = std::chrono::duration<double>(Clock::now() - start).count();

  PushFigures figures;
  std::vector<double> latencies;
  for (const WorkerTally& tally : tallies) {
    latencies.insert(latencies.end(), tally.latencies_ms.begin(), tally.latencies_ms.end());
    figures.mutations += tally.mutations;
    figures.failed_pushes += tally.failed_calls;
  }
  figures.mutations_per_second = static_cast<double>(figures.mutations) / elapsed;
  figures.p50_ms = Percentile(latencies, 0.50);
  figures.p99_ms = Percentile(latencies, 0.99);
  return figures;
}

}  // namespace rasoat::bench
