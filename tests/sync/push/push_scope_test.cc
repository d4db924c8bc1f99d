// PushService for a caller who is not an admin: a collaborator pushes only from a tablet
// enrolled to them, only as that tablet, and only households of their villages — and a
// rejected mutation changes nothing of the household, not even its open conflicts.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "tests/support/engine_fixture.h"
#include "tests/support/households.h"
#include "tests/support/status_matchers.h"
#include "tests/support/test_principal.h"

namespace rasoat {
namespace {

using ::testing::HasSubstr;
using testing::MakeHousehold;
using testing::MakeMutation;
using testing::StatusIs;

class PushScopeTest : public testing::EngineTest {
 protected:
  void SetUp() override {
    Open();
    PushOk({MakeMutation("h1", "l1", 0, MakeHousehold(1, "00001", "thon-1")),
            MakeMutation("h2", "l2", 0, MakeHousehold(2, "00001", "thon-2"))},
           "loader");
    hoa_.login = "ctv.hoa";
    hoa_.role = v1::ROLE_COLLABORATOR;
    hoa_.device_id = "tab-hoa";
    v1::Scope& village = hoa_.scopes.emplace_back();
    village.set_commune_code("00001");
    village.set_village_code("thon-1");
  }

  absl::Status Push(const identity::Principal& caller, const std::string& device,
                    std::vector<v1::Mutation> mutations, v1::PushResponse* response) {
    v1::PushRequest request;
    request.set_device_id(device);
    for (v1::Mutation& mutation : mutations) *request.add_mutations() = std::move(mutation);
    return engine_->push().Push(caller, request, response);
  }

  identity::Principal hoa_;
};

TEST_F(PushScopeTest, ACollaboratorPushesOnlyFromTheirTabletAndAsIt) {
  v1::PushResponse response;
  identity::Principal session = hoa_;
  session.device_id.clear();  // a login session or a program's token
  EXPECT_THAT(Push(session, "tab-hoa", {MakeMutation("h1", "m1", 1, MakeHousehold(1))}, &response),
              StatusIs(absl::StatusCode::kPermissionDenied, HasSubstr("enrolled tablet")));
  EXPECT_THAT(Push(hoa_, "tab-other", {MakeMutation("h1", "m1", 1, MakeHousehold(1))}, &response),
              StatusIs(absl::StatusCode::kPermissionDenied, HasSubstr("another tablet")));
  EXPECT_OK(Push(hoa_, "tab-hoa", {MakeMutation("h1", "m1", 1, MakeHousehold(1))}, &response));
  EXPECT_EQ(response.results(0).outcome(), v1::MUTATION_OUTCOME_APPLIED);
}

TEST_F(PushScopeTest, AHouseholdOutsideTheirVillagesOrMovedOutOfThemIsRejectedAndUnchanged) {
  const uint64_t committed = engine_->committed_seq();
  v1::PushResponse response;
  ASSERT_OK(Push(hoa_, "tab-hoa",
                 {MakeMutation("h2", "m1", 1, MakeHousehold(2, "00001", "thon-2")),
                  MakeMutation("h3", "m2", 0, MakeHousehold(3, "00001", "thon-2")),
                  MakeMutation("h1", "m3", 1, MakeHousehold(1, "00001", "thon-2"))},
                 &response));
  for (const v1::MutationResult& result : response.results()) {
    EXPECT_EQ(result.outcome(), v1::MUTATION_OUTCOME_REJECTED);
    EXPECT_EQ(result.rejection().code(), static_cast<int>(absl::StatusCode::kPermissionDenied));
    EXPECT_THAT(result.rejection().message(), HasSubstr("not assigned to you"));
  }
  EXPECT_EQ(engine_->committed_seq(), committed);
  EXPECT_EQ(CurrentState("h1").record().location().village_code(), "thon-1");
}

TEST_F(PushScopeTest, AStaleMoveOutOfScopeLeavesTheHouseholdsOpenConflictsAsTheyWere) {
  // Two edits of h1 on version 1: the second conflicts and would also move it out of thon-1.
  v1::Household note = MakeHousehold(1, "00001", "thon-1");
  note.set_collaborator_note("A");
  v1::PushResponse response;
  ASSERT_OK(Push(TestAdmin(), "loader", {MakeMutation("h1", "a1", 1, note)}, &response));
  v1::Household moved = MakeHousehold(1, "00001", "thon-2");
  moved.set_collaborator_note("B");
  // Then, in the same push, an edit on the head: it writes the head the rejection left.
  v1::Household fixed = note;
  fixed.mutable_housing()->set_floor_area_m2(fixed.housing().floor_area_m2() + 1);
  ASSERT_OK(Push(hoa_, "tab-hoa",
                 {MakeMutation("h1", "b1", 1, moved), MakeMutation("h1", "b2", 2, fixed)},
                 &response));
  EXPECT_EQ(response.results(0).outcome(), v1::MUTATION_OUTCOME_REJECTED);
  EXPECT_EQ(response.results(1).outcome(), v1::MUTATION_OUTCOME_APPLIED);
  const v1::HouseholdState h1 = CurrentState("h1");
  EXPECT_EQ(h1.version(), 3u);
  EXPECT_TRUE(h1.conflicts().empty());
  EXPECT_EQ(h1.record().collaborator_note(), "A");
}

}  // namespace
}  // namespace rasoat
