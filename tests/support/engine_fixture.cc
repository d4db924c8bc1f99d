#include "tests/support/engine_fixture.h"

#include <chrono>

#include "tests/support/households.h"
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

v1::PullResponse AsSent(const pull::PullPage& page) {
  v1::PullResponse sent;
  EXPECT_TRUE(sent.ParseFromString(page.SerializeAsString())) << "a page that does not parse";
  return sent;
}

absl::StatusOr<Drained> DrainPull(const Engine& engine, const v1::PullRequest& request) {
  absl::StatusOr<std::unique_ptr<PullSession>> session =
      engine.pull().StartPull(TestAdmin(), request);
  if (!session.ok()) return session.status();
  Drained drained;
  pull::PullPage read;
  while (!(*session)->done()) {
    // The first page as the server reads it, recorded in the audit log.
    absl::Status status = drained.pages.empty() ? engine.pull().ReadFirstPage(TestAdmin(), request,
                                                                              session->get(), &read)
                                                : (*session)->NextPage(&read);
    if (!status.ok()) return status;
    const v1::PullResponse& page = drained.pages.emplace_back(AsSent(read));
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

void EngineTest::RecogniseOk(const std::vector<std::string>& household_ids, uint64_t version,
                             const std::string& village, const std::string& decision) {
  for (const std::string& id : household_ids) ApproveOk(id, version);
  const identity::Principal reviewer = identity::SystemPrincipal("can-bo-xa");
  v1::RecordVillageMeetingRequest meeting;
  meeting.set_round_id("2026");
  meeting.set_commune_code("00001");
  meeting.set_village_code(village);
  *meeting.mutable_held_on() = Day(2026, 10, 1);
  meeting.set_attendees(30);
  meeting.set_minutes_reference("BB-01");
  v1::OpenPostingRequest posting;
  posting.set_round_id("2026");
  posting.set_commune_code("00001");
  *posting.mutable_first_day() = Day(2026, 10, 5);
  v1::RecogniseRequest recognise;
  recognise.set_round_id("2026");
  recognise.set_commune_code("00001");
  recognise.set_decision_number(decision);
  *recognise.mutable_decided_on() = Day(2026, 10, 9);
  for (const std::string& id : household_ids) {
    v1::MeetingResult* result = meeting.add_results();
    result->set_household_id(id);
    result->set_version(version);
    result->set_agreeing(30);
    v1::HouseholdVersion* posted = posting.add_households();
    posted->set_household_id(id);
    posted->set_version(version);
    *recognise.add_households() = *posted;
  }
  v1::RecordVillageMeetingResponse met;
  EXPECT_OK(engine_->review().RecordVillageMeeting(reviewer, meeting, &met));
  v1::OpenPostingResponse opened;
  EXPECT_OK(engine_->review().OpenPosting(reviewer, posting, &opened));
  v1::RecogniseResponse recognised;
  EXPECT_OK(
      engine_->review().Recognise(identity::SystemPrincipal("chu-tich"), recognise, &recognised));
}

std::map<std::string, v1::PublishedHousehold> EngineTest::PublishedOk(const std::string& commune) {
  const v1::GetPublishStatusResponse status = engine_->publisher().Status(std::chrono::minutes(2));
  EXPECT_EQ(status.backlog(), 0u) << status.last_error();
  std::map<std::string, v1::PublishedHousehold> rows;
  v1::ListPublishedRequest request;
  request.set_round_id("2026");
  request.set_commune_code(commune);
  request.set_page_size(500);
  do {
    v1::ListPublishedResponse page;
    EXPECT_OK(engine_->published().ListPublished(TestAdmin(), request, &page));
    if (page.households().empty() && page.next_page_token().empty()) break;
    for (const v1::PublishedHousehold& row : page.households()) {
      EXPECT_TRUE(rows.emplace(row.household_id(), row).second) << row.household_id();
    }
    request.set_page_token(page.next_page_token());
  } while (!request.page_token().empty());
  return rows;
}

}  // namespace rasoat::testing
