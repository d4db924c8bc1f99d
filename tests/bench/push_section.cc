// The push tables: rasoatd against synced RocksDB writes and the no-op gRPC server, for every
// number of tablets and batch size, with new households only or with stale bases mixed in.
#include "tests/bench/push_section.h"

#include <cstdio>
#include <filesystem>
#include <map>
#include <memory>

#include "absl/strings/str_cat.h"
#include "tests/bench/bench_stats.h"
#include "tests/bench/noop_sync_server.h"
#include "tests/bench/push_load.h"
#include "tests/bench/rocksdb_baseline.h"
#include "tests/e2e/rasoatd_process.h"

namespace rasoat::bench {
namespace {

// The median of each figure over runs.
PushFigures MedianOf(const std::vector<PushFigures>& runs) {
  std::vector<double> rates, p50s, p99s;
  PushFigures median;
  for (const PushFigures& run : runs) {
    rates.push_back(run.mutations_per_second);
    p50s.push_back(run.p50_ms);
    p99s.push_back(run.p99_ms);
    median.mutations += run.mutations;
    median.merged += run.merged;
    median.conflicts += run.conflicts;
    median.rejected += run.rejected;
    median.failed_pushes += run.failed_pushes;
  }
  median.mutations_per_second = Median(rates);
  median.p50_ms = Median(p50s);
  median.p99_ms = Median(p99s);
  return median;
}

template <typename RunOnce>
absl::StatusOr<PushFigures> Repeat(int runs, RunOnce run_once) {
  std::vector<PushFigures> figures;
  for (int run = 0; run < runs; ++run) {
    absl::StatusOr<PushFigures> one = run_once(run);
    if (!one.ok()) return one.status();
    figures.push_back(*one);
  }
  return MedianOf(figures);
}

}  // namespace

absl::Status RunPushSection(const BenchConfig& config, bool mixed, PushBaselineCache& baselines,
                            TargetFigures& targets) {
  const std::string data_dir = absl::StrCat(config.work_dir, mixed ? "/push-mixed" : "/push");
  absl::StatusOr<std::unique_ptr<testing::RasoatdProcess>> rasoatd =
      testing::RasoatdProcess::Start(data_dir);
  if (!rasoatd.ok()) return rasoatd.status();
  absl::StatusOr<std::unique_ptr<NoopSyncServer>> noop = NoopSyncServer::Start();
  if (!noop.ok()) return noop.status();
  PushLoad rasoat_load({(*rasoatd)->address(), (*rasoatd)->admin_token()}, "2026", mixed ? 2 : 1);
  PushLoad noop_load({(*noop)->address(), ""}, "2026", 3);

  std::printf(
      "\n== push%s (median of %d runs of %g s; Push answers once the batch is synced)\n",
      mixed ? ", 10% of mutations on a stale base (merged), 1% conflicting" : ", new households",
      config.runs, config.seconds);
  std::printf(
      "  tablets batch |  rasoat mut/s  p50 ms  p99 ms%s | RocksDB-sync mut/s ratio  p50 ms "
      "| gRPC-no-op mut/s ratio  p50 ms\n",
      mixed ? " merged conflicts" : "");
  int cell = 0;
  for (int tablets : config.tablets) {
    for (int batch : config.batches) {
      PushWorkload workload{.tablets = tablets, .batch = batch};
      if (mixed) {
        workload.stale_share = 0.10;
        workload.conflict_share = 0.01;
        // Enough stale households for a run at 25,000 mutations/s; preparing many more would
        // leave rasoatd compacting them during the run.
        workload.stale_per_tablet =
            static_cast<int>(25000 * config.seconds * 0.11 / tablets) + batch;
      }
      absl::StatusOr<PushFigures> rasoat =
          Repeat(config.runs, [&](int) { return rasoat_load.Run(workload, config.seconds); });
      if (!rasoat.ok()) return rasoat.status();
      auto cached = baselines.find({tablets, batch});
      if (cached == baselines.end()) {
        absl::StatusOr<PushFigures> rocksdb = Repeat(config.runs, [&](int run) {
          const std::string dir = absl::StrCat(config.work_dir, "/rocksdb-", cell, "-", run);
          absl::StatusOr<PushFigures> figures =
              RunRocksDbWrites(dir, tablets, batch, config.seconds);
          std::error_code ignored;
          std::filesystem::remove_all(dir, ignored);
          return figures;
        });
        if (!rocksdb.ok()) return rocksdb.status();
        absl::StatusOr<PushFigures> grpc = Repeat(config.runs, [&](int) {
          return noop_load.Run(PushWorkload{.tablets = tablets, .batch = batch}, config.seconds);
        });
        if (!grpc.ok()) return grpc.status();
        cached = baselines.emplace(std::pair(tablets, batch), PushBaselines{*rocksdb, *grpc}).first;
      }
      const PushFigures* rocksdb = &cached->second.rocksdb;
      const PushFigures* grpc = &cached->second.grpc;
      ++cell;

      std::printf("  %7d %5d | %13s %7.2f %7.2f", tablets, batch,
                  Thousands(rasoat->mutations_per_second).c_str(), rasoat->p50_ms, rasoat->p99_ms);
      if (mixed) {
        const double total = static_cast<double>(std::max<uint64_t>(rasoat->mutations, 1));
        std::printf(" %5.1f%% %8.2f%%", 100.0 * rasoat->merged / total,
                    100.0 * rasoat->conflicts / total);
      }
      std::printf(" | %18s %5.2f %7.2f | %16s %5.2f %7.2f\n",
                  Thousands(rocksdb->mutations_per_second).c_str(),
                  rasoat->mutations_per_second / rocksdb->mutations_per_second, rocksdb->p50_ms,
                  Thousands(grpc->mutations_per_second).c_str(),
                  rasoat->mutations_per_second / grpc->mutations_per_second, grpc->p50_ms);
      if (rasoat->rejected + rasoat->failed_pushes > 0) {
        std::printf("  ! %llu mutations rejected, %llu pushes failed\n",
                    static_cast<unsigned long long>(rasoat->rejected),
                    static_cast<unsigned long long>(rasoat->failed_pushes));
      }
      std::fflush(stdout);
      const double over_noop = rasoat->mutations_per_second / grpc->mutations_per_second;
      if (!mixed) {
        targets.new_push_per_second[{tablets, batch}] = rasoat->mutations_per_second;
        if ((tablets == 32 && batch == 20) || (tablets == 8 && (batch == 20 || batch == 100))) {
          targets.goals.push_back(
              {absl::StrCat("push, ", tablets, " tablets x ", batch, ", over the gRPC no-op"),
               over_noop, "x", false, 0.80});
        }
        if (tablets == 1 && batch == 1) {
          targets.goals.push_back({"push p50, 1 tablet x 1, over RocksDB-sync + no-op p50",
                                   rasoat->p50_ms / (rocksdb->p50_ms + grpc->p50_ms), "x", true,
                                   1.25});
        }
      } else if (auto fresh = targets.new_push_per_second.find({tablets, batch});
                 fresh != targets.new_push_per_second.end()) {
        const double ratio = rasoat->mutations_per_second / fresh->second;
        if (targets.worst_stale_ratio < 0 || ratio < targets.worst_stale_ratio) {
          targets.worst_stale_ratio = ratio;
        }
      }
    }
  }
  std::printf("  (ratio: rasoat's mutations/s over the baseline's)\n");
  (*rasoatd)->Terminate();
  return absl::OkStatus();
}

}  // namespace rasoat::bench
