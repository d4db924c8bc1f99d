// Many tablets editing one household offline, against a real rasoatd: disjoint edits all
// merge; the same field edited differently is exactly one conflict, seen by every tablet.
#include <functional>
#include <thread>

#include <gmock/gmock.h>
#include <google/protobuf/util/message_differencer.h>
#include <gtest/gtest.h>

#include "absl/strings/str_cat.h"
#include "tests/e2e/sync_client.h"
#include "tests/e2e/sync_e2e_fixture.h"
#include "tests/support/households.h"
#include "tests/support/status_matchers.h"

namespace rasoat::testing {
namespace {

using ::testing::SizeIs;

// Twenty edits of twenty different fields, as twenty collaborators would make them.
std::vector<std::function<void(v1::Household*)>> TwentyEdits() {
  return {
      [](v1::Household* h) { h->mutable_location()->set_address("Xóm Đồng, số 12"); },
      [](v1::Household* h) { h->set_collaborator_note("Đã phỏng vấn lần 2"); },
      [](v1::Household* h) { h->mutable_housing()->set_floor_area_m2(123.5); },
      [](v1::Household* h) { h->mutable_housing()->set_water_source(v1::WATER_SOURCE_RAINWATER); },
      [](v1::Household* h) { h->mutable_housing()->set_latrine(v1::LATRINE_IMPROVED_PIT); },
      [](v1::Household* h) {
        h->mutable_housing()->set_waste_handling(v1::WASTE_HANDLING_COLLECTED);
      },
      [](v1::Household* h) { h->mutable_information()->set_uses_internet(true); },
      [](v1::Household* h) { h->mutable_information()->set_has_radio(true); },
      [](v1::Household* h) { h->mutable_information()->set_has_computer(true); },
      [](v1::Household* h) { h->mutable_information()->set_has_smartphone(true); },
      [](v1::Household* h) { h->mutable_information()->set_uses_digital_public_services(true); },
      [](v1::Household* h) { h->set_agricultural_household(true); },
      [](v1::Household* h) { h->set_surveyed_at_unix(1'790'000'000); },
      [](v1::Household* h) { h->mutable_members(0)->set_ethnicity_code("01"); },
      [](v1::Household* h) { h->mutable_members(1)->set_has_disability(true); },
      [](v1::Household* h) { h->mutable_members(2)->set_in_vocational_training(true); },
      [](v1::Household* h) { h->mutable_members(0)->set_person_of_merit(true); },
      [](v1::Household* h) {
        v1::IncomeItem* income = h->add_incomes();
        income->set_income_id("i-new");
        income->set_source(v1::INCOME_SOURCE_REMITTANCES);
        income->set_annual_amount_vnd(12'000'000);
      },
      [](v1::Household* h) {
        v1::Member* member = h->add_members();
        member->set_member_id("m-newborn");
        member->set_full_name("Lê Thị Mai");
        member->mutable_birth_date()->set_year(2026);
        member->mutable_birth_date()->set_month(5);
        member->mutable_birth_date()->set_day(1);
        member->set_sex(v1::SEX_FEMALE);
        member->set_relationship(v1::RELATIONSHIP_GRANDCHILD);
      },
      [](v1::Household* h) {
        v1::ScoreAnswer* answer = h->add_score_answers();
        answer->set_question_code("q07");
        answer->set_answer_code("b");
      },
  };
}

class MergeE2eTest : public SyncE2eTest {};

TEST_F(MergeE2eTest, TwentyTabletsEditingDifferentFieldsAllMerge) {
  const v1::Household base = MakeHousehold(7);
  ASSERT_OK(Push(stub_.get(), "office", {MakeMutation("h1", "create", 0, base)}));
  const auto edits = TwentyEdits();
  ASSERT_THAT(edits, SizeIs(20));

  // Each tablet pulled version 1 and edits its own field offline; they push at once.
  std::vector<v1::MutationResult> results(edits.size());
  std::vector<std::thread> tablets;
  for (size_t t = 0; t < edits.size(); ++t) {
    tablets.emplace_back([&, t] {
      v1::Household edited = base;
      edits[t](&edited);
      // Twenty connections opened at once: each is up before its push (see
      // NewConnectedSyncStub).
      auto stub = server_->NewConnectedSyncStub();
      absl::StatusOr<v1::PushResponse> response =
          Push(stub.get(), absl::StrCat("tab-", t), {MakeMutation("h1", "edit", 1, edited)});
      ASSERT_TRUE(response.ok()) << response.status();
      results[t] = response->results(0);
    });
  }
  for (std::thread& tablet : tablets) tablet.join();
  for (const v1::MutationResult& result : results) {
    EXPECT_THAT(result.outcome(),
                ::testing::AnyOf(v1::MUTATION_OUTCOME_APPLIED, v1::MUTATION_OUTCOME_MERGED))
        << result.ShortDebugString();
  }

  v1::Household expected = base;
  for (const auto& edit : edits) edit(&expected);
  ASSERT_OK_AND_ASSIGN(PullResult pull,
                       PullAll(stub_.get(), "2026", {VillageScope("00001", "thon-1")}));
  ASSERT_THAT(pull.households, SizeIs(1));
  const v1::HouseholdState& state = pull.households[0];
  EXPECT_EQ(state.version(), 21u);
  EXPECT_EQ(state.status(), v1::REVIEW_STATUS_READY_FOR_REVIEW);
  EXPECT_THAT(state.conflicts(), SizeIs(0));
  // Every edit is in; list order may differ (merged elements follow the head's order).
  google::protobuf::util::MessageDifferencer differencer;
  differencer.TreatAsSet(v1::Household::descriptor()->FindFieldByName("members"));
  differencer.TreatAsSet(v1::Household::descriptor()->FindFieldByName("incomes"));
  differencer.TreatAsSet(v1::Household::descriptor()->FindFieldByName("score_answers"));
  std::string diff;
  differencer.ReportDifferencesToString(&diff);
  EXPECT_TRUE(differencer.Compare(expected, state.record())) << diff;
}

TEST_F(MergeE2eTest, TwoTabletsEditingOneFieldDifferentlyMakeOneConflictBothSee) {
  const v1::Household base = MakeHousehold(7);
  ASSERT_OK(Push(stub_.get(), "office", {MakeMutation("h1", "create", 0, base)}));
  const std::vector<v1::Scope> scope = {VillageScope("00001", "thon-1")};
  // Both tablets sync, then go offline.
  ASSERT_OK_AND_ASSIGN(PullResult synced, PullAll(stub_.get(), "2026", scope));
  const std::string cursor = synced.page_cursors.back();

  auto stub_a = server_->NewSyncStub();
  auto stub_b = server_->NewSyncStub();
  v1::Household edit_a = base;
  edit_a.mutable_housing()->set_floor_area_m2(40);
  v1::Household edit_b = base;
  edit_b.mutable_housing()->set_floor_area_m2(45);
  ASSERT_OK_AND_ASSIGN(v1::PushResponse a,
                       Push(stub_a.get(), "tab-a", {MakeMutation("h1", "a1", 1, edit_a)}));
  ASSERT_OK_AND_ASSIGN(v1::PushResponse b,
                       Push(stub_b.get(), "tab-b", {MakeMutation("h1", "b1", 1, edit_b)}));
  EXPECT_EQ(a.results(0).outcome(), v1::MUTATION_OUTCOME_APPLIED);
  ASSERT_EQ(b.results(0).outcome(), v1::MUTATION_OUTCOME_CONFLICT);
  ASSERT_THAT(b.results(0).conflicts(), SizeIs(1));
  EXPECT_EQ(b.results(0).conflicts(0).path(), "housing.floor_area_m2");
  EXPECT_EQ(b.results(0).conflicts(0).head_value(), "40");
  EXPECT_EQ(b.results(0).conflicts(0).incoming_value(), "45");

  // Both tablets' next pulls show the household in conflict, with both values.
  for (auto* stub : {stub_a.get(), stub_b.get()}) {
    ASSERT_OK_AND_ASSIGN(PullResult next, PullAll(stub, "2026", scope, cursor));
    ASSERT_THAT(next.households, SizeIs(1));
    const v1::HouseholdState& state = next.households[0];
    EXPECT_EQ(state.status(), v1::REVIEW_STATUS_CONFLICT);
    ASSERT_THAT(state.conflicts(), SizeIs(1));
    EXPECT_EQ(state.conflicts(0).head_value(), "40");
    EXPECT_EQ(state.conflicts(0).incoming_value(), "45");
    EXPECT_EQ(state.record().housing().floor_area_m2(), 40);
  }

  // The reviewer's queue lists it among the conflicts.
  auto review = server_->NewReviewStub();
  v1::ListQueueRequest list;
  list.set_round_id("2026");
  list.set_commune_code("00001");
  list.add_statuses(v1::REVIEW_STATUS_CONFLICT);
  v1::ListQueueResponse queue;
  {
    grpc::ClientContext context;
    ASSERT_TRUE(review->ListQueue(&context, list, &queue).ok());
  }
  ASSERT_THAT(queue.entries(), SizeIs(1));
  EXPECT_EQ(queue.entries(0).key().household_id(), "h1");
  EXPECT_EQ(queue.entries(0).version(), 3u);
  EXPECT_EQ(queue.entries(0).open_conflicts(), 1u);

  // Resolving what was version 2 fails: the head moved on.
  v1::ResolveConflictRequest resolve;
  *resolve.mutable_key() = b.results(0).key();
  resolve.set_version(2);
  resolve.set_reviewer("can-bo-xa");
  v1::Resolution* resolution = resolve.add_resolutions();
  resolution->set_path("housing.floor_area_m2");
  resolution->set_choice(v1::Resolution::CHOICE_INCOMING);
  v1::ResolveConflictResponse resolved;
  {
    grpc::ClientContext context;
    grpc::Status status = review->ResolveConflict(&context, resolve, &resolved);
    EXPECT_EQ(status.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
    EXPECT_THAT(status.error_message(), ::testing::HasSubstr("version 3"));
  }
  // On the head it succeeds: tablet B's 45 m² wins.
  resolve.set_version(3);
  {
    grpc::ClientContext context;
    grpc::Status status = review->ResolveConflict(&context, resolve, &resolved);
    ASSERT_TRUE(status.ok()) << status.error_message();
  }
  EXPECT_EQ(resolved.version(), 4u);
  EXPECT_EQ(resolved.status(), v1::REVIEW_STATUS_READY_FOR_REVIEW);
  EXPECT_THAT(resolved.open_conflicts(), SizeIs(0));
  ASSERT_OK_AND_ASSIGN(PullResult after, PullAll(stub_a.get(), "2026", scope, cursor));
  ASSERT_THAT(after.households, SizeIs(1));
  EXPECT_EQ(after.households[0].version(), 4u);
  EXPECT_EQ(after.households[0].status(), v1::REVIEW_STATUS_READY_FOR_REVIEW);
  EXPECT_EQ(after.households[0].record().housing().floor_area_m2(), 45);
  {
    grpc::ClientContext context;
    ASSERT_TRUE(review->ListQueue(&context, list, &queue).ok());
  }
  EXPECT_THAT(queue.entries(), SizeIs(0));
}

}  // namespace
}  // namespace rasoat::testing
