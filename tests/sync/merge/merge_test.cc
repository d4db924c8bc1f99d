// ThreeWayMerge on hand-built edits of a household: the rules of merge.h for fields and
// sub-messages (disjoint and equal edits, conflicts and the values a reviewer sees, presence,
// notes, a missing base) and the errors. Lists of elements: merge_elements_test.cc; a record
// from one release ahead: merge_next_release_test.cc.
#include "sync/merge/merge.h"

#include <string>
#include <vector>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "rasoat/v1/household.pb.h"
#include "tests/support/households.h"
#include "tests/support/status_matchers.h"
#include "tests/sync/merge/merge_checks.h"

namespace rasoat {
namespace {

using ::rasoat::testing::ConflictPaths;
using ::rasoat::testing::EqualsProto;
using ::rasoat::testing::MemberById;
using ::rasoat::testing::Merge;
using ::rasoat::testing::Merged;
using ::rasoat::testing::NotesOf;
using ::rasoat::testing::RemoveMember;
using ::rasoat::testing::StatusIs;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::Pair;
using ::testing::UnorderedElementsAre;

// Members m1, m2 and m3 at least (MakeHousehold makes 3 to 6).
v1::Household Base() { return testing::MakeHousehold(7); }

TEST(MergeTest, DisjointFieldEditsMerge) {
  const v1::Household base = Base();
  v1::Household head = base;
  v1::Household incoming = base;
  head.mutable_location()->set_address("Số 12, thôn Bản Phố");
  incoming.set_collaborator_note("Hộ vắng nhà lần 1");

  ASSERT_OK_AND_ASSIGN(const Merged<v1::Household> merged, Merge(base, head, incoming));
  EXPECT_THAT(merged.result.conflicts, IsEmpty());
  v1::Household expected = head;
  expected.set_collaborator_note("Hộ vắng nhà lần 1");
  EXPECT_THAT(merged.record, EqualsProto(expected));
  EXPECT_THAT(NotesOf(merged.result),
              UnorderedElementsAre(Pair("location.address", MergeSource::kHead),
                                   Pair("collaborator_note", MergeSource::kIncoming)));
}

TEST(MergeTest, SameEditOnBothSidesMergesWithoutConflict) {
  const v1::Household base = Base();
  v1::Household head = base;
  head.mutable_housing()->set_floor_area_m2(55.5);
  MemberById(&head, "m2")->set_education(v1::EDUCATION_TERTIARY);
  const v1::Household incoming = head;

  ASSERT_OK_AND_ASSIGN(const Merged<v1::Household> merged, Merge(base, head, incoming));
  EXPECT_THAT(merged.result.conflicts, IsEmpty());
  EXPECT_THAT(merged.record, EqualsProto(head));
  EXPECT_THAT(NotesOf(merged.result),
              UnorderedElementsAre(Pair("members[m2].education", MergeSource::kBoth),
                                   Pair("housing.floor_area_m2", MergeSource::kBoth)));
}

TEST(MergeTest, DifferentEditsConflictWithPathAndValuesAndKeepTheHead) {
  v1::Household base = Base();
  MemberById(&base, "m2")->set_full_name("Trần Thị Bình");
  v1::Household head = base;
  v1::Household incoming = base;
  MemberById(&head, "m2")->set_full_name("Trần Thị Bình An");
  MemberById(&incoming, "m2")->set_full_name("Trần Thị Bính");

  ASSERT_OK_AND_ASSIGN(const Merged<v1::Household> merged, Merge(base, head, incoming));
  ASSERT_EQ(merged.result.conflicts.size(), 1u);
  const MergeConflict& conflict = merged.result.conflicts[0];
  EXPECT_EQ(conflict.path, "members[m2].full_name");
  EXPECT_TRUE(conflict.base_present && conflict.head_present && conflict.incoming_present);
  // UTF-8 as written, not octal escapes: a reviewer reads these.
  EXPECT_EQ(conflict.base_value, "\"Trần Thị Bình\"");
  EXPECT_EQ(conflict.head_value, "\"Trần Thị Bình An\"");
  EXPECT_EQ(conflict.incoming_value, "\"Trần Thị Bính\"");
  EXPECT_THAT(merged.record, EqualsProto(head));
  EXPECT_THAT(NotesOf(merged.result),
              ElementsAre(Pair("members[m2].full_name", MergeSource::kHead)));
}

TEST(MergeTest, NestedMessageFieldsMergeFieldByField) {
  const v1::Household base = Base();
  v1::Household head = base;
  v1::Household incoming = base;
  head.mutable_housing()->set_floor_area_m2(64);
  incoming.mutable_housing()->set_latrine(v1::LATRINE_FLUSH);
  incoming.mutable_housing()->set_waste_handling(v1::WASTE_HANDLING_COLLECTED);

  ASSERT_OK_AND_ASSIGN(const Merged<v1::Household> merged, Merge(base, head, incoming));
  EXPECT_THAT(merged.result.conflicts, IsEmpty());
  EXPECT_EQ(merged.record.housing().floor_area_m2(), 64);
  EXPECT_EQ(merged.record.housing().latrine(), v1::LATRINE_FLUSH);
  EXPECT_EQ(merged.record.housing().waste_handling(), v1::WASTE_HANDLING_COLLECTED);
  EXPECT_THAT(NotesOf(merged.result),
              UnorderedElementsAre(Pair("housing.floor_area_m2", MergeSource::kHead),
                                   Pair("housing.latrine", MergeSource::kIncoming),
                                   Pair("housing.waste_handling", MergeSource::kIncoming)));
}

TEST(MergeTest, SubMessagePresenceIsAChange) {
  v1::Household base = Base();
  base.clear_housing();
  v1::Household incoming = base;
  incoming.mutable_housing()->set_floor_area_m2(30);

  // Set on one side only: taken whole.
  ASSERT_OK_AND_ASSIGN(const Merged<v1::Household> added, Merge(base, base, incoming));
  EXPECT_THAT(added.result.conflicts, IsEmpty());
  EXPECT_THAT(added.record, EqualsProto(incoming));
  EXPECT_THAT(NotesOf(added.result), ElementsAre(Pair("housing", MergeSource::kIncoming)));

  // Even set empty: present is not absent.
  v1::Household empty_housing = base;
  empty_housing.mutable_housing();
  ASSERT_OK_AND_ASSIGN(const Merged<v1::Household> empty, Merge(base, empty_housing, base));
  EXPECT_TRUE(empty.record.has_housing());

  // Cleared on head, changed on incoming: a conflict on the whole message; head's state stays.
  v1::Household head = incoming;
  head.clear_housing();
  v1::Household changed = incoming;
  changed.mutable_housing()->set_floor_area_m2(31);
  ASSERT_OK_AND_ASSIGN(const Merged<v1::Household> cleared, Merge(incoming, head, changed));
  ASSERT_THAT(ConflictPaths(cleared.result), ElementsAre("housing"));
  EXPECT_EQ(cleared.result.conflicts[0].base_value, "floor_area_m2: 30");
  EXPECT_EQ(cleared.result.conflicts[0].incoming_value, "floor_area_m2: 31");
  EXPECT_FALSE(cleared.record.has_housing());

  // Cleared on head, untouched on incoming: cleared.
  ASSERT_OK_AND_ASSIGN(const Merged<v1::Household> gone, Merge(incoming, head, incoming));
  EXPECT_THAT(gone.result.conflicts, IsEmpty());
  EXPECT_FALSE(gone.record.has_housing());
}

TEST(MergeTest, OptionalBoolPresenceCounts) {
  v1::Household base = Base();
  MemberById(&base, "m1")->clear_has_disability();

  // Unset → false is an edit, not a no-op.
  v1::Household head = base;
  MemberById(&head, "m1")->set_has_disability(false);
  ASSERT_OK_AND_ASSIGN(const Merged<v1::Household> set_false, Merge(base, head, base));
  EXPECT_THAT(set_false.result.conflicts, IsEmpty());
  ASSERT_EQ(set_false.record.members(0).member_id(), "m1");
  EXPECT_TRUE(set_false.record.members(0).has_has_disability());
  EXPECT_THAT(NotesOf(set_false.result),
              ElementsAre(Pair("members[m1].has_disability", MergeSource::kHead)));

  // Unset → false against unset → true: a conflict, base absent.
  v1::Household incoming = base;
  MemberById(&incoming, "m1")->set_has_disability(true);
  ASSERT_OK_AND_ASSIGN(const Merged<v1::Household> both, Merge(base, head, incoming));
  ASSERT_THAT(ConflictPaths(both.result), ElementsAre("members[m1].has_disability"));
  EXPECT_FALSE(both.result.conflicts[0].base_present);
  EXPECT_EQ(both.result.conflicts[0].base_value, "");
  EXPECT_EQ(both.result.conflicts[0].head_value, "false");
  EXPECT_EQ(both.result.conflicts[0].incoming_value, "true");

  // true → unset against true → false: a conflict, head absent, and it stays unset.
  v1::Household yes = base;
  yes.set_agricultural_household(true);
  v1::Household unset = yes;
  unset.clear_agricultural_household();
  v1::Household no = yes;
  no.set_agricultural_household(false);
  ASSERT_OK_AND_ASSIGN(const Merged<v1::Household> cleared, Merge(yes, unset, no));
  ASSERT_THAT(ConflictPaths(cleared.result), ElementsAre("agricultural_household"));
  EXPECT_FALSE(cleared.result.conflicts[0].head_present);
  EXPECT_FALSE(cleared.record.has_agricultural_household());
}

TEST(MergeTest, NotesSayWhereEachChangedPathCameFrom) {
  const v1::Household base = Base();
  v1::Household head = base;
  v1::Household incoming = base;
  head.mutable_housing()->set_floor_area_m2(42);
  head.add_members()->set_member_id("m9");
  incoming.mutable_location()->set_area(v1::AREA_URBAN);
  incoming.mutable_incomes()->RemoveLast();
  head.set_collaborator_note("đã kiểm tra");
  incoming.set_collaborator_note("đã kiểm tra");
  RemoveMember(&head, "m3");
  RemoveMember(&incoming, "m3");

  ASSERT_OK_AND_ASSIGN(const Merged<v1::Household> merged, Merge(base, head, incoming));
  EXPECT_THAT(merged.result.conflicts, IsEmpty());
  EXPECT_THAT(NotesOf(merged.result),
              UnorderedElementsAre(Pair("location.area", MergeSource::kIncoming),
                                   Pair("members[m9]", MergeSource::kHead),
                                   Pair("members[m3]", MergeSource::kBoth),
                                   Pair("incomes[i2]", MergeSource::kIncoming),
                                   Pair("housing.floor_area_m2", MergeSource::kHead),
                                   Pair("collaborator_note", MergeSource::kBoth)));
}

TEST(MergeTest, MissingBaseMergesAgainstEmpty) {
  const v1::Household empty;
  const v1::Household head = Base();
  v1::Household incoming = head;

  ASSERT_OK_AND_ASSIGN(const Merged<v1::Household> same, Merge(empty, head, incoming));
  EXPECT_THAT(same.result.conflicts, IsEmpty());
  EXPECT_THAT(same.record, EqualsProto(head));

  incoming.mutable_location()->set_address("Số 9, thôn 1");
  ASSERT_OK_AND_ASSIGN(const Merged<v1::Household> differ, Merge(empty, head, incoming));
  ASSERT_THAT(ConflictPaths(differ.result), ElementsAre("location.address"));
  EXPECT_FALSE(differ.result.conflicts[0].base_present);
  EXPECT_EQ(differ.result.conflicts[0].incoming_value, "\"Số 9, thôn 1\"");
}

TEST(MergeTest, DifferentMessageTypesAreInvalidArgument) {
  const v1::Household household = Base();
  const v1::Member member = household.members(0);
  v1::Household merged;
  EXPECT_THAT(ThreeWayMerge(household, household, member, &merged),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("rasoat.v1.Member")));
  v1::Member merged_member;
  EXPECT_THAT(ThreeWayMerge(household, household, household, &merged_member),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("different message types")));
}

}  // namespace
}  // namespace rasoat
