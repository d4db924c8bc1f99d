// PushService on stale pushes that meet what a household already holds: open conflicts
// collapsing by path and capped per household, a merge outgrowing the record limit, and a merge
// against a head stored with ids the edge now refuses (written with the store's own API, as an
// older server would have), which the review can still show, diff and resolve.
#include <memory>
#include <string>
#include <vector>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "absl/strings/str_cat.h"
#include "google/protobuf/util/message_differencer.h"
#include "rasoat/v1/review.pb.h"
#include "rasoat/v1/sync.pb.h"
#include "sync/store/commit_batch.h"
#include "sync/store/committer.h"
#include "sync/store/store.h"
#include "sync/store/version_value.h"
#include "tests/support/households.h"
#include "tests/support/status_matchers.h"
#include "tests/support/test_principal.h"
#include "tests/sync/push/push_fixture.h"

namespace rasoat {
namespace {

using ::google::protobuf::util::MessageDifferencer;
using ::rasoat::testing::kCommune;
using ::rasoat::testing::kVillage;
using ::rasoat::testing::MakeHousehold;
using ::rasoat::testing::MakeMutation;
using ::rasoat::testing::PushTest;
using ::testing::HasSubstr;
using ::testing::Not;
using ::testing::SizeIs;

constexpr int kFailedPrecondition = static_cast<int>(absl::StatusCode::kFailedPrecondition);

class PushConflictTest : public PushTest {
 protected:
  // Version 1 of hh-1 from tablet-A, then version 2 from tablet-A with `head_edit` applied.
  template <typename Edit>
  v1::Household TwoVersions(Edit head_edit) {
    const v1::Household record = MakeHousehold(1, kCommune, kVillage);
    PushOk({MakeMutation("hh-1", "a-1", 0, record)}, "tablet-A");
    v1::Household head = record;
    head_edit(head);
    PushOk({MakeMutation("hh-1", "a-2", 1, head)}, "tablet-A");
    return record;
  }

