// Test client helpers over a SyncService stub: one push, a whole pull drained into a list.
// Thread-safety: each call is independent; the stub is thread-safe.
#pragma once

#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "rasoat/v1/sync.grpc.pb.h"

namespace rasoat::testing {

// `status` as an absl::Status of the same code and message.
absl::Status FromGrpc(const grpc::Status& status);

absl::StatusOr<v1::PushResponse> Push(v1::SyncService::Stub* stub, const std::string& device_id,
                                      std::vector<v1::Mutation> mutations);

struct PullResult {
  std::vector<v1::HouseholdState> households;
  std::vector<v1::HouseholdRemoval> removals;
  // The cursor of every page, in order; the last is the one to resume from.
  std::vector<std::string> page_cursors;
  // Households per page.
  std::vector<int> page_sizes;
  bool caught_up = false;
};

// Runs one Pull to its end.
absl::StatusOr<PullResult> PullAll(v1::SyncService::Stub* stub, const std::string& round_id,
                                   const std::vector<v1::Scope>& scopes,
                                   const std::string& cursor = "", uint32_t page_size = 0);

v1::Scope VillageScope(const std::string& commune, const std::string& village);
v1::Scope CommuneScope(const std::string& commune);

}  // namespace rasoat::testing
