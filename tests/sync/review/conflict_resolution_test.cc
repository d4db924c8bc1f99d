// ResolveConflict and ListQueue through the engine on a real RocksDB: choices per path, partial
// resolution, stale versions, bad input that changes nothing, and queue paging.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "absl/strings/str_cat.h"
#include "sync/engine.h"
#include "tests/support/engine_fixture.h"
#include "tests/support/households.h"
#include "tests/support/status_matchers.h"
#include "tests/support/temp_dir.h"
#include "tests/support/test_principal.h"

namespace rasoat {
namespace {

using ::testing::HasSubstr;
using testing::MakeHousehold;
using testing::MakeMutation;
using ::testing::SizeIs;
using testing::StatusIs;

class ConflictResolutionTest : public testing::EngineTest {
 protected:
  void SetUp() override { Open(); }

  v1::PushResponse Push(const std::string& device, v1::Mutation mutation) {
    std::vector<v1::Mutation> mutations;
    mutations.push_back(std::move(mutation));
    return PushOk(std::move(mutations), device);
  }

  // Household h1 at version 3 with two open conflicts: collaborator_note and floor area.
  void MakeTwoConflicts() {
    Push("tab-a", MakeMutation("h1", "a0", 0, base_));
    v1::Household a = base_;
    a.set_collaborator_note("A");
    a.mutable_housing()->set_floor_area_m2(40);
    Push("tab-a", MakeMutation("h1", "a1", 1, a));
    v1::Household b = base_;
    b.set_collaborator_note("B");
    b.mutable_housing()->set_floor_area_m2(45);
    ASSERT_EQ(Push("tab-b", MakeMutation("h1", "b1", 1, b)).results(0).conflicts_size(), 2);
  }

  v1::ResolveConflictRequest Resolve(uint64_t version) {
    v1::ResolveConflictRequest request;
    request.mutable_key()->set_round_id("2026");
    request.mutable_key()->set_household_id("h1");
    request.set_version(version);
    request.set_reviewer("can-bo-xa");
    return request;
  }

  static void AddChoice(v1::ResolveConflictRequest* request, const std::string& path,
                        v1::Resolution::Choice choice, const std::string& value = "") {
    v1::Resolution* resolution = request->add_resolutions();
    resolution->set_path(path);
    resolution->set_choice(choice);
    resolution->set_value(value);
    resolution->set_value_present(!value.empty());
  }

  v1::HouseholdState Current() { return CurrentState("h1"); }

  const v1::Household base_ = MakeHousehold(3);
};

TEST_F(ConflictResolutionTest, EachPathTakesItsChoiceAndUnnamedConflictsStayOpen) {
  MakeTwoConflicts();
  v1::ResolveConflictRequest request = Resolve(3);
  AddChoice(&request, "collaborator_note", v1::Resolution::CHOICE_INCOMING);
  v1::ResolveConflictResponse response;
  ASSERT_OK(engine_->review().ResolveConflict(TestAdmin(), request, &response));
  EXPECT_EQ(response.version(), 4u);
  EXPECT_EQ(response.status(), v1::REVIEW_STATUS_CONFLICT);
  ASSERT_THAT(response.open_conflicts(), SizeIs(1));
  EXPECT_EQ(response.open_conflicts(0).path(), "housing.floor_area_m2");
  EXPECT_EQ(Current().record().collaborator_note(), "B");

  request = Resolve(4);
  AddChoice(&request, "housing.floor_area_m2", v1::Resolution::CHOICE_VALUE, "42.5");
  ASSERT_OK(engine_->review().ResolveConflict(TestAdmin(), request, &response));
  const v1::HouseholdState state = Current();
  EXPECT_EQ(state.version(), 5u);
  EXPECT_EQ(state.status(), v1::REVIEW_STATUS_READY_FOR_REVIEW);
  EXPECT_EQ(state.record().housing().floor_area_m2(), 42.5);
  EXPECT_EQ(state.record().collaborator_note(), "B");
}

TEST_F(ConflictResolutionTest, KeepingTheHeadClosesTheConflictWithTheHeadsValue) {
  MakeTwoConflicts();
  v1::ResolveConflictRequest request = Resolve(3);
  AddChoice(&request, "collaborator_note", v1::Resolution::CHOICE_HEAD);
  AddChoice(&request, "housing.floor_area_m2", v1::Resolution::CHOICE_HEAD);
  v1::ResolveConflictResponse response;
  ASSERT_OK(engine_->review().ResolveConflict(TestAdmin(), request, &response));
  EXPECT_EQ(response.status(), v1::REVIEW_STATUS_READY_FOR_REVIEW);
  EXPECT_EQ(Current().record().collaborator_note(), "A");
  EXPECT_EQ(Current().record().housing().floor_area_m2(), 40);
}

TEST_F(ConflictResolutionTest, BadRequestsChangeNothing) {
  MakeTwoConflicts();
  const uint64_t committed = engine_->committed_seq();
  v1::ResolveConflictResponse response;

  v1::ResolveConflictRequest stale = Resolve(2);
  AddChoice(&stale, "collaborator_note", v1::Resolution::CHOICE_INCOMING);
  EXPECT_THAT(engine_->review().ResolveConflict(TestAdmin(), stale, &response),
              StatusIs(absl::StatusCode::kFailedPrecondition, HasSubstr("at version 3")));

  v1::ResolveConflictRequest no_conflict = Resolve(3);
  AddChoice(&no_conflict, "housing.latrine", v1::Resolution::CHOICE_INCOMING);
  EXPECT_THAT(engine_->review().ResolveConflict(TestAdmin(), no_conflict, &response),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("resolutions[0].path")));

