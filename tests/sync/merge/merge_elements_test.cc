// ThreeWayMerge on the identity-keyed lists of a household: elements named by their ids in
// conflict paths, added, removed and edited on either side or both, in what order, and lists
// whose ids are empty, repeated or unnameable.
#include <string>
#include <vector>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "rasoat/v1/household.pb.h"
#include "sync/merge/merge.h"
#include "sync/merge/merge_path.h"
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
using ::testing::AllOf;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::Pair;
using ::testing::UnorderedElementsAre;

// Members m1, m2 and m3 at least (MakeHousehold makes 3 to 6).
v1::Household Base() { return testing::MakeHousehold(7); }

TEST(MergeTest, ConflictPathsNameElementsByTheirIds) {
  v1::Household base = Base();
  v1::ScoreAnswer* answer = base.add_score_answers();
  answer->set_question_code("q07");
  answer->set_answer_code("a1");
  v1::Household head = base;
  v1::Household incoming = base;
  head.mutable_score_answers(0)->set_answer_code("a2");
  incoming.mutable_score_answers(0)->set_answer_code("a3");
  head.mutable_incomes(1)->set_annual_amount_vnd(12'000'000);
  incoming.mutable_incomes(1)->set_annual_amount_vnd(13'000'000);

  ASSERT_OK_AND_ASSIGN(const Merged<v1::Household> merged, Merge(base, head, incoming));
  EXPECT_THAT(ConflictPaths(merged.result),
              ElementsAre("incomes[i2].annual_amount_vnd", "score_answers[q07].answer_code"));
  EXPECT_EQ(merged.result.conflicts[0].incoming_value, "13000000");
}

TEST(MergeTest, MemberAddedOnOneSideAndAnotherEditedOnTheOtherMerge) {
  const v1::Household base = Base();
  v1::Household head = base;
  v1::Household incoming = base;
  v1::Member* added = head.add_members();
  added->set_member_id("m9");
  added->set_full_name("Lê Văn Mới");
  MemberById(&incoming, "m3")->set_education(v1::EDUCATION_VOCATIONAL);

  ASSERT_OK_AND_ASSIGN(const Merged<v1::Household> merged, Merge(base, head, incoming));
  EXPECT_THAT(merged.result.conflicts, IsEmpty());
  v1::Household expected = head;
  MemberById(&expected, "m3")->set_education(v1::EDUCATION_VOCATIONAL);
  EXPECT_THAT(merged.record, EqualsProto(expected));
  EXPECT_THAT(NotesOf(merged.result),
              UnorderedElementsAre(Pair("members[m9]", MergeSource::kHead),
                                   Pair("members[m3].education", MergeSource::kIncoming)));
}

TEST(MergeTest, AddedElementsFollowTheHeadsInIncomingOrder) {
  const v1::Household base = Base();
  v1::Household head = base;
  v1::Household incoming = base;
  head.add_members()->set_member_id("h1");
  incoming.add_members()->set_member_id("t2");
  incoming.add_members()->set_member_id("t1");

  ASSERT_OK_AND_ASSIGN(const Merged<v1::Household> merged, Merge(base, head, incoming));
  EXPECT_THAT(merged.result.conflicts, IsEmpty());
  std::vector<std::string> ids;
  for (const v1::Member& member : merged.record.members()) ids.push_back(member.member_id());
  std::vector<std::string> expected;
  for (const v1::Member& member : base.members()) expected.push_back(member.member_id());
  expected.insert(expected.end(), {"h1", "t2", "t1"});
  EXPECT_EQ(ids, expected);
}

TEST(MergeTest, MemberRemovedOnOneSideAndUnchangedOnTheOtherIsRemoved) {
  const v1::Household base = Base();
  v1::Household head = base;
  v1::Household incoming = base;
  RemoveMember(&incoming, "m3");
  MemberById(&head, "m1")->set_full_name("Phạm Văn Sửa");

  ASSERT_OK_AND_ASSIGN(const Merged<v1::Household> merged, Merge(base, head, incoming));
  EXPECT_THAT(merged.result.conflicts, IsEmpty());
  v1::Household expected = head;
  RemoveMember(&expected, "m3");
  EXPECT_THAT(merged.record, EqualsProto(expected));
  EXPECT_THAT(NotesOf(merged.result),
              UnorderedElementsAre(Pair("members[m1].full_name", MergeSource::kHead),
                                   Pair("members[m3]", MergeSource::kIncoming)));
}

