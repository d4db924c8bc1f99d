#include "tests/bench/hostile_section.h"

#include <atomic>
#include <chrono>
#include <cstdio>
#include <memory>
#include <random>
#include <string>
#include <thread>
#include <vector>

#include <grpcpp/grpcpp.h>

#include "absl/strings/str_cat.h"
#include "proto/client/client_channel.h"
#include "rasoat/v1/sync.grpc.pb.h"
#include "tablet/household_generator.h"
#include "tests/bench/bench_stats.h"
#include "tests/bench/push_load.h"
#include "tests/e2e/rasoatd_process.h"

namespace rasoat::bench {
namespace {

using Clock = std::chrono::steady_clock;

constexpr int kFloodTablets = 20;
constexpr int kFloodBatch = 500;
constexpr size_t kNoteBytes = 130'000;  // a 131 KB record, under the 256 KB limit
constexpr int kSlowPulls = 200;
constexpr int kDefaultBudgetMb = 512;

std::shared_ptr<grpc::Channel> NewChannel(const Target& target, bool bdp_probe = true) {
  ClientChannelOptions options;
  options.server = target.address;
  options.token = target.token;
  options.arguments.SetMaxSendMessageSize(128 << 20);
  options.arguments.SetMaxReceiveMessageSize(64 << 20);
  options.arguments.SetInt(GRPC_ARG_USE_LOCAL_SUBCHANNEL_POOL, 1);  // a connection of its own
  if (!bdp_probe) options.arguments.SetInt(GRPC_ARG_HTTP2_BDP_PROBE, 0);
  return *NewClientChannel(options);
}

// A normal tablet's pushes of one new household each, back to back, until `stop`.
struct Probe {
  std::vector<double> ms;
  int failed = 0;
};

void ProbePushes(const Target& address, const std::atomic<bool>& stop, Probe* probe) {
  std::unique_ptr<v1::SyncService::Stub> stub = v1::SyncService::NewStub(NewChannel(address));
  tablet::HouseholdGenerator generator(7);
  for (int i = 0; !stop.load(); ++i) {
    v1::PushRequest request;
    request.set_device_id("probe");
    v1::Mutation* mutation = request.add_mutations();
    mutation->mutable_key()->set_round_id("2026");
    mutation->mutable_key()->set_household_id(absl::StrCat("probe-", i));
    mutation->set_mutation_id(absl::StrCat("probe-", i));
    *mutation->mutable_record() = generator.Make("29001", "thon-1");
    v1::PushResponse response;
    grpc::ClientContext context;
    context.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(30));
    const auto start = Clock::now();
    const grpc::Status status = stub->Push(&context, request, &response);
    if (!status.ok()) {
      ++probe->failed;
      continue;
    }
    probe->ms.push_back(std::chrono::duration<double, std::milli>(Clock::now() - start).count());
  }
}

std::string ProbeLine(Probe& probe) {
  if (probe.ms.empty()) return absl::StrCat("no push answered, ", probe.failed, " failed");
  char line[160];
  std::snprintf(line, sizeof line, "%.1f ms p50, %.1f ms p99 (%zu pushes, %d failed)",
                Percentile(probe.ms, 0.5), Percentile(probe.ms, 0.99), probe.ms.size(),
                probe.failed);
  return line;
}

// Tablet `tablet`'s largest push: 500 new households with 130 KB notes.
v1::PushRequest FloodRequest(int tablet) {
  tablet::HouseholdGenerator generator(1000 + tablet);
  const std::string note(kNoteBytes, 'n');
  v1::PushRequest request;
  request.set_device_id(absl::StrCat("flood-", tablet));
  for (int i = 0; i < kFloodBatch; ++i) {
    v1::Mutation* mutation = request.add_mutations();
    mutation->mutable_key()->set_round_id("2026");
    mutation->mutable_key()->set_household_id(absl::StrCat("f", tablet, "-", i));
    mutation->set_mutation_id(absl::StrCat("f", tablet, "-", i));
    v1::Household* record = mutation->mutable_record();
    *record = generator.Make("29002", "thon-1");
    record->set_collaborator_note(note);
  }
  return request;
}

struct FloodFigures {
  uint64_t peak_rss = 0;
  int applied = 0;    // pushes stored
  int exhausted = 0;  // answers RESOURCE_EXHAUSTED or UNAVAILABLE (sent again)
  int failed = 0;     // other failures (given up)
  std::string first_failure;
  double seconds = 0;
  Probe probe;
};

absl::StatusOr<FloodFigures> RunFlood(const BenchConfig& config, int budget_mb) {
  const std::string data_dir = absl::StrCat(config.work_dir, "/flood-", budget_mb);
  absl::StatusOr<std::unique_ptr<testing::RasoatdProcess>> rasoatd =
      testing::RasoatdProcess::Start(data_dir, {absl::StrCat("--memory_budget_mb=", budget_mb)});
  if (!rasoatd.ok()) return rasoatd.status();
  const Target address{(*rasoatd)->address(), (*rasoatd)->admin_token()};

  std::vector<v1::PushRequest> requests;
  for (int t = 0; t < kFloodTablets; ++t) requests.push_back(FloodRequest(t));
  FloodFigures figures;
  std::atomic<bool> stop{false};
  std::thread prober(ProbePushes, address, std::cref(stop), &figures.probe);
  std::atomic<int> applied{0}, exhausted{0}, failed{0};
  std::string failure;  // written by the first tablet to fail, read after the join
  const auto start = Clock::now();
  std::vector<std::thread> tablets;
  for (int t = 0; t < kFloodTablets; ++t) {
    tablets.emplace_back([&, t] {
      std::unique_ptr<v1::SyncService::Stub> stub = v1::SyncService::NewStub(NewChannel(address));
      std::mt19937 jitter(t);
      int backoff_ms = 200;
      const auto give_up = Clock::now() + std::chrono::seconds(300);
      while (Clock::now() < give_up) {
        v1::PushResponse response;
        grpc::ClientContext context;
        context.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(120));
        const grpc::Status status = stub->Push(&context, requests[t], &response);
        if (status.ok()) {
          ++applied;
          return;
        }
        // What a tablet sends again: refused for the budget, or a connection closed under
        // memory pressure (GOAWAY).
        if (status.error_code() != grpc::StatusCode::RESOURCE_EXHAUSTED &&
            status.error_code() != grpc::StatusCode::UNAVAILABLE) {
          if (failed++ == 0) {
            failure = absl::StrCat("code ", status.error_code(), ": ", status.error_message());
          }
          return;
        }
        ++exhausted;
        // A tablet's backoff: doubling to 5 s, with jitter so the fleet does not resend at once.
        std::this_thread::sleep_for(
            std::chrono::milliseconds(backoff_ms / 2 + jitter() % (backoff_ms / 2 + 1)));
        backoff_ms = std::min(backoff_ms * 2, 5000);
      }
      ++failed;  // gave up
    });
  }
  for (std::thread& tablet : tablets) tablet.join();
  figures.seconds = std::chrono::duration<double>(Clock::now() - start).count();
  stop = true;
  prober.join();
  figures.peak_rss = PeakResidentBytes((*rasoatd)->pid());
  figures.applied = applied;
  figures.exhausted = exhausted;
  figures.failed = failed;
  figures.first_failure = failure;
  (*rasoatd)->Terminate();
  return figures;
}

