// PushService against a real RocksDB through the engine: outcomes, versions, idempotency and
// merges of stale edits.
#include <string>
#include <vector>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "google/protobuf/util/message_differencer.h"
#include "rasoat/v1/sync.pb.h"
#include "tests/support/households.h"
#include "tests/support/status_matchers.h"
#include "tests/sync/push/push_fixture.h"

namespace rasoat {
namespace {

using ::rasoat::testing::kCommune;
using ::rasoat::testing::kDevice;
using ::rasoat::testing::kVillage;
using ::rasoat::testing::MakeHousehold;
using ::rasoat::testing::MakeMutation;
using ::rasoat::testing::PushTest;
using ::testing::HasSubstr;
using ::testing::SizeIs;

using ::google::protobuf::util::MessageDifferencer;

TEST_F(PushTest, NewHouseholdIsAppliedAsVersionOne) {
  const v1::PushResponse response =
      PushOk({MakeMutation("hh-1", "m-1", 0, MakeHousehold(1, kCommune, kVillage))});
  ASSERT_THAT(response.results(), SizeIs(1));
  const v1::MutationResult& result = response.results(0);
  EXPECT_EQ(result.outcome(), v1::MUTATION_OUTCOME_APPLIED);
  EXPECT_EQ(result.version(), 1u);
  EXPECT_EQ(result.head_version(), 1u);
  EXPECT_EQ(result.mutation_id(), "m-1");
  EXPECT_EQ(result.key().round_id(), "2026");
  EXPECT_EQ(result.key().household_id(), "hh-1");
  EXPECT_GE(engine_->committed_seq(), 1u);

  const std::vector<v1::HouseholdState> pulled = PullAll();
  ASSERT_THAT(pulled, SizeIs(1));
  EXPECT_EQ(pulled[0].version(), 1u);
  EXPECT_EQ(pulled[0].status(), v1::REVIEW_STATUS_READY_FOR_REVIEW);
  EXPECT_TRUE(MessageDifferencer::Equals(pulled[0].record(), MakeHousehold(1, kCommune, kVillage)));
}

TEST_F(PushTest, PushOnHeadIsAppliedAsTheNextVersion) {
  const v1::Household record = MakeHousehold(1, kCommune, kVillage);
  PushOk({MakeMutation("hh-1", "m-1", 0, record)});
  const v1::PushResponse response =
      PushOk({MakeMutation("hh-1", "m-2", 1, Edited(record, "second visit"))});
  const v1::MutationResult& result = response.results(0);
  EXPECT_EQ(result.outcome(), v1::MUTATION_OUTCOME_APPLIED);
  EXPECT_EQ(result.version(), 2u);
  EXPECT_EQ(result.head_version(), 2u);

  const std::vector<v1::HouseholdState> pulled = PullAll();
  ASSERT_THAT(pulled, SizeIs(1));
  EXPECT_EQ(pulled[0].version(), 2u);
  EXPECT_EQ(pulled[0].record().collaborator_note(), "second visit");
}

TEST_F(PushTest, ReplayedMutationIsADuplicateAndWritesNothing) {
  const v1::Household record = MakeHousehold(1, kCommune, kVillage);
  PushOk({MakeMutation("hh-1", "m-1", 0, record)});
  const v1::PushResponse original =
      PushOk({MakeMutation("hh-1", "m-2", 1, Edited(record, "second visit"))});
  const uint64_t committed = engine_->committed_seq();

  // The tablet lost the response and pushes the same mutation again.
  const v1::PushResponse replay =
      PushOk({MakeMutation("hh-1", "m-2", 1, Edited(record, "second visit"))});
  const v1::MutationResult& result = replay.results(0);
  EXPECT_EQ(result.outcome(), v1::MUTATION_OUTCOME_DUPLICATE);
  EXPECT_EQ(result.original_outcome(), v1::MUTATION_OUTCOME_APPLIED);
  EXPECT_EQ(result.version(), original.results(0).version());
  EXPECT_EQ(result.version(), 2u);
  EXPECT_EQ(result.head_version(), 2u);
  EXPECT_EQ(result.mutation_id(), "m-2");

  EXPECT_EQ(engine_->committed_seq(), committed);
  const std::vector<v1::HouseholdState> pulled = PullAll();
  ASSERT_THAT(pulled, SizeIs(1));
  EXPECT_EQ(pulled[0].version(), 2u);
}

TEST_F(PushTest, AMutationIdReusedWithAChangedRecordIsAlreadyExistsNotADuplicate) {
  const v1::Household record = MakeHousehold(1, kCommune, kVillage);
  PushOk({MakeMutation("hh-1", "m-1", 0, record)});
  const uint64_t committed = engine_->committed_seq();
  const v1::PushResponse replay =
      PushOk({MakeMutation("hh-1", "m-1", 0, Edited(record, "not the original"))});
  EXPECT_EQ(replay.results(0).outcome(), v1::MUTATION_OUTCOME_REJECTED);
  EXPECT_EQ(replay.results(0).rejection().code(),
            static_cast<int>(absl::StatusCode::kAlreadyExists));
  EXPECT_THAT(replay.results(0).rejection().message(),
              HasSubstr("mutation_id 'm-1' was used before for different content"));
  EXPECT_EQ(replay.results(0).version(), 0u);
  EXPECT_EQ(engine_->committed_seq(), committed);
  const std::vector<v1::HouseholdState> pulled = PullAll();
  ASSERT_THAT(pulled, SizeIs(1));
  EXPECT_EQ(pulled[0].version(), 1u);
  EXPECT_EQ(pulled[0].record().collaborator_note(), "");
}

TEST_F(PushTest, SameMutationIdFromAnotherDeviceIsNotADuplicate) {
  const v1::Household record = MakeHousehold(1, kCommune, kVillage);
  PushOk({MakeMutation("hh-1", "m-1", 0, record)}, "tablet-A");
  const v1::PushResponse other =
      PushOk({MakeMutation("hh-1", "m-1", 1, Edited(record, "from B"))}, "tablet-B");
  EXPECT_EQ(other.results(0).outcome(), v1::MUTATION_OUTCOME_APPLIED);
  EXPECT_EQ(other.results(0).version(), 2u);
}

TEST_F(PushTest, SameMutationIdTwiceInOneBatchMakesTheSecondADuplicate) {
  const v1::Household record = MakeHousehold(1, kCommune, kVillage);
  const v1::PushResponse response =
      PushOk({MakeMutation("hh-1", "m-1", 0, record), MakeMutation("hh-1", "m-1", 0, record)});
  ASSERT_THAT(response.results(), SizeIs(2));
  EXPECT_EQ(response.results(0).outcome(), v1::MUTATION_OUTCOME_APPLIED);
  EXPECT_EQ(response.results(0).version(), 1u);
  EXPECT_EQ(response.results(1).outcome(), v1::MUTATION_OUTCOME_DUPLICATE);
  EXPECT_EQ(response.results(1).original_outcome(), v1::MUTATION_OUTCOME_APPLIED);
  EXPECT_EQ(response.results(1).version(), 1u);

  const std::vector<v1::HouseholdState> pulled = PullAll();
  ASSERT_THAT(pulled, SizeIs(1));
  EXPECT_EQ(pulled[0].version(), 1u);
}

TEST_F(PushTest, TwoEditsOfOneHouseholdInOneBatchChainTheirVersions) {
  const v1::Household record = MakeHousehold(1, kCommune, kVillage);
  const v1::PushResponse response =
      PushOk({MakeMutation("hh-1", "m-1", 0, record),
              MakeMutation("hh-1", "m-2", 1, Edited(record, "same batch"))});
  EXPECT_EQ(response.results(0).outcome(), v1::MUTATION_OUTCOME_APPLIED);
  EXPECT_EQ(response.results(0).version(), 1u);
  EXPECT_EQ(response.results(1).outcome(), v1::MUTATION_OUTCOME_APPLIED);
  EXPECT_EQ(response.results(1).version(), 2u);
  EXPECT_EQ(response.results(1).head_version(), 2u);

  const std::vector<v1::HouseholdState> pulled = PullAll();
  ASSERT_THAT(pulled, SizeIs(1));
  EXPECT_EQ(pulled[0].version(), 2u);
  EXPECT_EQ(pulled[0].record().collaborator_note(), "same batch");
}

TEST_F(PushTest, StaleBaseEditingTheSameFieldIsAConflictKeepingTheHeadsValue) {
  const v1::Household record = MakeHousehold(1, kCommune, kVillage);
  PushOk({MakeMutation("hh-1", "m-1", 0, record)}, "tablet-A");
  PushOk({MakeMutation("hh-1", "m-2", 1, Edited(record, "A's edit"))}, "tablet-A");

  // Tablet B edited version 1 too, not knowing about version 2.
  const v1::Household incoming = Edited(record, "B's edit");
  const v1::PushResponse response = PushOk({MakeMutation("hh-1", "b-1", 1, incoming)}, "tablet-B");
  const v1::MutationResult& result = response.results(0);
  EXPECT_EQ(result.outcome(), v1::MUTATION_OUTCOME_CONFLICT);
  EXPECT_EQ(result.version(), 3u);
  EXPECT_EQ(result.head_version(), 3u);
  ASSERT_THAT(result.conflicts(), SizeIs(1));
  EXPECT_EQ(result.conflicts(0).path(), "collaborator_note");
  // Text format: the quote is escaped.
  EXPECT_EQ(result.conflicts(0).head_value(), "\"A\\'s edit\"");
  EXPECT_EQ(result.conflicts(0).incoming_value(), "\"B\\'s edit\"");

  // Version 3 keeps A's value and the household is in conflict.
  const std::vector<v1::HouseholdState> pulled = PullAll();
  ASSERT_THAT(pulled, SizeIs(1));
  EXPECT_EQ(pulled[0].version(), 3u);
  EXPECT_EQ(pulled[0].record().collaborator_note(), "A's edit");
  EXPECT_EQ(pulled[0].status(), v1::REVIEW_STATUS_CONFLICT);
  ASSERT_THAT(pulled[0].conflicts(), SizeIs(1));
  EXPECT_EQ(pulled[0].conflicts(0).incoming_device_id(), "tablet-B");

  store::VersionMeta meta;
  v1::Household stored;
  ReadStoredVersion("hh-1", 3, &meta, &stored);
  EXPECT_EQ(stored.collaborator_note(), "A's edit");
  EXPECT_THAT(meta.conflicts(), SizeIs(1));
  EXPECT_EQ(meta.parent_version(), 2u);
  EXPECT_EQ(meta.base_version(), 1u);
  EXPECT_EQ(meta.device_id(), "tablet-B");
  EXPECT_EQ(meta.mutation_id(), "b-1");
}

TEST_F(PushTest, APushOnTheHeadThatResolvesConflictsClearsThem) {
  const v1::Household record = MakeHousehold(1, kCommune, kVillage);
  PushOk({MakeMutation("hh-1", "m-1", 0, record)}, "tablet-A");
  PushOk({MakeMutation("hh-1", "m-2", 1, Edited(record, "A's edit"))}, "tablet-A");
  PushOk({MakeMutation("hh-1", "b-1", 1, Edited(record, "B's edit"))}, "tablet-B");

  // A plain push on the head leaves the conflict open.
  PushOk({MakeMutation("hh-1", "b-2", 3, Edited(record, "A's edit"))}, "tablet-B");
  EXPECT_EQ(PullAll()[0].status(), v1::REVIEW_STATUS_CONFLICT);

  v1::Mutation resolution = MakeMutation("hh-1", "b-3", 4, Edited(record, "B's edit"));
  resolution.set_resolves_conflicts(true);
  PushOk({resolution}, "tablet-B");
  const std::vector<v1::HouseholdState> pulled = PullAll();
  EXPECT_EQ(pulled[0].version(), 5u);
  EXPECT_EQ(pulled[0].status(), v1::REVIEW_STATUS_READY_FOR_REVIEW);
  EXPECT_THAT(pulled[0].conflicts(), SizeIs(0));
  EXPECT_EQ(pulled[0].record().collaborator_note(), "B's edit");
}

TEST_F(PushTest, AStaleRecordThatCannotBeMergedIsRejectedAndChangesNothing) {
  const v1::Household record = MakeHousehold(1, kCommune, kVillage);
  PushOk({MakeMutation("hh-1", "m-1", 0, record)});
  PushOk({MakeMutation("hh-1", "m-2", 1, Edited(record, "head"))});
  const uint64_t committed = engine_->committed_seq();
  v1::Household broken = record;
  *broken.add_members() = record.members(0);  // two members with one member_id
  const v1::PushResponse response = PushOk({MakeMutation("hh-1", "m-3", 1, broken)});
  EXPECT_EQ(response.results(0).outcome(), v1::MUTATION_OUTCOME_REJECTED);
  EXPECT_EQ(response.results(0).rejection().code(),
            static_cast<int>(absl::StatusCode::kInvalidArgument));
  EXPECT_THAT(response.results(0).rejection().message(), ::testing::HasSubstr("members"));
  EXPECT_EQ(engine_->committed_seq(), committed);
  EXPECT_EQ(PullAll()[0].version(), 2u);
}

TEST_F(PushTest, AStaleEditInTheSameBatchMergesAgainstVersionsTheBatchWrote) {
  const v1::Household record = MakeHousehold(1, kCommune, kVillage);
  v1::Household floor = record;
  floor.mutable_housing()->set_floor_area_m2(55);
  const v1::PushResponse response =
      PushOk({MakeMutation("hh-1", "m-1", 0, record),
              MakeMutation("hh-1", "m-2", 1, Edited(record, "note")),
              MakeMutation("hh-1", "m-3", 1, floor)});  // stale: edited from version 1
  EXPECT_EQ(response.results(2).outcome(), v1::MUTATION_OUTCOME_MERGED);
  EXPECT_EQ(response.results(2).version(), 3u);
  const v1::HouseholdState state = PullAll()[0];
  EXPECT_EQ(state.record().collaborator_note(), "note");
  EXPECT_EQ(state.record().housing().floor_area_m2(), 55);
}

TEST_F(PushTest, StaleEditsOfStoredHouseholdsInOneBatchMergeAgainstTheStoreThenEachOther) {
  const v1::Household one = MakeHousehold(1, kCommune, kVillage);
  const v1::Household two = MakeHousehold(2, kCommune, kVillage);
  v1::Household two_floor = two;
  two_floor.mutable_housing()->set_floor_area_m2(60);
  PushOk({MakeMutation("hh-1", "a-1", 0, one), MakeMutation("hh-2", "a-2", 0, two)}, "tablet-A");
  PushOk({MakeMutation("hh-1", "a-3", 1, Edited(one, "A's edit")),
          MakeMutation("hh-2", "a-4", 1, two_floor)},
         "tablet-A");

  // Tablet B edited version 1 of both, offline: the batch's reads of the stored versions are
  // made together, and its second edit of hh-1 merges against the version its first wrote.
  v1::Household one_floor = one;
  one_floor.mutable_housing()->set_floor_area_m2(55);
  const v1::PushResponse response = PushOk({MakeMutation("hh-1", "b-1", 1, one_floor),
                                            MakeMutation("hh-1", "b-2", 1, Edited(one, "B's edit")),
                                            MakeMutation("hh-2", "b-3", 1, Edited(two, "B's note")),
                                            MakeMutation("hh-1", "b-1", 1, one_floor)},
                                           "tablet-B");
  ASSERT_THAT(response.results(), SizeIs(4));
  EXPECT_EQ(response.results(0).outcome(), v1::MUTATION_OUTCOME_MERGED);
  EXPECT_EQ(response.results(0).version(), 3u);
  const v1::MutationResult& conflict = response.results(1);
  EXPECT_EQ(conflict.outcome(), v1::MUTATION_OUTCOME_CONFLICT);
  EXPECT_EQ(conflict.version(), 4u);
  ASSERT_THAT(conflict.conflicts(), SizeIs(1));
  EXPECT_EQ(conflict.conflicts(0).path(), "collaborator_note");
  EXPECT_EQ(conflict.conflicts(0).head_version(), 3u);
  EXPECT_EQ(conflict.conflicts(0).head_device_id(), "tablet-B");
  EXPECT_EQ(conflict.conflicts(0).head_mutation_id(), "b-1");
  EXPECT_EQ(response.results(2).outcome(), v1::MUTATION_OUTCOME_MERGED);
  EXPECT_EQ(response.results(2).version(), 3u);
  EXPECT_EQ(response.results(3).outcome(), v1::MUTATION_OUTCOME_DUPLICATE);

  const std::vector<v1::HouseholdState> pulled = PullAll();
  ASSERT_THAT(pulled, SizeIs(2));
  for (const v1::HouseholdState& state : pulled) {
    if (state.key().household_id() == "hh-1") {
      EXPECT_EQ(state.version(), 4u);
      EXPECT_EQ(state.record().collaborator_note(), "A's edit");
      EXPECT_EQ(state.record().housing().floor_area_m2(), 55);
    } else {
      EXPECT_EQ(state.version(), 3u);
      EXPECT_EQ(state.record().collaborator_note(), "B's note");
      EXPECT_EQ(state.record().housing().floor_area_m2(), 60);
    }
  }
}

TEST_F(PushTest, ABatchOfMoreStaleEditsThanItReadsAheadMergesEveryOne) {
  // 40 stale edits name 80 versions, more than a push reads ahead (64): the rest are read one
  // merge at a time, with the same outcome.
  constexpr int kHouseholds = 40;
  options_.push.max_batch_mutations = kHouseholds;
  OpenEngine();
  std::vector<v1::Mutation> created, edited, stale;
  for (int i = 0; i < kHouseholds; ++i) {
    const std::string id = "hh-" + std::to_string(i);
    const v1::Household record = MakeHousehold(i, kCommune, kVillage);
    v1::Household floor = record;
    floor.mutable_housing()->set_floor_area_m2(30 + i);
    created.push_back(MakeMutation(id, "a-" + std::to_string(i), 0, record));
    edited.push_back(MakeMutation(id, "b-" + std::to_string(i), 1, Edited(record, "A's edit")));
    stale.push_back(MakeMutation(id, "c-" + std::to_string(i), 1, floor));
  }
  PushOk(created, "tablet-A");
  PushOk(edited, "tablet-A");
  const v1::PushResponse response = PushOk(stale, "tablet-B");
  ASSERT_THAT(response.results(), SizeIs(kHouseholds));
  for (const v1::MutationResult& result : response.results()) {
    EXPECT_EQ(result.outcome(), v1::MUTATION_OUTCOME_MERGED) << result.key().household_id();
    EXPECT_EQ(result.version(), 3u);
  }
  const std::vector<v1::HouseholdState> pulled = PullAll();
  ASSERT_THAT(pulled, SizeIs(kHouseholds));
  for (const v1::HouseholdState& state : pulled) {
    const int i = std::stoi(state.key().household_id().substr(3));
    EXPECT_EQ(state.record().collaborator_note(), "A's edit");
    EXPECT_EQ(state.record().housing().floor_area_m2(), 30 + i);
  }
}

TEST_F(PushTest, AppliedVersionsAreStoredWithTheirAuthorAndParent) {
  const v1::Household record = MakeHousehold(1, kCommune, kVillage);
  PushOk({MakeMutation("hh-1", "m-1", 0, record)});
  const v1::Household edited = Edited(record, "second visit");
  PushOk({MakeMutation("hh-1", "m-2", 1, edited)});

  store::VersionMeta meta;
  v1::Household stored;
  ReadStoredVersion("hh-1", 2, &meta, &stored);
  EXPECT_TRUE(MessageDifferencer::Equals(stored, edited));
  EXPECT_THAT(meta.conflicts(), SizeIs(0));
  EXPECT_EQ(meta.parent_version(), 1u);
  EXPECT_EQ(meta.device_id(), kDevice);
  EXPECT_EQ(meta.mutation_id(), "m-2");
  EXPECT_GT(meta.committed_at_micros(), 0);
}

}  // namespace
}  // namespace rasoat
