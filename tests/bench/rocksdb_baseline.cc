#include "tests/bench/rocksdb_baseline.h"

#include <atomic>
#include <chrono>
#include <memory>
#include <thread>
#include <vector>

#include "absl/strings/str_cat.h"
#include "rocksdb/db.h"
#include "rocksdb/write_batch.h"
#include "tablet/household_generator.h"
#include "tests/bench/bench_stats.h"

namespace rasoat::bench {

using Clock = std::chrono::steady_clock;

absl::StatusOr<PushFigures> RunRocksDbWrites(const std::string& dir, int tablets, int batch,
                                             double seconds) {
  rocksdb::Options options;
  options.create_if_missing = true;
  rocksdb::DB* raw = nullptr;
  const rocksdb::Status opened = rocksdb::DB::Open(options, dir, &raw);
  if (!opened.ok()) return absl::UnavailableError(opened.ToString());
  std::unique_ptr<rocksdb::DB> db(raw);

  std::vector<std::vector<double>> latencies(tablets);
  std::vector<uint64_t> written(tablets, 0);
  std::atomic<uint64_t> failures{0};
  std::atomic<int> ready{0};
  std::atomic<bool> go{false};
  Clock::time_point deadline;
  std::vector<std::thread> threads;
  for (int t = 0; t < tablets; ++t) {
    threads.emplace_back([&, t] {
      tablet::HouseholdGenerator generator(t);
      std::vector<std::string> values;
      for (int i = 0; i < 64; ++i) {
        values.push_back(generator.Make("29999", absl::StrCat("t", t)).SerializeAsString());
      }
      rocksdb::WriteOptions sync;
      sync.sync = true;
      latencies[t].reserve(1 << 16);
      uint64_t n = 0;
      rocksdb::WriteBatch write;
      ready.fetch_add(1);
      while (!go.load(std::memory_order_acquire)) std::this_thread::yield();
      while (Clock::now() < deadline) {
        write.Clear();
        for (int b = 0; b < batch; ++b, ++n) {
          write.Put(absl::StrCat("2026/t", t, "/", n), values[n % values.size()]);
        }
        const Clock::time_point start = Clock::now();
        if (!db->Write(sync, &write).ok()) {
          failures.fetch_add(1);
          continue;
        }
        latencies[t].push_back(
            std::chrono::duration<double, std::milli>(Clock::now() - start).count());
        written[t] += batch;
      }
    });
  }
  while (ready.load() < tablets) std::this_thread::yield();
  const Clock::time_point start = Clock::now();
  deadline =
      start + std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>(seconds));
  go.store(true, std::memory_order_release);
  for (std::thread& thread : threads) thread.join();
  const double elapsed = std::chrono::duration<double>(Clock::now() - start).count();

  PushFigures figures;
  std::vector<double> all;
  for (int t = 0; t < tablets; ++t) {
    all.insert(all.end(), latencies[t].begin(), latencies[t].end());
    figures.mutations += written[t];
  }
  figures.failed_pushes = failures.load();
  figures.mutations_per_second = static_cast<double>(figures.mutations) / elapsed;
  figures.p50_ms = Percentile(all, 0.50);
  figures.p99_ms = Percentile(all, 0.99);
  return figures;
}

}  // namespace rasoat::bench
