#include "tests/support/engine_fixture.h"

#include "tests/support/status_matchers.h"
#include "tests/support/test_principal.h"

namespace rasoat::testing {

v1::Scope ScopeOf(const std::string& commune, const std::string& village) {
  v1::Scope scope;
  scope.set_commune_code(commune);
  scope.set_village_code(village);
  return scope;
}

v1::HouseholdKey KeyOf(const std::string& household_id) {
  v1::HouseholdKey key;
  key.set_round_id("2026");
  key.set_household_id(household_id);
  return key;
}

std::vector<std::string> Drained::ids() const {
  std::vector<std::string> out;
  for (const v1::HouseholdState& state : households) out.push_back(state.key().household_id());
  return out;
}

std::vector<std::string> Drained::removed_ids() const {
  std::vector<std::string> out;
  for (const v1::HouseholdRemoval& removal : removals) out.push_back(removal.key().household_id());
  return out;
}

absl::StatusOr<Drained> DrainPull(const Engine& engine, const v1::PullRequest& request) {
  absl::StatusOr<std::unique_ptr<PullSession>> session =
      engine.pull().StartPull(TestAdmin(), request);
  if (!session.ok()) return session.status();
  Drained drained;
  while (!(*session)->done()) {
    v1::PullResponse& page = drained.pages.emplace_back();
    // The first page as the server reads it, recorded in the audit log.
    absl::Status status =
        drained.pages.size() == 1
            ? engine.pull().ReadFirstPage(TestAdmin(), request, session->get(), &page)
            : (*session)->NextPage(&page);
    if (!status.ok()) return status;
    for (const v1::HouseholdState& state : page.households()) drained.households.push_back(state);
    for (const v1::HouseholdRemoval& removal : page.removals()) drained.removals.push_back(removal);
    drained.cursor = page.cursor();
  }
  return drained;
}

v1::PushRequest PushRequestOf(const std::string& device, std::vector<v1::Mutation> mutations) {
  v1::PushRequest request;
  request.set_device_id(device);
  for (v1::Mutation& mutation : mutations) *request.add_mutations() = std::move(mutation);
  return request;
}

EngineTest::EngineTest() { options_.data_dir = dir_.Sub("data"); }

void EngineTest::Open() {
  engine_.reset();
  absl::StatusOr<std::unique_ptr<Engine>> engine = Engine::Open(options_);
  ASSERT_TRUE(engine.ok()) << engine.status();
  engine_ = std::move(*engine);
}

v1::PushResponse EngineTest::PushOk(std::vector<v1::Mutation> mutations,
                                    const std::string& device) {
  const v1::PushRequest request = PushRequestOf(device, std::move(mutations));
  v1::PushResponse response;
  const absl::Status status = engine_->push().Push(TestAdmin(), request, &response);
  EXPECT_TRUE(status.ok()) << status;
  EXPECT_EQ(response.results_size(), request.mutations_size());
  return response;
}

v1::MutationResult EngineTest::PushOne(v1::Mutation mutation, const std::string& device) {
  std::vector<v1::Mutation> mutations;
  mutations.push_back(std::move(mutation));
  v1::PushResponse response = PushOk(std::move(mutations), device);
  return response.results_size() == 1 ? response.results(0) : v1::MutationResult();
}

absl::Status EngineTest::PushStatus(std::vector<v1::Mutation> mutations, const std::string& device,
                                    v1::PushResponse* response) {
  return engine_->push().Push(TestAdmin(), PushRequestOf(device, std::move(mutations)), response);
}

Drained EngineTest::PullOk(std::vector<v1::Scope> scopes, const std::string& cursor,
                           uint32_t page_size) {
  v1::PullRequest request;
  request.set_round_id("2026");
  for (v1::Scope& scope : scopes) *request.add_scopes() = std::move(scope);
  request.set_cursor(cursor);
  request.set_page_size(page_size);
  absl::StatusOr<Drained> drained = DrainPull(*engine_, request);
  EXPECT_TRUE(drained.ok()) << drained.status();
  return drained.ok() ? *std::move(drained) : Drained();
}

v1::HouseholdState EngineTest::CurrentState(const std::string& household_id,
                                            const std::string& commune) {
  for (const v1::HouseholdState& state : PullOk({ScopeOf(commune)}).households) {
    if (state.key().household_id() == household_id) return state;
  }
  ADD_FAILURE() << "household " << household_id << " is not in a pull of commune " << commune;
  return v1::HouseholdState();
}

v1::ApproveResponse EngineTest::ApproveOk(const std::string& household_id, uint64_t version) {
  v1::ApproveRequest request;
  *request.mutable_key() = KeyOf(household_id);
  request.set_version(version);
  v1::ApproveResponse response;
  EXPECT_OK(engine_->review().Approve(identity::SystemPrincipal("can-bo-xa"), request, &response));
  return response;
}

}  // namespace rasoat::testing
