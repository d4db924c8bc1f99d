#include "tests/bench/pull_timing.h"

#include <chrono>
#include <cstdio>

#include "absl/strings/str_cat.h"
#include "tests/bench/bench_stats.h"

namespace rasoat::bench {

using Clock = std::chrono::steady_clock;

absl::StatusOr<PullRun> TimePull(v1::SyncService::Stub& stub, const std::string& round_id,
                                 const std::vector<v1::Scope>& scopes, const std::string& cursor,
                                 bool keep_pages) {
  v1::PullRequest request;
  request.set_round_id(round_id);
  for (const v1::Scope& scope : scopes) *request.add_scopes() = scope;
  request.set_cursor(cursor);
  PullRun run;
  grpc::ClientContext context;
  const Clock::time_point start = Clock::now();
  std::unique_ptr<grpc::ClientReader<v1::PullResponse>> reader = stub.Pull(&context, request);
  v1::PullResponse page;
  while (reader->Read(&page)) {
    run.households += page.households_size();
    run.cursor = page.cursor();
    if (keep_pages) run.pages.push_back(page);
  }
  const grpc::Status status = reader->Finish();
  run.seconds = std::chrono::duration<double>(Clock::now() - start).count();
  if (!status.ok()) return absl::UnavailableError(absl::StrCat("Pull: ", status.error_message()));
  return run;
}

absl::StatusOr<std::vector<double>> TimeIncrementalPulls(v1::SyncService::Stub& stub,
                                                         const std::string& round_id,
                                                         const std::vector<v1::Scope>& scopes,
                                                         const std::string& cursor, int count) {
  std::vector<double> latencies_ms;
  for (int i = 0; i < count; ++i) {
    absl::StatusOr<PullRun> run = TimePull(stub, round_id, scopes, cursor, false);
    if (!run.ok()) return run.status();
    if (run->households != 0) {
      return absl::FailedPreconditionError("an incremental pull found new households");
    }
    latencies_ms.push_back(run->seconds * 1000);
  }
  return latencies_ms;
}

std::vector<std::string> Communes(int first, int count) {
  std::vector<std::string> communes;
  for (int i = 0; i < count; ++i) communes.push_back(absl::StrCat(first + i));
  return communes;
}

std::vector<v1::Scope> CommuneScopes(const std::vector<std::string>& communes) {
  std::vector<v1::Scope> scopes;
  for (const std::string& commune : communes) scopes.emplace_back().set_commune_code(commune);
  return scopes;
}

absl::StatusOr<WholePull> TimeWholePull(v1::SyncService::Stub& rasoat, NoopSyncServer& noop,
                                        v1::SyncService::Stub& noop_stub,
                                        const std::vector<v1::Scope>& scopes, int runs) {
  WholePull pull;
  std::vector<double> rasoat_ms, noop_ms;
  for (int run = 0; run < runs; ++run) {
    absl::StatusOr<PullRun> one = TimePull(rasoat, "2026", scopes, "", run == 0);
    if (!one.ok()) return one.status();
    rasoat_ms.push_back(one->seconds * 1000);
    if (run == 0) {
      pull.households = one->households;
      pull.cursor = one->cursor;
      noop.SetPullPages(std::move(one->pages));
    }
  }
  for (int run = 0; run < runs; ++run) {
    absl::StatusOr<PullRun> one = TimePull(noop_stub, "2026", scopes, "", false);
    if (!one.ok()) return one.status();
    noop_ms.push_back(one->seconds * 1000);
  }
  pull.rasoat_ms = Median(rasoat_ms);
  pull.noop_ms = Median(noop_ms);
  return pull;
}

void PrintWholePull(const char* what, const WholePull& pull) {
  std::printf("  %-40s %9.1f ms %10s households/s | no-op stream %7.1f ms  %5.2fx\n", what,
              pull.rasoat_ms, Thousands(pull.households / (pull.rasoat_ms / 1000)).c_str(),
              pull.noop_ms, pull.rasoat_ms / pull.noop_ms);
}

}  // namespace rasoat::bench
