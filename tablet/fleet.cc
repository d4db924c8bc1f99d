#include "tablet/fleet.h"

#include <algorithm>
#include <condition_variable>
#include <mutex>
#include <random>
#include <set>
#include <thread>

#include <grpcpp/create_channel.h>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "proto/client/client_channel.h"

namespace rasoat::tablet {
namespace {

constexpr int kPushAttempts = 20;

// Tells the tablets' threads to stop; they wait on it between syncs.
class StopSignal {
 public:
  // Waits `duration`; true if stopped meanwhile (or before).
  bool WaitFor(std::chrono::milliseconds duration) {
    std::unique_lock<std::mutex> lock(mu_);
    return stopped_cv_.wait_for(lock, duration, [this] { return stopped_; });
  }
  void Stop() {
    std::lock_guard<std::mutex> lock(mu_);
    stopped_ = true;
    stopped_cv_.notify_all();
  }

 private:
  std::mutex mu_;
  std::condition_variable stopped_cv_;
  bool stopped_ = false;  // guarded by mu_
};

// Runs `work(i)` for every i in [0, n) on its own thread and waits for all.
void ForEachInParallel(size_t n, const std::function<void(size_t)>& work) {
  std::vector<std::thread> threads;
  threads.reserve(n);
  for (size_t i = 0; i < n; ++i) threads.emplace_back(work, i);
  for (std::thread& thread : threads) thread.join();
}

void Work(SimulatedTablet* tablet, uint64_t seed, std::chrono::milliseconds pause,
          StopSignal* stop) {
  std::mt19937_64 rng(seed);
  const auto between = [&rng](std::chrono::milliseconds low, std::chrono::milliseconds high) {
    return std::chrono::milliseconds(std::uniform_int_distribution<int64_t>(
        low.count(), std::max(low.count(), high.count()))(rng));
  };
  // At work from the start: every tablet edits and syncs at least once.
  do {
    tablet->EditOffline();
    if (!tablet->Sync(/*may_go_offline=*/true) && stop->WaitFor(between(pause, pause * 5))) break;
  } while (!stop->WaitFor(between(pause / 2, pause * 3 / 2)));
}

}  // namespace

int FleetOptions::village_count() const { return villages > 0 ? villages : (tablets + 4) / 5; }

absl::Status FleetOptions::Validate() const {
  std::string problem;
  if (server.empty()) problem = "server: required";
  if (tablets < 1 || tablets > 10'000) problem = "tablets: 1 to 10000";
  if (duration.count() < 0) problem = "duration: not negative";
  if (villages < 0) problem = "villages: 0 (one per 5 tablets) or more";
  if (batch < 1 || batch > 500) problem = "batch: 1 to 500 (the server's default limit)";
  if (!(offline >= 0 && offline < 1)) problem = "offline: a probability, at least 0, below 1";
  if (!(move >= 0 && move <= 1)) problem = "move: a probability, 0 to 1";
  if (state_dir.empty()) problem = "state_dir: required";
  if (round_id.empty() || commune_code.empty()) problem = "round_id, commune_code: required";
  if (pause.count() < 1) problem = "pause: at least 1 ms";
  if (!problem.empty()) return absl::InvalidArgumentError(problem);
  return absl::OkStatus();
}

std::string FleetReport::ProgressLine() const {
  return absl::StrFormat(
      "%5.1fs  edits=%d mutations=%d pushes=%d cancelled=%d retries=%d duplicates=%d "
      "merged=%d conflicts=%d moves=%d pulls=%d",
      seconds, edits, mutations, pushes, cancelled_pushes, retries, duplicates, merged, conflicts,
      moves, pulls);
}

std::string FleetReport::Summary() const {
  return absl::StrCat(
      absl::StrFormat("%d tablets in %d villages for %.1f s: %d edits that changed something, "
                      "in %d mutations; %d households\n",
                      tablets, villages, seconds, edits, mutations, households),
      absl::StrFormat("pushes: %d (%d cut off, %d resent, %d failed RPCs)\n", pushes,
                      cancelled_pushes, retries, failed_rpcs),
      absl::StrFormat("results: %d applied, %d merged, %d conflict, %d rejected; %d duplicates\n",
                      applied, merged, conflicts, rejected, duplicates),
      absl::StrFormat("moves: %d households to another village\n", moves),
      absl::StrFormat("pulls: %d, %d households received, %d removals\n", pulls, pulled_households,
                      pulled_removals));
}

absl::StatusOr<std::unique_ptr<Fleet>> Fleet::Open(FleetOptions options) {
  if (absl::Status valid = options.Validate(); !valid.ok()) return valid;
  std::unique_ptr<Fleet> fleet(new Fleet(std::move(options)));
  const FleetOptions& o = fleet->options_;
  ClientChannelOptions channel;
  channel.server = o.server;
  channel.token = o.token;
  channel.ca_file = o.ca_file;
  absl::StatusOr<std::shared_ptr<grpc::Channel>> shared = NewClientChannel(channel);
  if (!shared.ok()) return shared.status();
  fleet->channel_ = *std::move(shared);
  if (!fleet->channel_->WaitForConnected(std::chrono::system_clock::now() +
                                         std::chrono::seconds(5))) {
    return absl::UnavailableError(
        absl::StrCat("cannot reach rasoatd at ", o.server, " within 5 s: is it running there?"));
  }
  const int villages = o.village_count();
  for (int i = 0; i < o.tablets; ++i) {
    TabletOptions tablet;
    tablet.device_id = absl::StrFormat("tab-%03d", i);
    tablet.round_id = o.round_id;
    tablet.commune_code = o.commune_code;
    tablet.village_code = absl::StrCat("thon-", i % villages + 1);
    tablet.state_dir = o.state_dir;
    tablet.seed = o.seed * 1'000'003 + static_cast<uint64_t>(i);
    tablet.batch = o.batch;
    tablet.offline = o.offline;
    tablet.move = o.move;
    for (int v = 0; v < villages; ++v) {
      if (v != i % villages) tablet.other_villages.push_back(absl::StrCat("thon-", v + 1));
    }
    // Its own connection, as a real tablet has.
    channel.arguments.SetInt(GRPC_ARG_USE_LOCAL_SUBCHANNEL_POOL, 1);
    channel.arguments.SetMaxReceiveMessageSize(64 << 20);
    absl::StatusOr<std::shared_ptr<grpc::Channel>> own = NewClientChannel(channel);
    if (!own.ok()) return own.status();
    absl::StatusOr<std::unique_ptr<SimulatedTablet>> opened =
        SimulatedTablet::Open(std::move(tablet), *std::move(own));
    if (!opened.ok()) return opened.status();
    fleet->tablets_.push_back(*std::move(opened));
  }
  return fleet;
}

std::vector<SimulatedTablet*> Fleet::tablets() const {
  std::vector<SimulatedTablet*> tablets;
  for (const std::unique_ptr<SimulatedTablet>& tablet : tablets_) tablets.push_back(tablet.get());
  return tablets;
}

void Fleet::Run(const std::function<void(const FleetReport&)>& progress) {
  const auto started = std::chrono::steady_clock::now();
  const auto end = started + options_.duration;
  StopSignal stop;
  std::thread runner([this, &stop] {
    ForEachInParallel(tablets_.size(), [this, &stop](size_t i) {
      Work(tablets_[i].get(), options_.seed ^ (0xA5A5A5A5ull + i), options_.pause, &stop);
    });
  });
  auto next = started;
  while (true) {
    next = std::min(next + std::chrono::seconds(1), end);
    std::this_thread::sleep_until(next);  // the clock of the run, not a synchronisation
    elapsed_ms_ = std::chrono::duration_cast<std::chrono::milliseconds>(
                      std::chrono::steady_clock::now() - started)
                      .count();
    if (next >= end) break;
    if (progress) progress(Report());
  }
  stop.Stop();
  runner.join();
  elapsed_ms_ = std::chrono::duration_cast<std::chrono::milliseconds>(
                    std::chrono::steady_clock::now() - started)
                    .count();
  if (progress) progress(Report());
}

absl::Status Fleet::Settle() {
  std::vector<absl::Status> statuses(tablets_.size());
  ForEachInParallel(tablets_.size(),
                    [&](size_t i) { statuses[i] = tablets_[i]->PushAll(kPushAttempts); });
  for (const absl::Status& status : statuses) {
    if (!status.ok()) return status;
  }
  ForEachInParallel(tablets_.size(), [&](size_t i) {
    absl::StatusOr<int> pulled = tablets_[i]->Pull();
    statuses[i] = pulled.ok() ? tablets_[i]->SaveState() : pulled.status();
  });
  std::set<std::string> households;
  for (const std::unique_ptr<SimulatedTablet>& tablet : tablets_) {
    for (const auto& [id, household] : tablet->local().households()) households.insert(id);
  }
  households_ = households.size();
  for (const absl::Status& status : statuses) {
    if (!status.ok()) return status;
  }
  return absl::OkStatus();
}

FleetReport Fleet::Report() const {
  FleetReport report;
  report.tablets = static_cast<int>(tablets_.size());
  report.villages = options_.village_count();
  report.seconds = static_cast<double>(elapsed_ms_.load()) / 1000;
  report.households = households_;
  for (const std::unique_ptr<SimulatedTablet>& tablet : tablets_) {
    const TabletStats& stats = tablet->stats();
    report.edits += stats.edits;
    report.mutations += stats.mutations;
    report.pushes += stats.pushes;
    report.cancelled_pushes += stats.cancelled_pushes;
    report.retries += stats.retries;
    report.failed_rpcs += stats.failed_rpcs;
    report.duplicates += stats.duplicates;
    report.applied += stats.applied;
    report.merged += stats.merged;
    report.conflicts += stats.conflicts;
    report.rejected += stats.rejected;
    report.moves += stats.moves;
    report.pulls += stats.pulls;
    report.pulled_households += stats.pulled_households;
    report.pulled_removals += stats.pulled_removals;
  }
  return report;
}

absl::StatusOr<FleetOutcome> RunFleet(const FleetOptions& options,
                                      const std::function<void(const FleetReport&)>& progress) {
  absl::StatusOr<std::unique_ptr<Fleet>> fleet = Fleet::Open(options);
  if (!fleet.ok()) return fleet.status();
  (*fleet)->Run(progress);
  if (absl::Status settled = (*fleet)->Settle(); !settled.ok()) return settled;
  std::vector<const SimulatedTablet*> tablets;
  for (const SimulatedTablet* tablet : (*fleet)->tablets()) tablets.push_back(tablet);
  auto sync = v1::SyncService::NewStub((*fleet)->channel());
  auto review = v1::ReviewService::NewStub((*fleet)->channel());
  absl::StatusOr<ConsistencyReport> check =
      CheckConsistency(tablets, sync.get(), review.get(), options.round_id, options.commune_code);
  if (!check.ok()) return check.status();
  return FleetOutcome{(*fleet)->Report(), *std::move(check)};
}

}  // namespace rasoat::tablet
