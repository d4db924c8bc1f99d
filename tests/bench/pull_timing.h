// Timing of SyncService.Pull as a tablet sees it: a whole pull from its first request to its
// last message, and the round trip of an incremental pull that finds nothing new.
// Thread-safety: pure functions over a thread-safe stub.
#pragma once

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "rasoat/v1/sync.grpc.pb.h"

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

// The latencies in milliseconds of `count` pulls from `cursor`, one after the other.
absl::StatusOr<std::vector<double>> TimeIncrementalPulls(v1::SyncService::Stub& stub,
                                                         const std::string& round_id,
                                                         const std::vector<v1::Scope>& scopes,
                                                         const std::string& cursor, int count);

}  // namespace rasoat::bench