  // Replaces the record of hh-1's version 2 with `record`, as a server that did not check ids
  // may have stored it: with the store's own API, the engine closed meanwhile.
  void ReplaceVersion2(const v1::Household& record) {
    engine_.reset();
    {
      ASSERT_OK_AND_ASSIGN(std::unique_ptr<Store> store,
                           Store::Open(StoreOptions{.path = options_.data_dir}));
      ASSERT_OK_AND_ASSIGN(std::unique_ptr<Committer> committer, Committer::Open(store.get()));
      store::VersionMeta meta;
      ASSERT_OK(store->ReadVersion("2026", "hh-1", 2, &meta, nullptr));
      CommitBatch batch(*store);
      batch.PutVersion("2026", "hh-1", 2, EncodeVersionValue(meta, record));
      ASSERT_OK(committer->Commit(committer->locks().LockHousehold("2026", "hh-1"), &batch));
    }
    OpenEngine();
  }
};

TEST_F(PushConflictTest, StalePushesCollidingOnOnePathKeepOneOpenConflictCountingThem) {
  const v1::Household base =
      TwoVersions([](v1::Household& head) { head.set_collaborator_note("A's note"); });
  // Eight tablets edited version 1's note offline.
  for (int i = 0; i < 8; ++i) {
    const std::string device = absl::StrCat("tablet-", i);
    const v1::MutationResult result =
        PushOne(MakeMutation("hh-1", "n-1", 1, Edited(base, absl::StrCat("note ", i))), device);
    ASSERT_EQ(result.outcome(), v1::MUTATION_OUTCOME_CONFLICT) << result.ShortDebugString();
    // The push's own result lists its own collision.
    ASSERT_THAT(result.conflicts(), SizeIs(1));
    EXPECT_EQ(result.conflicts(0).incoming_edit_count(), 1u);
  }

  const v1::HouseholdState state = CurrentState("hh-1");
  EXPECT_EQ(state.version(), 10u);
  EXPECT_EQ(state.status(), v1::REVIEW_STATUS_CONFLICT);
  ASSERT_THAT(state.conflicts(), SizeIs(1));
  const v1::FieldConflict& open = state.conflicts(0);
  EXPECT_EQ(open.path(), "collaborator_note");
  EXPECT_EQ(open.incoming_edit_count(), 8u);
  // The latest incoming edit, and the head's value with who made it.
  EXPECT_EQ(open.incoming_value(), "\"note 7\"");
  EXPECT_EQ(open.incoming_device_id(), "tablet-7");
  EXPECT_EQ(open.merged_version(), 10u);
  EXPECT_EQ(open.head_value(), "\"A\\'s note\"");
  EXPECT_EQ(open.head_device_id(), "tablet-A");
  EXPECT_EQ(open.head_mutation_id(), "a-2");
  EXPECT_EQ(state.record().collaborator_note(), "A's note");

  // Every author stays in the history: each version keeps the conflict its push raised.
  for (uint64_t version = 3; version <= 10; ++version) {
    store::VersionMeta meta;
    ReadStoredVersion("hh-1", version, &meta, nullptr);
    ASSERT_THAT(meta.conflicts(), SizeIs(1));
    EXPECT_EQ(meta.conflicts(0).incoming_device_id(), absl::StrCat("tablet-", version - 3));
    EXPECT_EQ(meta.incoming_record().collaborator_note(), absl::StrCat("note ", version - 3));
  }
}

TEST_F(PushConflictTest, AStalePushOpeningConflictsPastTheCapIsRejectedAndAppliesOnceResolved) {
  options_.push.max_open_conflicts = 2;
  OpenEngine();
  const v1::Household base = TwoVersions([](v1::Household& head) {
    head.set_collaborator_note("A's note");
    head.mutable_housing()->set_floor_area_m2(12);
    head.mutable_location()->set_address("Nhà A");
  });
  v1::Household two_paths = Edited(base, "B's note");
  two_paths.mutable_housing()->set_floor_area_m2(13);
  EXPECT_EQ(PushOne(MakeMutation("hh-1", "b-1", 1, two_paths), "tablet-B").outcome(),
            v1::MUTATION_OUTCOME_CONFLICT);
  // At the cap, a collision on an open path still collapses into it.
  EXPECT_EQ(PushOne(MakeMutation("hh-1", "c-1", 1, Edited(base, "C's note")), "tablet-C").outcome(),
            v1::MUTATION_OUTCOME_CONFLICT);

  // A third path would be over the cap: rejected, and nothing of it written.
  const uint64_t committed = engine_->committed_seq();
  v1::Household address = base;
  address.mutable_location()->set_address("Nhà D");
  const v1::Mutation third = MakeMutation("hh-1", "d-1", 1, address);
  const v1::MutationResult rejected = PushOne(third, "tablet-D");
  EXPECT_EQ(rejected.outcome(), v1::MUTATION_OUTCOME_REJECTED);
  EXPECT_EQ(rejected.rejection().code(), kFailedPrecondition);
  EXPECT_THAT(rejected.rejection().message(), HasSubstr("2 open conflicts"));
  EXPECT_THAT(rejected.rejection().message(), HasSubstr("resolved"));
  EXPECT_EQ(engine_->committed_seq(), committed);
  EXPECT_THAT(CurrentState("hh-1").conflicts(), SizeIs(2));

  // The collaborator resolves on the head; the same mutation, pushed again, now merges.
  v1::Mutation resolution = MakeMutation("hh-1", "a-3", 4, CurrentState("hh-1").record());
  resolution.set_resolves_conflicts(true);
  EXPECT_EQ(PushOne(resolution, "tablet-A").outcome(), v1::MUTATION_OUTCOME_APPLIED);
  const v1::MutationResult again = PushOne(third, "tablet-D");
  EXPECT_EQ(again.outcome(), v1::MUTATION_OUTCOME_CONFLICT) << again.ShortDebugString();
  ASSERT_THAT(CurrentState("hh-1").conflicts(), SizeIs(1));
  EXPECT_EQ(CurrentState("hh-1").conflicts(0).incoming_mutation_id(), "d-1");
}

TEST_F(PushConflictTest, AStalePushWhoseConflictsWouldOutweighTwoRecordsIsRejected) {
  options_.push.max_record_bytes = 6000;  // open conflicts may take 12,000 bytes
  OpenEngine();
  const auto text = [](char c) { return std::string(1500, c); };
  // Version 1 has three long fields; tablet-A's version 2 changes all three.
  v1::Household base = MakeHousehold(1, kCommune, kVillage);
  base.set_collaborator_note(text('0'));
  base.mutable_location()->set_address(text('0'));
  base.mutable_members(0)->set_full_name(text('0'));
  PushOk({MakeMutation("hh-1", "a-1", 0, base)}, "tablet-A");
  v1::Household head = base;
  head.set_collaborator_note(text('a'));
  head.mutable_location()->set_address(text('a'));
  head.mutable_members(0)->set_full_name(text('a'));
  PushOk({MakeMutation("hh-1", "a-2", 1, head)}, "tablet-A");

  // Stale edits of version 1, each at one of the three paths: a conflict holds three values of
  // 1,500 bytes, so two fit and the third does not.
  v1::Household note = base;
  note.set_collaborator_note(text('b'));
  EXPECT_EQ(PushOne(MakeMutation("hh-1", "b-1", 1, note), "tablet-B").outcome(),
            v1::MUTATION_OUTCOME_CONFLICT);
  v1::Household address = base;
  address.mutable_location()->set_address(text('c'));
  EXPECT_EQ(PushOne(MakeMutation("hh-1", "c-1", 1, address), "tablet-C").outcome(),
            v1::MUTATION_OUTCOME_CONFLICT);

  const uint64_t committed = engine_->committed_seq();
  v1::Household name = base;
  name.mutable_members(0)->set_full_name(text('d'));
  const v1::MutationResult rejected = PushOne(MakeMutation("hh-1", "d-1", 1, name), "tablet-D");
  EXPECT_EQ(rejected.outcome(), v1::MUTATION_OUTCOME_REJECTED);
  EXPECT_EQ(rejected.rejection().code(), kFailedPrecondition);
  EXPECT_THAT(rejected.rejection().message(), HasSubstr("the limit is 12000"));
  EXPECT_THAT(rejected.rejection().message(), Not(HasSubstr(text('d'))));
  EXPECT_EQ(engine_->committed_seq(), committed);
  EXPECT_THAT(CurrentState("hh-1").conflicts(), SizeIs(2));

  // A collision at an open path replaces that conflict: no heavier, so it is taken.
  v1::Household again = base;
  again.set_collaborator_note(text('e'));
  EXPECT_EQ(PushOne(MakeMutation("hh-1", "e-1", 1, again), "tablet-E").outcome(),
            v1::MUTATION_OUTCOME_CONFLICT);
  EXPECT_THAT(CurrentState("hh-1").conflicts(), SizeIs(2));
}

TEST_F(PushConflictTest, AMergeOverTheRecordLimitIsRejectedAndTheHouseholdStaysEditable) {
  const v1::Household base = MakeHousehold(1, kCommune, kVillage);
  PushOk({MakeMutation("hh-1", "a-1", 0, base)}, "tablet-A");
  // Each tablet adds a member with a long name: either fits, both do not.
  const size_t room = Options().max_record_bytes - base.ByteSizeLong();
  const auto with_member = [&](const std::string& id) {
    v1::Household record = base;
    v1::Member* member = record.add_members();
    member->set_member_id(id);
    member->set_full_name(std::string(room * 2 / 3, 'x'));
    return record;
  };
  ASSERT_EQ(PushOne(MakeMutation("hh-1", "b-1", 1, with_member("mb")), "tablet-B").outcome(),
            v1::MUTATION_OUTCOME_APPLIED);

  const uint64_t committed = engine_->committed_seq();
  const v1::MutationResult result =
      PushOne(MakeMutation("hh-1", "c-1", 1, with_member("mc")), "tablet-C");
  EXPECT_EQ(result.outcome(), v1::MUTATION_OUTCOME_REJECTED);
  EXPECT_EQ(result.rejection().code(), kFailedPrecondition);
  ASSERT_THAT(result.rejection().field_violations(), SizeIs(1));
  EXPECT_EQ(result.rejection().field_violations(0).field(), "mutations[0].record");
  EXPECT_THAT(result.rejection().message(), HasSubstr("the limit is 4096"));
  EXPECT_EQ(engine_->committed_seq(), committed);

  // The household stays within the limit, so the next edit on its head applies.
  const v1::HouseholdState state = CurrentState("hh-1");
  EXPECT_EQ(state.version(), 2u);
  EXPECT_LE(state.record().ByteSizeLong(), Options().max_record_bytes);
  EXPECT_EQ(PushOne(MakeMutation("hh-1", "c-2", 2, Edited(state.record(), "gộp lại")), "tablet-C")
                .outcome(),
            v1::MUTATION_OUTCOME_APPLIED);
}

TEST_F(PushConflictTest, AStalePushMergesAgainstAStoredHeadWithDuplicateIds) {
  const v1::Household base =
      TwoVersions([](v1::Household& head) { head.set_collaborator_note("head"); });
  // Version 2 as a server that did not check ids may have stored it: m1 twice.
  v1::Household bad_head = Edited(base, "head");
  *bad_head.add_members() = base.members(0);
  ASSERT_NO_FATAL_FAILURE(ReplaceVersion2(bad_head));

  // Another tablet's unrelated edit of version 1 merges; the head's members stay as they are.
  v1::Household floor = base;
  floor.mutable_housing()->set_floor_area_m2(77);
  const v1::MutationResult merged = PushOne(MakeMutation("hh-1", "b-1", 1, floor), "tablet-B");
  ASSERT_EQ(merged.outcome(), v1::MUTATION_OUTCOME_MERGED) << merged.ShortDebugString();
  v1::Household expected = bad_head;
  expected.mutable_housing()->set_floor_area_m2(77);
  EXPECT_TRUE(MessageDifferencer::Equals(merged.merged_record(), expected));

  // An edit of the members themselves collides with the head's list as a whole.
  v1::Household renamed = base;
  renamed.mutable_members(1)->set_full_name("Lò Văn Hải");
  const v1::MutationResult conflict = PushOne(MakeMutation("hh-1", "b-2", 1, renamed), "tablet-B");
  ASSERT_EQ(conflict.outcome(), v1::MUTATION_OUTCOME_CONFLICT) << conflict.ShortDebugString();
  ASSERT_THAT(conflict.conflicts(), SizeIs(1));
  EXPECT_EQ(conflict.conflicts(0).path(), "members");
}

TEST_F(PushConflictTest, AStoredHeadWithPathSyntaxInAnIdCanBeShownDiffedAndResolved) {
  const v1::Household base =
      TwoVersions([](v1::Household& head) { head.set_collaborator_note("head"); });
  // Version 2 as a server that did not check ids may have stored it: a member id holding `]`.
  v1::Household bad_head = Edited(base, "head");
  bad_head.mutable_members(0)->set_member_id("m1].full_name[");
  ASSERT_NO_FATAL_FAILURE(ReplaceVersion2(bad_head));

  // A stale rename of a member collides with the head's list as a whole.
  v1::Household renamed = base;
  renamed.mutable_members(1)->set_full_name("Lò Văn Hải");
  const v1::MutationResult conflict = PushOne(MakeMutation("hh-1", "b-1", 1, renamed), "tablet-B");
  ASSERT_EQ(conflict.outcome(), v1::MUTATION_OUTCOME_CONFLICT) << conflict.ShortDebugString();
  ASSERT_THAT(conflict.conflicts(), SizeIs(1));
  EXPECT_EQ(conflict.conflicts(0).path(), "members");

  // The reviewer can see it, diff it and resolve it.
  v1::GetHouseholdRequest get;
  get.mutable_key()->set_round_id("2026");
  get.mutable_key()->set_household_id("hh-1");
  v1::GetHouseholdResponse shown;
  ASSERT_OK(engine_->review().GetHousehold(TestAdmin(), get, &shown));
  v1::DiffVersionsRequest diff;
  *diff.mutable_key() = get.key();
  diff.set_from_version(1);
  diff.set_to_version(2);
  v1::DiffVersionsResponse changes;
  ASSERT_OK(engine_->review().DiffVersions(TestAdmin(), diff, &changes));
  EXPECT_THAT(changes.ShortDebugString(), HasSubstr("path: \"members\""));
  v1::ResolveConflictRequest resolve;
  *resolve.mutable_key() = get.key();
  resolve.set_version(conflict.head_version());
  resolve.set_reviewer("Cán bộ xã");
  v1::Resolution* incoming = resolve.add_resolutions();
  incoming->set_path("members");
  incoming->set_choice(v1::Resolution::CHOICE_INCOMING);
  v1::ResolveConflictResponse resolved;
  ASSERT_OK(engine_->review().ResolveConflict(TestAdmin(), resolve, &resolved));
  EXPECT_THAT(resolved.open_conflicts(), SizeIs(0));
  const v1::HouseholdState state = CurrentState("hh-1");
  ASSERT_THAT(state.record().members(), SizeIs(renamed.members_size()));
  EXPECT_EQ(state.record().members(0).member_id(), "m1");
  EXPECT_EQ(state.record().members(1).full_name(), "Lò Văn Hải");
}

}  // namespace
}  // namespace rasoat
