// Push against a real rasoatd: versions, idempotent replay, stale bases, mixed batches.
#include <gmock/gmock.h>
#include <google/protobuf/util/message_differencer.h>
#include <gtest/gtest.h>

#include "sync/store/store.h"
#include "tests/e2e/sync_client.h"
#include "tests/e2e/sync_e2e_fixture.h"
#include "tests/support/households.h"
#include "tests/support/status_matchers.h"

namespace rasoat::testing {
namespace {

using ::google::protobuf::util::MessageDifferencer;
using ::testing::SizeIs;

class PushE2eTest : public SyncE2eTest {};

TEST_F(PushE2eTest, NewHouseholdThenHeadThenReplay) {
  ASSERT_OK_AND_ASSIGN(v1::PushResponse first,
                       Push(stub_.get(), "tab-1", {MakeMutation("h1", "m1", 0, MakeHousehold(1))}));
  ASSERT_THAT(first.results(), SizeIs(1));
  EXPECT_EQ(first.results(0).outcome(), v1::MUTATION_OUTCOME_APPLIED);
  EXPECT_EQ(first.results(0).version(), 1u);

  ASSERT_OK_AND_ASSIGN(v1::PushResponse second,
                       Push(stub_.get(), "tab-1", {MakeMutation("h1", "m2", 1, MakeHousehold(2))}));
  EXPECT_EQ(second.results(0).outcome(), v1::MUTATION_OUTCOME_APPLIED);
  EXPECT_EQ(second.results(0).version(), 2u);
  EXPECT_EQ(second.results(0).head_version(), 2u);

  // The tablet lost the first response and pushes the same mutation again.
  ASSERT_OK_AND_ASSIGN(v1::PushResponse replay,
                       Push(stub_.get(), "tab-1", {MakeMutation("h1", "m1", 0, MakeHousehold(1))}));
  EXPECT_EQ(replay.results(0).outcome(), v1::MUTATION_OUTCOME_DUPLICATE);
  EXPECT_EQ(replay.results(0).original_outcome(), v1::MUTATION_OUTCOME_APPLIED);
  EXPECT_EQ(replay.results(0).version(), 1u);

  ASSERT_OK_AND_ASSIGN(PullResult pull,
                       PullAll(stub_.get(), "2026", {VillageScope("00001", "thon-1")}));
  ASSERT_THAT(pull.households, SizeIs(1));
  EXPECT_EQ(pull.households[0].version(), 2u);
  EXPECT_TRUE(MessageDifferencer::Equals(pull.households[0].record(), MakeHousehold(2)));

  // The same mutation id from another device is another mutation.
  ASSERT_OK_AND_ASSIGN(v1::PushResponse other,
                       Push(stub_.get(), "tab-2", {MakeMutation("h2", "m1", 0, MakeHousehold(3))}));
  EXPECT_EQ(other.results(0).outcome(), v1::MUTATION_OUTCOME_APPLIED);
}

TEST_F(PushE2eTest, StaleBaseMergesDisjointEdits) {
  const v1::Household base = MakeHousehold(1);
  ASSERT_OK(Push(stub_.get(), "tab-1", {MakeMutation("h1", "a1", 0, base)}));
  v1::Household head = base;
  head.set_collaborator_note("Đã gặp chủ hộ");
  ASSERT_OK(Push(stub_.get(), "tab-1", {MakeMutation("h1", "a2", 1, head)}));
  // Another tablet edited version 1 offline, another field.
  v1::Household offline = base;
  offline.mutable_housing()->set_floor_area_m2(31.5);
  ASSERT_OK_AND_ASSIGN(v1::PushResponse stale,
                       Push(stub_.get(), "tab-2", {MakeMutation("h1", "b1", 1, offline)}));
  ASSERT_EQ(stale.results(0).outcome(), v1::MUTATION_OUTCOME_MERGED);
  EXPECT_EQ(stale.results(0).version(), 3u);
  v1::Household both = head;
  both.mutable_housing()->set_floor_area_m2(31.5);
  EXPECT_TRUE(MessageDifferencer::Equals(stale.results(0).merged_record(), both));

  ASSERT_OK_AND_ASSIGN(PullResult pull,
                       PullAll(stub_.get(), "2026", {VillageScope("00001", "thon-1")}));
  ASSERT_THAT(pull.households, SizeIs(1));
  EXPECT_EQ(pull.households[0].version(), 3u);
  EXPECT_EQ(pull.households[0].status(), v1::REVIEW_STATUS_READY_FOR_REVIEW);
  EXPECT_TRUE(MessageDifferencer::Equals(pull.households[0].record(), both));
}

TEST_F(PushE2eTest, StaleBaseEditingTheSameFieldIsAConflictKeepingTheHeadsValue) {
  const v1::Household base = MakeHousehold(1);
  ASSERT_OK(Push(stub_.get(), "tab-1", {MakeMutation("h1", "a1", 0, base)}));
  v1::Household head = base;
  head.set_collaborator_note("hộ đi vắng");
  ASSERT_OK(Push(stub_.get(), "tab-1", {MakeMutation("h1", "a2", 1, head)}));
  v1::Household offline = base;
  offline.set_collaborator_note("hộ chuyển đi");
  offline.mutable_housing()->set_floor_area_m2(31.5);
  ASSERT_OK_AND_ASSIGN(v1::PushResponse stale,
                       Push(stub_.get(), "tab-2", {MakeMutation("h1", "b1", 1, offline)}));
  const v1::MutationResult& result = stale.results(0);
  ASSERT_EQ(result.outcome(), v1::MUTATION_OUTCOME_CONFLICT);
  EXPECT_EQ(result.version(), 3u);
  ASSERT_THAT(result.conflicts(), SizeIs(1));
  const v1::FieldConflict& conflict = result.conflicts(0);
  EXPECT_EQ(conflict.path(), "collaborator_note");
  EXPECT_EQ(conflict.head_value(), "\"hộ đi vắng\"");
  EXPECT_EQ(conflict.incoming_value(), "\"hộ chuyển đi\"");
  EXPECT_EQ(conflict.head_device_id(), "tab-1");
  EXPECT_EQ(conflict.incoming_device_id(), "tab-2");
  EXPECT_EQ(conflict.incoming_mutation_id(), "b1");
  // The head's value stays; the disjoint edit merged.
  EXPECT_EQ(result.merged_record().collaborator_note(), "hộ đi vắng");
  EXPECT_EQ(result.merged_record().housing().floor_area_m2(), 31.5);

  ASSERT_OK_AND_ASSIGN(PullResult pull,
                       PullAll(stub_.get(), "2026", {VillageScope("00001", "thon-1")}));
  ASSERT_THAT(pull.households, SizeIs(1));
  EXPECT_EQ(pull.households[0].status(), v1::REVIEW_STATUS_CONFLICT);
  ASSERT_THAT(pull.households[0].conflicts(), SizeIs(1));
  EXPECT_EQ(pull.households[0].conflicts(0).incoming_value(), "\"hộ chuyển đi\"");

  // The version history says where each value came from.
  StopServer();
  ASSERT_OK_AND_ASSIGN(std::unique_ptr<Store> store,
                       Store::Open(StoreOptions{.path = dir_.Sub("data"), .read_only = true}));
  store::VersionMeta meta;
  ASSERT_OK(store->ReadVersion("2026", "h1", 3, &meta, nullptr));
  EXPECT_EQ(meta.parent_version(), 2u);
  EXPECT_EQ(meta.base_version(), 1u);
  EXPECT_EQ(meta.device_id(), "tab-2");
  // Nothing of the tablet's record is lost: it is kept as pushed.
  EXPECT_TRUE(MessageDifferencer::Equals(meta.incoming_record(), offline));
  std::vector<std::pair<std::string, store::MergeNote::Source>> notes;
  for (const store::MergeNote& note : meta.merge_notes())
    notes.emplace_back(note.path(), note.source());
  EXPECT_THAT(notes, ::testing::UnorderedElementsAre(
                         std::pair<std::string, store::MergeNote::Source>(
                             "collaborator_note", store::MergeNote::SOURCE_HEAD),
                         std::pair<std::string, store::MergeNote::Source>(
                             "housing.floor_area_m2", store::MergeNote::SOURCE_INCOMING)));
}

TEST_F(PushE2eTest, OneInvalidMutationDoesNotFailTheBatch) {
  ASSERT_OK_AND_ASSIGN(v1::PushResponse response,
                       Push(stub_.get(), "tab-1",
                            {MakeMutation("h1", "m1", 0, MakeHousehold(1)),
                             MakeMutation("", "m2", 0, MakeHousehold(2)),
                             MakeMutation("h3", "m3", 0, MakeHousehold(3))}));
  ASSERT_THAT(response.results(), SizeIs(3));
  EXPECT_EQ(response.results(0).outcome(), v1::MUTATION_OUTCOME_APPLIED);
  EXPECT_EQ(response.results(1).outcome(), v1::MUTATION_OUTCOME_REJECTED);
  EXPECT_EQ(response.results(2).outcome(), v1::MUTATION_OUTCOME_APPLIED);

  ASSERT_OK_AND_ASSIGN(PullResult pull,
                       PullAll(stub_.get(), "2026", {VillageScope("00001", "thon-1")}));
  std::vector<std::string> ids;
  for (const v1::HouseholdState& state : pull.households) ids.push_back(state.key().household_id());
  EXPECT_THAT(ids, ::testing::UnorderedElementsAre("h1", "h3"));
}

TEST_F(PushE2eTest, RepeatedEditsInOneBatchChainOnTheHousehold) {
  ASSERT_OK_AND_ASSIGN(v1::PushResponse response,
                       Push(stub_.get(), "tab-1",
                            {MakeMutation("h1", "m1", 0, MakeHousehold(1)),
                             MakeMutation("h1", "m2", 1, MakeHousehold(2)),
                             MakeMutation("h1", "m2", 1, MakeHousehold(2))}));
  EXPECT_EQ(response.results(0).version(), 1u);
  EXPECT_EQ(response.results(1).outcome(), v1::MUTATION_OUTCOME_APPLIED);
  EXPECT_EQ(response.results(1).version(), 2u);
  EXPECT_EQ(response.results(2).outcome(), v1::MUTATION_OUTCOME_DUPLICATE);
  EXPECT_EQ(response.results(2).version(), 2u);
}

// A tablet that reuses a mutation id for another edit (after a reinstall, say) is told so; the
// edit is not dropped as a duplicate of the first. A true retry is still a duplicate.
TEST_F(PushE2eTest, AMutationIdReusedForDifferentContentIsAlreadyExists) {
  ASSERT_OK(Push(stub_.get(), "tab-1", {MakeMutation("h1", "m1", 0, MakeHousehold(1))}));
  ASSERT_OK_AND_ASSIGN(v1::PushResponse reused,
                       Push(stub_.get(), "tab-1", {MakeMutation("h2", "m1", 0, MakeHousehold(2))}));
  ASSERT_THAT(reused.results(), SizeIs(1));
  EXPECT_EQ(reused.results(0).outcome(), v1::MUTATION_OUTCOME_REJECTED);
  EXPECT_EQ(reused.results(0).rejection().code(),
            static_cast<int>(absl::StatusCode::kAlreadyExists));
  EXPECT_THAT(reused.results(0).rejection().message(), ::testing::HasSubstr("different content"));
  ASSERT_THAT(reused.results(0).rejection().field_violations(), SizeIs(1));
  EXPECT_EQ(reused.results(0).rejection().field_violations(0).field(), "mutations[0].mutation_id");

  ASSERT_OK_AND_ASSIGN(v1::PushResponse retry,
                       Push(stub_.get(), "tab-1", {MakeMutation("h1", "m1", 0, MakeHousehold(1))}));
  EXPECT_EQ(retry.results(0).outcome(), v1::MUTATION_OUTCOME_DUPLICATE);

  // The edit is the tablet's to push again under a new id.
  ASSERT_OK_AND_ASSIGN(v1::PushResponse renamed,
                       Push(stub_.get(), "tab-1", {MakeMutation("h2", "m2", 0, MakeHousehold(2))}));
  EXPECT_EQ(renamed.results(0).outcome(), v1::MUTATION_OUTCOME_APPLIED);
  ASSERT_OK_AND_ASSIGN(PullResult pull,
                       PullAll(stub_.get(), "2026", {VillageScope("00001", "thon-1")}));
  EXPECT_THAT(pull.households, SizeIs(2));
}

}  // namespace
}  // namespace rasoat::testing
