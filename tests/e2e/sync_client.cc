#include "tests/e2e/sync_client.h"

#include <grpcpp/client_context.h>

#include "absl/status/status.h"

namespace rasoat::testing {

absl::Status FromGrpc(const grpc::Status& status) {
  return absl::Status(static_cast<absl::StatusCode>(status.error_code()), status.error_message());
}

absl::StatusOr<v1::PushResponse> Push(v1::SyncService::Stub* stub, const std::string& device_id,
                                      std::vector<v1::Mutation> mutations) {
  v1::PushRequest request;
  request.set_device_id(device_id);
  for (v1::Mutation& mutation : mutations) *request.add_mutations() = std::move(mutation);
  v1::PushResponse response;
  grpc::ClientContext context;
  context.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(60));
  grpc::Status status = stub->Push(&context, request, &response);
  if (!status.ok()) return FromGrpc(status);
  return response;
}

absl::StatusOr<PullResult> PullAll(v1::SyncService::Stub* stub, const std::string& round_id,
                                   const std::vector<v1::Scope>& scopes, const std::string& cursor,
                                   uint32_t page_size) {
  v1::PullRequest request;
  request.set_round_id(round_id);
  for (const v1::Scope& scope : scopes) *request.add_scopes() = scope;
  request.set_cursor(cursor);
  request.set_page_size(page_size);
  grpc::ClientContext context;
  context.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(60));
  std::unique_ptr<grpc::ClientReader<v1::PullResponse>> reader = stub->Pull(&context, request);
  PullResult result;
  v1::PullResponse page;
  while (reader->Read(&page)) {
    for (v1::HouseholdState& state : *page.mutable_households()) {
      result.households.push_back(std::move(state));
    }
    for (v1::HouseholdRemoval& removal : *page.mutable_removals()) {
      result.removals.push_back(std::move(removal));
    }
    result.page_cursors.push_back(page.cursor());
    result.page_sizes.push_back(page.households_size());
    result.caught_up = page.caught_up();
  }
  grpc::Status status = reader->Finish();
  if (!status.ok()) return FromGrpc(status);
  return result;
}

v1::Scope VillageScope(const std::string& commune, const std::string& village) {
  v1::Scope scope;
  scope.set_commune_code(commune);
  scope.set_village_code(village);
  return scope;
}

v1::Scope CommuneScope(const std::string& commune) {
  v1::Scope scope;
  scope.set_commune_code(commune);
  return scope;
}

}  // namespace rasoat::testing
