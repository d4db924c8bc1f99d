#include "tests/bench/province_section.h"

#include <chrono>
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

using Clock = std::chrono::steady_clock;

constexpr int kLoadTablets = 32;
constexpr int kVillagesPerCommune = 12;
// A commune of the other communes: the average size of a Vietnamese commune's households.
constexpr uint64_t kOtherCommuneHouseholds = 8400;
// rasoatd's default --memory_budget_mb.
constexpr double kDefaultBudgetMb = 512;

double Megabytes(uint64_t bytes) { return static_cast<double>(bytes) / 1e6; }

}  // namespace

absl::Status RunProvinceSection(const BenchConfig& config, TargetFigures& targets) {
  const std::string data_dir = absl::StrCat(config.work_dir, "/province");
  absl::StatusOr<std::unique_ptr<testing::RasoatdProcess>> rasoatd =
      testing::RasoatdProcess::Start(data_dir);
  if (!rasoatd.ok()) return rasoatd.status();
  absl::StatusOr<std::unique_ptr<NoopSyncServer>> noop = NoopSyncServer::Start();
  if (!noop.ok()) return noop.status();
  std::unique_ptr<v1::SyncService::Stub> noop_stub = v1::SyncService::NewStub(
      grpc::CreateChannel((*noop)->address(), grpc::InsecureChannelCredentials()));

  // The large commune first, then the rest of the province in communes of average size.
  const uint64_t total = config.province_load_households;
  const uint64_t large = std::min(config.province_commune_households, total);
  const std::vector<std::string> commune = Communes(20001, 1);
  const std::vector<std::string> others =
      Communes(20002, static_cast<int>((total - large) / kOtherCommuneHouseholds) + 1);
  std::fprintf(stderr, "  loading a province of %s households\n",
               Thousands(static_cast<double>(total)).c_str());
  const Clock::time_point load_start = Clock::now();
  const Target target{(*rasoatd)->address(), (*rasoatd)->admin_token()};
  if (absl::Status loaded =
          LoadHouseholds(target, "2026", commune, kVillagesPerCommune, large, "pc-", kLoadTablets);
      !loaded.ok()) {
    return loaded;
  }
  if (absl::Status loaded = LoadHouseholds(target, "2026", others, kVillagesPerCommune,
                                           total - large, "po-", kLoadTablets);
      !loaded.ok()) {
    return loaded;
  }
  const double load_seconds = std::chrono::duration<double>(Clock::now() - load_start).count();
  const uint64_t load_peak = PeakResidentBytes((*rasoatd)->pid());
  const uint64_t loaded_disk = DirectoryBytes(data_dir);

  std::unique_ptr<v1::SyncService::Stub> rasoat = (*rasoatd)->NewSyncStub();
  absl::StatusOr<WholePull> pull =
      TimeWholePull(*rasoat, **noop, *noop_stub, CommuneScopes(commune), std::max(config.runs, 3));
  if (!pull.ok()) return pull.status();
  const uint64_t pull_peak = PeakResidentBytes((*rasoatd)->pid());

  // kill -9, then a start on the same directory: RocksDB replays its write-ahead log.
  rasoat.reset();
  (*rasoatd)->Kill();
  const Clock::time_point restart = Clock::now();
  absl::StatusOr<std::unique_ptr<testing::RasoatdProcess>> restarted =
      testing::RasoatdProcess::Start(data_dir);
  if (!restarted.ok()) return restarted.status();
  const double restart_seconds = std::chrono::duration<double>(Clock::now() - restart).count();
  rasoat = (*restarted)->NewSyncStub();
  absl::StatusOr<PullRun> after = TimePull(*rasoat, "2026", CommuneScopes(commune), "", false);
  if (!after.ok()) return after.status();
  const uint64_t restart_peak = PeakResidentBytes((*restarted)->pid());
  const uint64_t restarted_disk = DirectoryBytes(data_dir);

  tablet::HouseholdGenerator generator(5);
  size_t record_bytes = 0;
  for (int i = 0; i < 1000; ++i) record_bytes += generator.Make("10001", "v1").ByteSizeLong();
  const double households = static_cast<double>(total);
  const double record = record_bytes / 1000.0;

  std::printf("\n== a province: %s households pushed by %d tablets in batches of 100\n",
              Thousands(households).c_str(), kLoadTablets);
  std::printf("  %-44s %9.1f s  %10s households/s\n", "load", load_seconds,
              Thousands(households / load_seconds).c_str());
  PrintWholePull(
      absl::StrCat("initial pull, 1 commune, ", Thousands(pull->households), " households").c_str(),
      *pull);
  std::printf("  %-44s %9.2f s  (its first pull: %.0f ms, %s households)\n",
              "kill -9, then the start until it serves", restart_seconds, after->seconds * 1000,
              Thousands(static_cast<double>(after->households)).c_str());
  std::printf("  %-44s %9.1f MB | after the pull %6.1f MB | restarted %6.1f MB | budget %.0f MB\n",
              "rasoatd peak RSS (VmHWM) while loading", Megabytes(load_peak), Megabytes(pull_peak),
              Megabytes(restart_peak), kDefaultBudgetMb);
  std::printf("  %-44s %9.0f B  | after the restart %5.0f B | record %6.0f B  %5.2fx\n",
              "data directory per household, loaded", loaded_disk / households,
              restarted_disk / households, record, loaded_disk / households / record);
  std::fflush(stdout);

  targets.goals.push_back({"province: 1 commune's initial pull over the no-op stream",
                           pull->rasoat_ms / pull->noop_ms, "x", true, 1.25});
  targets.goals.push_back({"province: peak RSS while loading and pulling",
                           Megabytes(std::max(load_peak, pull_peak)), "MB", true,
                           kDefaultBudgetMb});
  rasoat.reset();
  (*restarted)->Terminate();
  return absl::OkStatus();
}

}  // namespace rasoat::bench
