// ThreeWayMerge on hand-built edits of a household: each rule of merge.h, the paths and values
// a reviewer sees, and a record from one release ahead whose new fields merge with no new code.
#include "sync/merge/merge.h"

#include <string>
#include <utility>
#include <vector>

#include <gmock/gmock.h>
#include <google/protobuf/util/message_differencer.h>
#include <gtest/gtest.h>

#include "rasoat/v1/household.pb.h"
#include "tests/support/households.h"
#include "tests/support/status_matchers.h"
#include "tests/sync/merge/merge_test_extra.pb.h"

namespace rasoat {
namespace {

using ::google::protobuf::util::MessageDifferencer;
using ::rasoat::testing::StatusIs;
using ::testing::AllOf;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::Pair;
using ::testing::UnorderedElementsAre;

template <typename Record>
struct Merged {
  Record record;
  MergeResult result;
};

template <typename Record>
absl::StatusOr<Merged<Record>> Merge(const Record& base, const Record& head,
                                     const Record& incoming) {
  Merged<Record> merged;
  absl::StatusOr<MergeResult> result = ThreeWayMerge(base, head, incoming, &merged.record);
  if (!result.ok()) return result.status();
  merged.result = *std::move(result);
  return merged;
}

std::vector<std::pair<std::string, MergeSource>> NotesOf(const MergeResult& result) {
  std::vector<std::pair<std::string, MergeSource>> notes;
  for (const MergeNote& note : result.notes) notes.emplace_back(note.path, note.source);
  return notes;
}

std::vector<std::string> ConflictPaths(const MergeResult& result) {
  std::vector<std::string> paths;
  for (const MergeConflict& conflict : result.conflicts) paths.push_back(conflict.path);
  return paths;
}

// Members m1, m2 and m3 at least (MakeHousehold makes 3 to 6).
v1::Household Base() { return testing::MakeHousehold(7); }

template <typename Record>
auto* MemberById(Record* record, const std::string& id) {
  for (auto& member : *record->mutable_members()) {
    if (member.member_id() == id) return &member;
  }
  ADD_FAILURE() << "no member " << id;
  return record->add_members();
}

template <typename Record>
void RemoveMember(Record* record, const std::string& id) {
  auto* members = record->mutable_members();
  for (auto it = members->begin(); it != members->end(); ++it) {
    if (it->member_id() == id) {
      members->erase(it);
      return;
    }
  }
  ADD_FAILURE() << "no member " << id;
}

MATCHER_P(EqualsProto, expected, "") {
  std::string differences;
  MessageDifferencer differencer;
  differencer.ReportDifferencesToString(&differences);
  if (differencer.Compare(arg, expected)) return true;
  *result_listener << differences;
  return false;
}

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

TEST(MergeTest, RepeatedScalarsAndListsWithoutIdentityAreOneValue) {
  mergetest::HouseholdNext base;
  mergetest::MemberNext* member = base.add_members();
  member->set_member_id("m1");
  member->add_nicknames("Tí");
  mergetest::HouseholdNext head = base;
  mergetest::HouseholdNext incoming = base;
  MemberById(&head, "m1")->add_nicknames("Tèo");
  MemberById(&incoming, "m1")->add_nicknames("Bé");

  // Both appended: not a union but two different lists.
  ASSERT_OK_AND_ASSIGN(const Merged<mergetest::HouseholdNext> lists, Merge(base, head, incoming));
  ASSERT_THAT(ConflictPaths(lists.result), ElementsAre("members[m1].nicknames"));
  EXPECT_EQ(lists.result.conflicts[0].head_value, "nicknames: \"Tí\" nicknames: \"Tèo\"");
  EXPECT_EQ(lists.result.conflicts[0].incoming_value, "nicknames: \"Tí\" nicknames: \"Bé\"");
  EXPECT_THAT(lists.record, EqualsProto(head));

  // One side's list replaces base's whole.
  mergetest::HouseholdNext replaced = base;
  MemberById(&replaced, "m1")->clear_nicknames();
  MemberById(&replaced, "m1")->add_nicknames("Bé");
  ASSERT_OK_AND_ASSIGN(const Merged<mergetest::HouseholdNext> one, Merge(base, base, replaced));
  EXPECT_THAT(one.result.conflicts, IsEmpty());
  EXPECT_THAT(one.record, EqualsProto(replaced));

  // Repeated messages without identity: one value too.
  mergetest::HouseholdNext head_dates = base;
  head_dates.add_visit_dates()->set_day(1);
  mergetest::HouseholdNext incoming_dates = base;
  incoming_dates.add_visit_dates()->set_day(2);
  ASSERT_OK_AND_ASSIGN(const Merged<mergetest::HouseholdNext> dates,
                       Merge(base, head_dates, incoming_dates));
  EXPECT_THAT(ConflictPaths(dates.result), ElementsAre("visit_dates"));
}

TEST(MergeTest, FieldsTheMergeCodeHasNeverSeenMerge) {
  mergetest::HouseholdNext base;
  base.set_head_member_id("m1");
  base.add_members()->set_member_id("m1");
  base.add_members()->set_member_id("m2");
  mergetest::Plot* plot = base.add_plots();
  plot->set_plot_id("p1");
  plot->set_crop("lúa");
  (*base.mutable_tags())["c"] = "0";

  mergetest::HouseholdNext head = base;
  mergetest::HouseholdNext incoming = base;
  MemberById(&head, "m1")->set_phone_number("0912345678");
  head.mutable_plots(0)->set_area_m2(1200);
  (*head.mutable_tags())["a"] = "1";
  (*head.mutable_tags())["c"] = "head";
  head.set_phone("0987654321");
  incoming.set_livestock_count(0);  // optional: 0 is an answer
  incoming.mutable_plots(0)->set_crop("ngô");
  mergetest::Plot* added = incoming.add_plots();
  added->set_plot_id("p2");
  added->set_crop("sắn");
  (*incoming.mutable_tags())["b"] = "2";
  (*incoming.mutable_tags())["c"] = "incoming";
  incoming.set_email("ho@example.vn");
  MemberById(&incoming, "m2")->set_phone_number("0900000000");

  ASSERT_OK_AND_ASSIGN(const Merged<mergetest::HouseholdNext> merged, Merge(base, head, incoming));
  EXPECT_THAT(ConflictPaths(merged.result), UnorderedElementsAre("tags[c].value", "contact"));
  for (const MergeConflict& conflict : merged.result.conflicts) {
    if (conflict.path != "contact") continue;
    EXPECT_FALSE(conflict.base_present);
    EXPECT_EQ(conflict.head_value, "phone: \"0987654321\"");
    EXPECT_EQ(conflict.incoming_value, "email: \"ho@example.vn\"");
  }

  mergetest::HouseholdNext expected = head;
  expected.set_livestock_count(0);
  expected.mutable_plots(0)->set_crop("ngô");
  *expected.add_plots() = *added;
  (*expected.mutable_tags())["b"] = "2";
  MemberById(&expected, "m2")->set_phone_number("0900000000");
  EXPECT_THAT(merged.record, EqualsProto(expected));
  EXPECT_TRUE(merged.record.has_livestock_count());

  // One side switching the oneof: taken.
  ASSERT_OK_AND_ASSIGN(const Merged<mergetest::HouseholdNext> oneof, Merge(head, head, incoming));
  EXPECT_EQ(oneof.record.email(), "ho@example.vn");
  EXPECT_FALSE(oneof.record.has_phone());
}

TEST(MergeTest, IdentityListsInsideElementsMergeAndAreChecked) {
  mergetest::HouseholdNext base;
  mergetest::MemberNext* member = base.add_members();
  member->set_member_id("m1");
  member->add_incomes()->set_income_id("i1");
  mergetest::HouseholdNext head = base;
  mergetest::HouseholdNext incoming = base;
  head.mutable_members(0)->mutable_incomes(0)->set_note("lương tháng");
  v1::IncomeItem* added = incoming.mutable_members(0)->add_incomes();
  added->set_income_id("i2");
  added->set_annual_amount_vnd(3'000'000);

  ASSERT_OK_AND_ASSIGN(const Merged<mergetest::HouseholdNext> merged, Merge(base, head, incoming));
  EXPECT_THAT(merged.result.conflicts, IsEmpty());
  mergetest::HouseholdNext expected = head;
  *expected.mutable_members(0)->add_incomes() = *added;
  EXPECT_THAT(merged.record, EqualsProto(expected));
  EXPECT_THAT(NotesOf(merged.result),
              UnorderedElementsAre(Pair("members[m1].incomes[i1].note", MergeSource::kHead),
                                   Pair("members[m1].incomes[i2]", MergeSource::kIncoming)));

  // In a member taken whole from one side, the merge does not walk the list but checks it.
  mergetest::MemberNext* whole = incoming.add_members();
  whole->set_member_id("m9");
  whole->add_incomes()->set_income_id("i1");
  whole->add_incomes()->set_income_id("i1");
  mergetest::HouseholdNext out;
  EXPECT_THAT(ThreeWayMerge(base, head, incoming, &out),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       AllOf(HasSubstr("incoming"), HasSubstr("members[m9].incomes[i1]"))));
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

TEST(MergeTest, DuplicateOrEmptyIdsAreInvalidArgument) {
  const v1::Household base = Base();
  v1::Household duplicate = base;
  *duplicate.add_members() = base.members(0);
  v1::Household empty_id = base;
  empty_id.add_members()->set_full_name("Không mã");
  v1::Household merged;

  EXPECT_THAT(ThreeWayMerge(base, duplicate, base, &merged),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       AllOf(HasSubstr("head"), HasSubstr("members[m1]"))));
  EXPECT_THAT(ThreeWayMerge(duplicate, base, base, &merged),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("base")));
  EXPECT_THAT(
      ThreeWayMerge(base, base, empty_id, &merged),
      StatusIs(absl::StatusCode::kInvalidArgument,
               AllOf(HasSubstr("incoming"), HasSubstr("members"), HasSubstr("empty member_id"))));
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