TEST(MergeTest, MemberRemovedOnHeadAndEditedOnIncomingConflictsAndStaysRemoved) {
  const v1::Household base = Base();
  v1::Household head = base;
  v1::Household incoming = base;
  RemoveMember(&head, "m2");
  MemberById(&incoming, "m2")->set_full_name("Đỗ Thị Sửa");

  ASSERT_OK_AND_ASSIGN(const Merged<v1::Household> merged, Merge(base, head, incoming));
  ASSERT_THAT(ConflictPaths(merged.result), ElementsAre("members[m2]"));
  const MergeConflict& conflict = merged.result.conflicts[0];
  EXPECT_TRUE(conflict.base_present);
  EXPECT_FALSE(conflict.head_present);
  EXPECT_TRUE(conflict.incoming_present);
  EXPECT_EQ(conflict.head_value, "");
  EXPECT_THAT(conflict.incoming_value,
              AllOf(HasSubstr("member_id: \"m2\""), HasSubstr("full_name: \"Đỗ Thị Sửa\"")));
  EXPECT_THAT(merged.record, EqualsProto(head));
}

TEST(MergeTest, MemberEditedOnHeadAndRemovedOnIncomingConflictsAndKeepsTheHeads) {
  const v1::Household base = Base();
  v1::Household head = base;
  v1::Household incoming = base;
  MemberById(&head, "m2")->set_full_name("Đỗ Thị Sửa");
  RemoveMember(&incoming, "m2");

  ASSERT_OK_AND_ASSIGN(const Merged<v1::Household> merged, Merge(base, head, incoming));
  ASSERT_THAT(ConflictPaths(merged.result), ElementsAre("members[m2]"));
  EXPECT_TRUE(merged.result.conflicts[0].head_present);
  EXPECT_FALSE(merged.result.conflicts[0].incoming_present);
  EXPECT_THAT(merged.record, EqualsProto(head));
}

TEST(MergeTest, MemberAddedOnBothSidesWithOneIdMergesFieldByField) {
  const v1::Household base = Base();
  v1::Household head = base;
  v1::Member* on_head = head.add_members();
  on_head->set_member_id("m9");
  on_head->set_full_name("Vũ Văn Mới");
  v1::Household incoming = head;
  on_head->set_sex(v1::SEX_MALE);
  v1::Member* on_incoming = MemberById(&incoming, "m9");
  on_incoming->set_sex(v1::SEX_FEMALE);
  on_incoming->set_education(v1::EDUCATION_PRIMARY);

  ASSERT_OK_AND_ASSIGN(const Merged<v1::Household> merged, Merge(base, head, incoming));
  ASSERT_THAT(ConflictPaths(merged.result), ElementsAre("members[m9].sex"));
  EXPECT_FALSE(merged.result.conflicts[0].base_present);
  EXPECT_EQ(merged.result.conflicts[0].head_value, "SEX_MALE");
  EXPECT_EQ(merged.result.conflicts[0].incoming_value, "SEX_FEMALE");
  v1::Household expected = head;
  MemberById(&expected, "m9")->set_education(v1::EDUCATION_PRIMARY);
  EXPECT_THAT(merged.record, EqualsProto(expected));

  // Added the same on both: one member, no conflict.
  ASSERT_OK_AND_ASSIGN(const Merged<v1::Household> same, Merge(base, head, head));
  EXPECT_THAT(same.result.conflicts, IsEmpty());
  EXPECT_THAT(same.record, EqualsProto(head));
}