  v1::ResolveConflictRequest bad_value = Resolve(3);
  AddChoice(&bad_value, "housing.floor_area_m2", v1::Resolution::CHOICE_VALUE, "bốn mươi");
  EXPECT_THAT(engine_->review().ResolveConflict(TestAdmin(), bad_value, &response),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("resolutions[0]")));

  v1::ResolveConflictRequest unknown = Resolve(1);
  unknown.mutable_key()->set_household_id("h404");
  AddChoice(&unknown, "collaborator_note", v1::Resolution::CHOICE_HEAD);
  EXPECT_THAT(engine_->review().ResolveConflict(TestAdmin(), unknown, &response),
              StatusIs(absl::StatusCode::kNotFound, HasSubstr("h404")));

  EXPECT_THAT(engine_->review().ResolveConflict(TestAdmin(), Resolve(3), &response),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("resolutions")));

  EXPECT_EQ(engine_->committed_seq(), committed);
  EXPECT_EQ(Current().version(), 3u);
  EXPECT_THAT(Current().conflicts(), SizeIs(2));
}

TEST_F(ConflictResolutionTest, TheQueueFiltersByStatusAndVillageAndPages) {
  for (int i = 0; i < 7; ++i) {
    Push("tab", MakeMutation(absl::StrCat("q", i), absl::StrCat("c", i), 0,
                             MakeHousehold(i, "00001", i % 2 ? "thon-1" : "thon-2")));
  }
  MakeTwoConflicts();  // h1 is in thon-1
  v1::ListQueueRequest request;
  request.set_round_id("2026");
  request.set_commune_code("00001");
  request.set_page_size(3);
  std::vector<std::string> all;
  v1::ListQueueResponse response;
  do {
    ASSERT_OK(engine_->review().ListQueue(TestAdmin(), request, &response));
    EXPECT_LE(response.entries_size(), 3);
    for (const v1::QueueEntry& entry : response.entries())
      all.push_back(entry.key().household_id());
    request.set_page_token(response.next_page_token());
  } while (!response.next_page_token().empty());
  EXPECT_THAT(all, ::testing::UnorderedElementsAre("q0", "q1", "q2", "q3", "q4", "q5", "q6", "h1"));

  request.clear_page_token();
  request.add_statuses(v1::REVIEW_STATUS_CONFLICT);
  ASSERT_OK(engine_->review().ListQueue(TestAdmin(), request, &response));
  ASSERT_THAT(response.entries(), SizeIs(1));
  EXPECT_EQ(response.entries(0).open_conflicts(), 2u);

  request.clear_statuses();
  request.set_village_code("thon-2");
  request.set_page_size(100);
  ASSERT_OK(engine_->review().ListQueue(TestAdmin(), request, &response));
  EXPECT_THAT(response.entries(), SizeIs(4));  // q0, q2, q4, q6

  request.set_page_token("garbage");
  EXPECT_THAT(engine_->review().ListQueue(TestAdmin(), request, &response),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("page_token")));
}

}  // namespace
}  // namespace rasoat
