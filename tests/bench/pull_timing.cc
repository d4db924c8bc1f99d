#include "tests/bench/pull_timing.h"

#include <chrono>

#include "absl/strings/str_cat.h"

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

}  // namespace rasoat::bench
