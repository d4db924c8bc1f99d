// ThreeWayMerge on a record from one release ahead (merge_test_extra.proto, test-only), whose
// new fields merge with no new code: repeated fields without identity, a map, a oneof, an
// optional scalar, and an identity-keyed list inside an element.
#include <string>
#include <vector>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "rasoat/v1/household.pb.h"
#include "sync/merge/merge.h"
#include "tests/support/status_matchers.h"
#include "tests/sync/merge/merge_checks.h"
#include "tests/sync/merge/merge_test_extra.pb.h"

namespace rasoat {
namespace {

using ::rasoat::testing::ConflictPaths;
using ::rasoat::testing::EqualsProto;
using ::rasoat::testing::MemberById;
using ::rasoat::testing::Merge;
using ::rasoat::testing::Merged;
using ::rasoat::testing::NotesOf;
using ::testing::ElementsAre;
using ::testing::IsEmpty;
using ::testing::Pair;
using ::testing::UnorderedElementsAre;

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

  // A member taken whole from one side is taken as it is, even with a list inside that could
  // not be merged element by element (ids are checked where records enter, not here).
  mergetest::MemberNext* whole = incoming.add_members();
  whole->set_member_id("m9");
  whole->add_incomes()->set_income_id("i1");
  whole->add_incomes()->set_income_id("i1");
  ASSERT_OK_AND_ASSIGN(const Merged<mergetest::HouseholdNext> with_whole,
                       Merge(base, head, incoming));
  EXPECT_THAT(with_whole.result.conflicts, IsEmpty());
  ASSERT_EQ(with_whole.record.members_size(), 2);
  EXPECT_THAT(with_whole.record.members(1), EqualsProto(*whole));
}

}  // namespace
}  // namespace rasoat
