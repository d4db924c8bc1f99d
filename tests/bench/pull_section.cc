// The pull table and the memory figures, on one rasoatd that grows: a commune of 8,400
// households pulled whole, then an incremental pull with nothing new, then 12 communes of
// 100,000 households pulled whole, then a province of 1,000,000 households and rasoatd's
// resident memory and disk use. Pull baselines: the no-op server streaming the very pages
// rasoatd sent.
#include "tests/bench/pull_section.h"

#include <cstdio>
#include <memory>

#include "absl/strings/str_cat.h"
#include "tablet/household_generator.h"
#include "tests/bench/bench_stats.h"
#include "tests/bench/noop_sync_server.h"
#include "tests/bench/pull_timing.h"
#include "tests/bench/push_load.h"
#include "tests/e2e/rasoatd_process.h"

namespace rasoat::bench {
namespace {

constexpr int kVillagesPerCommune = 12;

}  // namespace

absl::Status RunPullAndMemorySection(const BenchConfig& config, TargetFigures& targets) {
  const std::string data_dir = absl::StrCat(config.work_dir, "/pull");
  absl::StatusOr<std::unique_ptr<testing::RasoatdProcess>> rasoatd =
      testing::RasoatdProcess::Start(data_dir);
  if (!rasoatd.ok()) return rasoatd.status();
  absl::StatusOr<std::unique_ptr<NoopSyncServer>> noop = NoopSyncServer::Start();
  if (!noop.ok()) return noop.status();
  const uint64_t idle_rss = ResidentBytes((*rasoatd)->pid());
  std::unique_ptr<v1::SyncService::Stub> rasoat = (*rasoatd)->NewSyncStub();
  std::unique_ptr<v1::SyncService::Stub> noop_stub = v1::SyncService::NewStub(
      grpc::CreateChannel((*noop)->address(), grpc::InsecureChannelCredentials()));
  const int runs = std::max(config.runs, 5);

  const std::vector<std::string> commune = Communes(10001, 1);
  if (absl::Status loaded =
          LoadHouseholds({(*rasoatd)->address(), (*rasoatd)->admin_token()}, "2026", commune,
                         kVillagesPerCommune, config.commune_households, "c-");
      !loaded.ok()) {
    return loaded;
  }
  std::printf("\n== pull (time to the last message, median of %d pulls; default page size)\n",
              runs);
  absl::StatusOr<WholePull> commune_pull =
      TimeWholePull(*rasoat, **noop, *noop_stub, CommuneScopes(commune), runs);
  if (!commune_pull.ok()) return commune_pull.status();
  PrintWholePull(
      absl::StrCat("initial pull, 1 commune, ", Thousands(commune_pull->households), " households")
          .c_str(),
      *commune_pull);
  targets.goals.push_back({"initial pull, 1 commune, over the no-op stream",
                           commune_pull->rasoat_ms / commune_pull->noop_ms, "x", true, 1.25});

  // Nothing new since the cursor: what every tablet's routine sync costs.
  constexpr int kEmptyPulls = 300;
  absl::StatusOr<std::vector<double>> empty = TimeIncrementalPulls(
      *rasoat, "2026", CommuneScopes(commune), commune_pull->cursor, kEmptyPulls);
  if (!empty.ok()) return empty.status();
  absl::StatusOr<std::vector<double>> noop_empty =
      TimeIncrementalPulls(*noop_stub, "2026", CommuneScopes(commune), "resume", kEmptyPulls);
  if (!noop_empty.ok()) return noop_empty.status();
  const double empty_p50 = Percentile(*empty, 0.5);
  const double noop_empty_p50 = Percentile(*noop_empty, 0.5);
  std::printf("  %-40s %9.3f ms p50, %.3f ms p99 | no-op %7.3f ms  %5.2fx; server time ≈ %.3f ms\n",
              "incremental pull, nothing new", empty_p50, Percentile(*empty, 0.99), noop_empty_p50,
              empty_p50 / noop_empty_p50, empty_p50 - noop_empty_p50);
  targets.goals.push_back(
      {"empty incremental pull, server time", empty_p50 - noop_empty_p50, "ms", true, 0.5});

  const std::vector<std::string> others = Communes(10002, 11);
  if (absl::Status loaded = LoadHouseholds(
          {(*rasoatd)->address(), (*rasoatd)->admin_token()}, "2026", others, kVillagesPerCommune,
          config.province_households - config.commune_households, "p-");
      !loaded.ok()) {
    return loaded;
  }
  std::vector<std::string> twelve = commune;
  twelve.insert(twelve.end(), others.begin(), others.end());
  absl::StatusOr<WholePull> province_pull =
      TimeWholePull(*rasoat, **noop, *noop_stub, CommuneScopes(twelve), std::max(config.runs, 3));
  if (!province_pull.ok()) return province_pull.status();
  PrintWholePull(absl::StrCat("initial pull, 12 communes, ", Thousands(province_pull->households),
                              " households")
                     .c_str(),
                 *province_pull);
  targets.goals.push_back({"initial pull, 12 communes, over the no-op stream",
                           province_pull->rasoat_ms / province_pull->noop_ms, "x", true, 1.25});

  if (config.sections.count("memory") > 0 &&
      config.memory_households > config.province_households) {
    std::fprintf(stderr, "  loading %s households for the memory figures\n",
                 Thousands(static_cast<double>(config.memory_households)).c_str());
    const uint64_t rest = config.memory_households - config.province_households;
    if (absl::Status loaded = LoadHouseholds(
            {(*rasoatd)->address(), (*rasoatd)->admin_token()}, "2026",
            Communes(30001, static_cast<int>(rest / 8400) + 1), kVillagesPerCommune, rest, "m-");
        !loaded.ok()) {
      return loaded;
    }
    const uint64_t rss = ResidentBytes((*rasoatd)->pid());
    const uint64_t disk = DirectoryBytes(data_dir);
    tablet::HouseholdGenerator generator(5);
    size_t record_bytes = 0;
    for (int i = 0; i < 1000; ++i) record_bytes += generator.Make("10001", "v1").ByteSizeLong();
    const double households = static_cast<double>(config.memory_households);
    std::printf("\n== memory and disk at %s households (one load)\n",
                Thousands(households).c_str());
    std::printf("  %-40s %9.1f MB | idle rasoatd %6.1f MB  %5.2fx\n", "rasoatd RSS", rss / 1e6,
                idle_rss / 1e6, static_cast<double>(rss) / idle_rss);
    std::printf("  %-40s %9.0f B  | record       %6.0f B   %5.2fx\n",
                "data directory per household", disk / households, record_bytes / 1000.0,
                disk / households / (record_bytes / 1000.0));
    targets.goals.push_back(
        {absl::StrCat("rasoatd RSS after ", Thousands(households), " households"), rss / 1e6, "MB",
         true, 200});
    targets.goals.push_back({"data directory per household over the record",
                             disk / households / (record_bytes / 1000.0), "x", true, 1.6});
  }
  rasoat.reset();
  (*rasoatd)->Terminate();
  return absl::OkStatus();
}

}  // namespace rasoat::bench
