// Timing of SyncService.Pull as a tablet sees it: a whole pull from its first request to its
// last message (also against the no-op server), and the round trip of an incremental pull that
// finds nothing new.
// Thread-safety: pure functions over a thread-safe stub.
#pragma once

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "rasoat/v1/sync.grpc.pb.h"
#include "tests/bench/noop_sync_server.h"

namespace rasoat::bench {

struct PullRun {
  double seconds = 0;
  uint64_t households = 0;
  std::string cursor;
  // The pages received, when asked to keep them (to serve them again from the no-op server).
  std::vector<v1::PullResponse> pages;
};

// Pulls `scopes` of `round_id` from `cursor` to the end of the stream.
absl::StatusOr<PullRun> TimePull(v1::SyncService::Stub& stub, const std::string& round_id,
                                 const std::vector<v1::Scope>& scopes, const std::string& cursor,
                                 bool keep_pages);

// `count` commune codes from `first`: "10001", "10002", ...
std::vector<std::string> Communes(int first, int count);
// A whole-commune scope for each of `communes`.
std::vector<v1::Scope> CommuneScopes(const std::vector<std::string>& communes);

// A whole pull from rasoatd and the same pages from the no-op server: medians of their times.
struct WholePull {
  double rasoat_ms = 0;
  double noop_ms = 0;
  uint64_t households = 0;
  std::string cursor;
};

// Pulls `scopes` of round "2026" whole from rasoatd `runs` times, then the pages of the first
// pull from `noop` (the server behind `noop_stub`) as many times.
absl::StatusOr<WholePull> TimeWholePull(v1::SyncService::Stub& rasoat, NoopSyncServer& noop,
                                        v1::SyncService::Stub& noop_stub,
                                        const std::vector<v1::Scope>& scopes, int runs);

// Prints `pull` as a line of the pull table, named `what`.
void PrintWholePull(const char* what, const WholePull& pull);

// The latencies in milliseconds of `count` pulls from `cursor`, one after the other.
absl::StatusOr<std::vector<double>> TimeIncrementalPulls(v1::SyncService::Stub& stub,
                                                         const std::string& round_id,
                                                         const std::vector<v1::Scope>& scopes,
                                                         const std::string& cursor, int count);

}  // namespace rasoat::bench