// A record stored before ids were checked at the edge may have a list whose elements cannot be
// named: the list merges as one value, and every other path merges as usual.
TEST(MergeTest, AListWithDuplicateIdsOnTheHeadMergesAsOneValue) {
  const v1::Household base = Base();
  v1::Household head = base;
  *head.add_members() = base.members(0);  // m1 twice

  // Incoming left the members alone: the head's list stays, incoming's other edit merges.
  v1::Household incoming = base;
  incoming.set_collaborator_note("Đã xác minh");
  ASSERT_OK_AND_ASSIGN(const Merged<v1::Household> note, Merge(base, head, incoming));
  EXPECT_THAT(note.result.conflicts, IsEmpty());
  v1::Household expected = head;
  expected.set_collaborator_note("Đã xác minh");
  EXPECT_THAT(note.record, EqualsProto(expected));
  EXPECT_THAT(NotesOf(note.result),
              UnorderedElementsAre(Pair("members", MergeSource::kHead),
                                   Pair("collaborator_note", MergeSource::kIncoming)));

  // Incoming edited a member too: one conflict on the whole list, the head's list kept.
  incoming.mutable_members(1)->set_full_name("Lò Văn Hải");
  ASSERT_OK_AND_ASSIGN(const Merged<v1::Household> both, Merge(base, head, incoming));
  EXPECT_THAT(ConflictPaths(both.result), ElementsAre("members"));
  EXPECT_TRUE(both.result.conflicts[0].head_present);
  EXPECT_THAT(both.result.conflicts[0].incoming_value, HasSubstr("Lò Văn Hải"));
  EXPECT_THAT(both.record, EqualsProto(expected));
}

TEST(MergeTest, ListsWithEmptyOrUnnameableIdsOnAnySideMergeAsOneValue) {
  const v1::Household base = Base();
  v1::Household empty_id = base;
  empty_id.add_members()->set_full_name("Không mã");
  v1::Household bracket_id = base;
  bracket_id.mutable_incomes(0)->set_income_id("i]1");

  // Only the bad side changed the list: its list is taken whole.
  ASSERT_OK_AND_ASSIGN(const Merged<v1::Household> incoming_added, Merge(base, base, empty_id));
  EXPECT_THAT(incoming_added.record, EqualsProto(empty_id));
  EXPECT_THAT(NotesOf(incoming_added.result), ElementsAre(Pair("members", MergeSource::kIncoming)));
  ASSERT_OK_AND_ASSIGN(const Merged<v1::Household> head_renamed, Merge(base, bracket_id, base));
  EXPECT_THAT(head_renamed.record, EqualsProto(bracket_id));
  EXPECT_THAT(NotesOf(head_renamed.result), ElementsAre(Pair("incomes", MergeSource::kHead)));

  // A bad base: whoever changed the list wins it, as for any one value.
  v1::Household edited = empty_id;
  edited.set_collaborator_note("ghi chú");
  ASSERT_OK_AND_ASSIGN(const Merged<v1::Household> from_bad_base, Merge(empty_id, edited, base));
  EXPECT_THAT(ConflictPaths(from_bad_base.result), IsEmpty());
  v1::Household expected = base;
  expected.set_collaborator_note("ghi chú");
  EXPECT_THAT(from_bad_base.record, EqualsProto(expected));
}

// Found by tests/fuzz/merge_fuzz (corpus/merge_fuzz/crash-unknown-field-unresolvable): a
// conflicting member carrying a field of a newer household.proto showed as "99: 5", and the
// resolution's parser refused that text, so the conflict could not be settled with that side.
TEST(MergeTest, AConflictOnAnElementWithUnknownFieldsShowsAndResolvesWithWhatIsKnown) {
  const v1::Household base = Base();
  v1::Household head = base;
  head.mutable_members()->RemoveLast();  // the head removed the member incoming edited
  v1::Household incoming = base;
  v1::Member* edited = incoming.mutable_members(base.members_size() - 1);
  edited->set_full_name("Lò Văn Hoà");
  edited->GetReflection()->MutableUnknownFields(edited)->AddVarint(99, 5);
  ASSERT_OK_AND_ASSIGN(const Merged<v1::Household> merged, Merge(base, head, incoming));
  ASSERT_THAT(merged.result.conflicts, ::testing::SizeIs(1));
  const std::string& shown = merged.result.conflicts[0].incoming_value;
  EXPECT_THAT(shown, HasSubstr("Lò Văn Hoà"));
  EXPECT_THAT(shown, ::testing::Not(HasSubstr("99")));

  v1::Household resolved = merged.record;
  ASSERT_OK(ApplyAtPath(&resolved, merged.result.conflicts[0].path, true, shown));
  EXPECT_EQ(resolved.members(resolved.members_size() - 1).full_name(), "Lò Văn Hoà");
}

}  // namespace
}  // namespace rasoat
