// A simulated tablet's copy of its village (tablet/local_households.h) takes the removals a pull
// sends: the household goes; one with an edit the server has not answered stays until it has
// (no edit is lost), unless a later pull sends it back; what is gone is not saved.
#include "tablet/local_households.h"

#include <string>
#include <vector>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "tests/support/status_matchers.h"
#include "tests/support/temp_dir.h"

namespace rasoat::tablet {
namespace {

using ::testing::ElementsAre;
using ::testing::IsEmpty;

v1::HouseholdState StateOf(const std::string& id, uint64_t version) {
  v1::HouseholdState state;
  state.mutable_key()->set_round_id("2026");
  state.mutable_key()->set_household_id(id);
  state.set_version(version);
  state.mutable_record()->mutable_location()->set_village_code("thon-1");
  return state;
}

std::vector<std::string> Ids(const LocalHouseholds& local) {
  std::vector<std::string> ids;
  for (const auto& [id, household] : local.households()) ids.push_back(id);
  return ids;
}

// Gives `id` a draft that a push is carrying.
void FreezeDraft(LocalHouseholds& local, const std::string& id) {
  LocalHouseholds::Household& household = local.households().at(id);
  LocalHouseholds::Draft& draft = household.draft.emplace();
  draft.base_version = household.server.version();
  draft.record = household.server.record();
  draft.record.set_collaborator_note("sửa trên máy tính bảng");
  draft.mutation_id = "m-1";
}

v1::MutationResult AppliedAs(const std::string& id, uint64_t version) {
  v1::MutationResult result;
  result.set_mutation_id("m-1");
  result.mutable_key()->set_round_id("2026");
  result.mutable_key()->set_household_id(id);
  result.set_outcome(v1::MUTATION_OUTCOME_APPLIED);
  result.set_version(version);
  return result;
}

TEST(LocalHouseholdsTest, ARemovalDropsTheHousehold) {
  LocalHouseholds local;
  local.ApplyPulled(StateOf("h1", 1));
  local.ApplyPulled(StateOf("h2", 3));
  local.ApplyRemoval("h1");
  EXPECT_THAT(Ids(local), ElementsAre("h2"));
  local.ApplyRemoval("h9");  // one it never held: nothing happens
  EXPECT_THAT(Ids(local), ElementsAre("h2"));

  // What is gone is not saved.
  testing::TempDir dir;
  ASSERT_OK(local.Save(dir.Sub("tab.state"), TabletState()));
  LocalHouseholds loaded;
  ASSERT_OK(loaded.Load(dir.Sub("tab.state")));
  EXPECT_THAT(Ids(loaded), ElementsAre("h2"));
}

TEST(LocalHouseholdsTest, AHouseholdWithAnEditInFlightGoesOnceTheServerHasAnswered) {
  LocalHouseholds local;
  local.ApplyPulled(StateOf("h1", 1));
  FreezeDraft(local, "h1");
  local.ApplyRemoval("h1");
  ASSERT_THAT(Ids(local), ElementsAre("h1")) << "the edit is still to be pushed";
  local.ApplyResult("h1", AppliedAs("h1", 2));
  EXPECT_THAT(Ids(local), IsEmpty());
}

TEST(LocalHouseholdsTest, AHouseholdSentAgainAfterItsRemovalStays) {
  LocalHouseholds local;
  local.ApplyPulled(StateOf("h1", 1));
  FreezeDraft(local, "h1");
  local.ApplyRemoval("h1");
  local.ApplyPulled(StateOf("h1", 3));  // it moved back to the village
  local.ApplyResult("h1", AppliedAs("h1", 4));
  ASSERT_THAT(Ids(local), ElementsAre("h1"));
  EXPECT_EQ(local.households().at("h1").server.version(), 4u);
}

}  // namespace
}  // namespace rasoat::tablet