struct SlowPullFigures {
  uint64_t rss_loaded = 0;
  uint64_t peak_rss = 0;
  Probe probe;
};

absl::StatusOr<SlowPullFigures> RunSlowPulls(const BenchConfig& config) {
  absl::StatusOr<std::unique_ptr<testing::RasoatdProcess>> rasoatd =
      testing::RasoatdProcess::Start(absl::StrCat(config.work_dir, "/slow-pulls"));
  if (!rasoatd.ok()) return rasoatd.status();
  const Target address{(*rasoatd)->address(), (*rasoatd)->admin_token()};
  if (absl::Status loaded =
          LoadHouseholds(address, "2026", {"29003"}, 10, config.commune_households, "s-");
      !loaded.ok()) {
    return loaded;
  }
  SlowPullFigures figures;
  figures.rss_loaded = PeakResidentBytes((*rasoatd)->pid());

  // Each stream on a connection of its own whose window never grows: the server can send a
  // stream 64 KB, and then holds what it has read.
  struct SlowPull {
    std::unique_ptr<v1::SyncService::Stub> stub;
    grpc::ClientContext context;
    std::unique_ptr<grpc::ClientReader<v1::PullResponse>> reader;
  };
  std::vector<std::unique_ptr<SlowPull>> pulls;
  v1::PullRequest request;
  request.set_round_id("2026");
  request.add_scopes()->set_commune_code("29003");
  std::atomic<bool> stop{false};
  std::thread prober(ProbePushes, address, std::cref(stop), &figures.probe);
  for (int i = 0; i < kSlowPulls; ++i) {
    auto pull = std::make_unique<SlowPull>();
    pull->stub = v1::SyncService::NewStub(NewChannel(address, /*bdp_probe=*/false));
    pull->reader = pull->stub->Pull(&pull->context, request);
    pulls.push_back(std::move(pull));
  }
  // Let the server read what it will for them while the probe pushes.
  std::this_thread::sleep_for(std::chrono::seconds(10));
  stop = true;
  prober.join();
  figures.peak_rss = PeakResidentBytes((*rasoatd)->pid());
  for (auto& pull : pulls) pull->context.TryCancel();
  pulls.clear();
  (*rasoatd)->Terminate();
  return figures;
}

}  // namespace

absl::Status RunHostileSection(const BenchConfig& config) {
  std::printf(
      "\n== hostile load (peak RSS of rasoatd, VmHWM; a normal push's latency meanwhile)\n");
  absl::StatusOr<FloodFigures> bounded = RunFlood(config, kDefaultBudgetMb);
  if (!bounded.ok()) return bounded.status();
  absl::StatusOr<FloodFigures> unbounded = RunFlood(config, 1 << 20);
  if (!unbounded.ok()) return unbounded.status();
  const auto print_flood = [](const char* name, FloodFigures& figures) {
    std::printf(
        "  20 pushes of 500 x 131 KB, %-17s peak %7.1f MB | %d stored in %.1f s, %d "
        "refused (sent again), %d failed | probe push %s\n",
        name, figures.peak_rss / 1e6, figures.applied, figures.seconds, figures.exhausted,
        figures.failed, ProbeLine(figures.probe).c_str());
    if (figures.failed > 0) std::printf("    first failure: %s\n", figures.first_failure.c_str());
  };
  print_flood("budget 512 MB:", *bounded);
  print_flood("no budget:", *unbounded);
  std::printf("  %-40s %5.2fx\n", "peak with the budget / without",
              static_cast<double>(bounded->peak_rss) / unbounded->peak_rss);

  absl::StatusOr<SlowPullFigures> slow = RunSlowPulls(config);
  if (!slow.ok()) return slow.status();
  std::printf(
      "  200 Pull streams never read (%s households), peak %7.1f MB | after loading %.1f MB | "
      "probe push %s\n",
      Thousands(static_cast<double>(config.commune_households)).c_str(), slow->peak_rss / 1e6,
      slow->rss_loaded / 1e6, ProbeLine(slow->probe).c_str());
  return absl::OkStatus();
}

}  // namespace rasoat::bench
