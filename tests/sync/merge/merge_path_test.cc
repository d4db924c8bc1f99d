// ApplyAtPath and ValueAtPath on a household: every kind of path it has, and the errors of paths
// and values that do not fit. A record type with a map, a oneof and a repeated scalar:
// merge_path_dynamic_test.cc; the property resolution rests on: merge_path_property_test.cc.
#include "sync/merge/merge_path.h"

#include <string>
#include <utility>
#include <vector>

#include <gmock/gmock.h>
#include <google/protobuf/util/message_differencer.h>
#include <gtest/gtest.h>

#include "absl/strings/str_cat.h"
#include "rasoat/v1/household.pb.h"
#include "tests/support/households.h"
#include "tests/support/status_matchers.h"
#include "tests/sync/merge/merge_checks.h"

namespace rasoat {
namespace {

using ::google::protobuf::util::MessageDifferencer;
using ::rasoat::testing::At;
using ::rasoat::testing::kAbsent;
using ::rasoat::testing::StatusIs;
using ::testing::AllOf;
using ::testing::HasSubstr;

using Value = ::rasoat::testing::PathValue;

std::vector<std::string> MemberIds(const v1::Household& household) {
  std::vector<std::string> ids;
  for (const v1::Member& member : household.members()) ids.push_back(member.member_id());
  return ids;
}

// Members m1, m2 and m3 at least (MakeHousehold makes 3 to 6), incomes i1 and i2.
v1::Household Record() { return testing::MakeHousehold(7); }

TEST(MergePathTest, SetsAndClearsAScalarWithoutPresence) {
  v1::Household record = Record();
  ASSERT_OK(ApplyAtPath(&record, "head_member_id", true, R"("m2")"));
  EXPECT_EQ(record.head_member_id(), "m2");
  EXPECT_EQ(At(record, "head_member_id"), Value(true, R"("m2")"));

  ASSERT_OK(ApplyAtPath(&record, "surveyed_at_unix", true, "1788000123"));
  EXPECT_EQ(record.surveyed_at_unix(), 1788000123);
  EXPECT_EQ(At(record, "surveyed_at_unix"), Value(true, "1788000123"));

  // No presence: cleared is the default, which is a value.
  ASSERT_OK(ApplyAtPath(&record, "surveyed_at_unix", false, ""));
  EXPECT_EQ(record.surveyed_at_unix(), 0);
  EXPECT_EQ(At(record, "surveyed_at_unix"), Value(true, "0"));
  ASSERT_OK(ApplyAtPath(&record, "head_member_id", false, ""));
  EXPECT_EQ(At(record, "head_member_id"), Value(true, R"("")"));
}

TEST(MergePathTest, OptionalBoolKeepsNotAskedApartFromNo) {
  v1::Household record = Record();
  ASSERT_FALSE(record.has_agricultural_household());
  EXPECT_EQ(At(record, "agricultural_household"), kAbsent);

  ASSERT_OK(ApplyAtPath(&record, "agricultural_household", true, "false"));
  EXPECT_TRUE(record.has_agricultural_household());
  EXPECT_FALSE(record.agricultural_household());
  EXPECT_EQ(At(record, "agricultural_household"), Value(true, "false"));

  ASSERT_OK(ApplyAtPath(&record, "agricultural_household", true, "true"));
  EXPECT_EQ(At(record, "agricultural_household"), Value(true, "true"));

  ASSERT_OK(ApplyAtPath(&record, "agricultural_household", false, ""));
  EXPECT_FALSE(record.has_agricultural_household());
  EXPECT_EQ(At(record, "agricultural_household"), kAbsent);

  // Inside an element.
  ASSERT_OK(ApplyAtPath(&record, "members[m2].has_disability", true, "true"));
  EXPECT_TRUE(record.members(1).has_disability());
  ASSERT_OK(ApplyAtPath(&record, "members[m2].has_disability", false, ""));
  EXPECT_FALSE(record.members(1).has_has_disability());
  EXPECT_EQ(At(record, "members[m2].has_disability"), kAbsent);
}

TEST(MergePathTest, EnumsByName) {
  v1::Household record = Record();
  ASSERT_OK(ApplyAtPath(&record, "members[m2].sex", true, "SEX_FEMALE"));
  EXPECT_EQ(record.members(1).sex(), v1::SEX_FEMALE);
  EXPECT_EQ(At(record, "members[m2].sex"), Value(true, "SEX_FEMALE"));
  ASSERT_OK(ApplyAtPath(&record, "location.area", true, "AREA_URBAN"));
  EXPECT_EQ(record.location().area(), v1::AREA_URBAN);

  // A number from a release ahead survives, as the merge keeps it.
  ASSERT_OK(ApplyAtPath(&record, "members[m2].sex", true, "7"));
  EXPECT_EQ(record.members(1).sex(), 7);
  EXPECT_EQ(At(record, "members[m2].sex"), Value(true, "7"));
}

TEST(MergePathTest, NestedFieldsAndWholeSubMessages) {
  v1::Household record = Record();
  ASSERT_OK(ApplyAtPath(&record, "housing.floor_area_m2", true, "42.5"));
  EXPECT_EQ(record.housing().floor_area_m2(), 42.5);
  EXPECT_EQ(At(record, "housing.floor_area_m2"), Value(true, "42.5"));

  // Replaced wholly: fields the text leaves out are cleared.
  ASSERT_OK(ApplyAtPath(&record, "housing", true, "floor_area_m2: 30 latrine: LATRINE_FLUSH"));
  EXPECT_FALSE(record.housing().has_durable_walls());
  EXPECT_EQ(record.housing().latrine(), v1::LATRINE_FLUSH);
  EXPECT_EQ(At(record, "housing"), Value(true, "floor_area_m2: 30 latrine: LATRINE_FLUSH"));

  ASSERT_OK(ApplyAtPath(&record, "housing", false, ""));
  EXPECT_FALSE(record.has_housing());
  EXPECT_EQ(At(record, "housing"), kAbsent);
  // Below an absent sub-message everything is absent, and clearing there changes nothing.
  EXPECT_EQ(At(record, "housing.floor_area_m2"), kAbsent);
  ASSERT_OK(ApplyAtPath(&record, "housing.floor_area_m2", false, ""));
  EXPECT_FALSE(record.has_housing());
  // Setting there creates it.
  ASSERT_OK(ApplyAtPath(&record, "housing.durable_roof", true, "true"));
  EXPECT_EQ(At(record, "housing"), Value(true, "durable_roof: true"));

  // Present and empty is not absent.
  ASSERT_OK(ApplyAtPath(&record, "information", true, ""));
  EXPECT_TRUE(record.has_information());
  EXPECT_EQ(At(record, "information"), Value(true, ""));
}

TEST(MergePathTest, VietnameseTextInMemberFields) {
  v1::Household record = Record();
  ASSERT_OK(ApplyAtPath(&record, "members[m2].full_name", true, R"("Trần Thị Bình")"));
  EXPECT_EQ(record.members(1).full_name(), "Trần Thị Bình");
  EXPECT_EQ(At(record, "members[m2].full_name"), Value(true, R"("Trần Thị Bình")"));

  // Escaped bytes are accepted too; they read back unescaped.
  ASSERT_OK(ApplyAtPath(&record, "members[m2].full_name", true, R"("Tr\341\272\247n")"));
  EXPECT_EQ(record.members(1).full_name(), "Trần");
  EXPECT_EQ(At(record, "members[m2].full_name"), Value(true, R"("Trần")"));

  ASSERT_OK(ApplyAtPath(&record, "location.address", true, R"("Số 5, \"Bản\" Phố\nthôn 1")"));
  EXPECT_EQ(record.location().address(), "Số 5, \"Bản\" Phố\nthôn 1");
  EXPECT_EQ(At(record, "location.address"), Value(true, R"("Số 5, \"Bản\" Phố\nthôn 1")"));

  EXPECT_THAT(ApplyAtPath(&record, "members[m2].full_name", true, R"("Tr\377n")"),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       AllOf(HasSubstr("members[m2].full_name"), HasSubstr("UTF-8"))));
  EXPECT_EQ(record.members(1).full_name(), "Trần");
}

TEST(MergePathTest, WholeElementsReplacedAddedAndRemoved) {
  v1::Household record = Record();
  const std::vector<std::string> ids = MemberIds(record);

  ASSERT_OK(
      ApplyAtPath(&record, "members[m3]", true, R"(member_id: "m3" full_name: "Đỗ Văn Cường")"));
  EXPECT_EQ(MemberIds(record), ids);  // In place.
  EXPECT_EQ(record.members(2).full_name(), "Đỗ Văn Cường");
  EXPECT_FALSE(record.members(2).has_birth_date());
  EXPECT_EQ(At(record, "members[m3]"), Value(true, R"(member_id: "m3" full_name: "Đỗ Văn Cường")"));

  ASSERT_OK(ApplyAtPath(&record, "members[m9]", true,
                        R"(member_id: "m9" full_name: "Hồ Thị Lan" sex: SEX_FEMALE)"));
  EXPECT_EQ(record.members_size(), static_cast<int>(ids.size()) + 1);
  EXPECT_EQ(record.members().rbegin()->member_id(), "m9");
  EXPECT_EQ(At(record, "members[m9].full_name"), Value(true, R"("Hồ Thị Lan")"));

  ASSERT_OK(ApplyAtPath(&record, "members[m2]", false, ""));
  std::vector<std::string> expected = ids;
  expected.erase(expected.begin() + 1);
  expected.push_back("m9");
  EXPECT_EQ(MemberIds(record), expected);  // The others keep their order.
  EXPECT_EQ(At(record, "members[m2]"), kAbsent);
  EXPECT_EQ(At(record, "members[m2].full_name"), kAbsent);
  // Removing what is gone, or clearing below it, changes nothing.
  ASSERT_OK(ApplyAtPath(&record, "members[m2]", false, ""));
  ASSERT_OK(ApplyAtPath(&record, "members[m2].full_name", false, ""));
  EXPECT_EQ(MemberIds(record), expected);

  ASSERT_OK(
      ApplyAtPath(&record, "incomes[i1]", true,
                  R"(income_id: "i1" source: INCOME_SOURCE_FISHERY annual_amount_vnd: 12000000)"));
  EXPECT_EQ(record.incomes(0).source(), v1::INCOME_SOURCE_FISHERY);
  EXPECT_EQ(At(record, "incomes[i1].annual_amount_vnd"), Value(true, "12000000"));
  ASSERT_OK(ApplyAtPath(&record, "incomes[i1]", false, ""));
  ASSERT_EQ(record.incomes_size(), 1);
  EXPECT_EQ(record.incomes(0).income_id(), "i2");
}

TEST(MergePathTest, FieldsOfAMissingElementAreAbsentAndCannotBeSet) {
  v1::Household record = Record();
  const v1::Household before = record;
  EXPECT_EQ(At(record, "score_answers[q07].answer_code"), kAbsent);
  EXPECT_THAT(ApplyAtPath(&record, "score_answers[q07].answer_code", true, R"("B")"),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       AllOf(HasSubstr("score_answers[q07].answer_code"),
                             HasSubstr("no element q07 in score_answers"))));
  EXPECT_THAT(ApplyAtPath(&record, "members[m9].full_name", true, R"("An")"),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("no element m9 in members")));
  EXPECT_TRUE(MessageDifferencer::Equals(record, before));

  ASSERT_OK(
      ApplyAtPath(&record, "score_answers[q07]", true, R"(question_code: "q07" answer_code: "A")"));
  ASSERT_OK(ApplyAtPath(&record, "score_answers[q07].answer_code", true, R"("B")"));
  EXPECT_EQ(At(record, "score_answers[q07]"),
            Value(true, R"(question_code: "q07" answer_code: "B")"));
}

TEST(MergePathTest, AWholeListWithoutBracketsIsOneValue) {
  v1::Household record = Record();
  ASSERT_OK(ApplyAtPath(&record, "score_answers", true,
                        R"(score_answers { question_code: "q01" answer_code: "A" } )"
                        R"(score_answers { question_code: "q02" })"));
  EXPECT_EQ(At(record, "score_answers"),
            Value(true, R"(score_answers { question_code: "q01" answer_code: "A" } )"
                        R"(score_answers { question_code: "q02" })"));
  EXPECT_THAT(ApplyAtPath(&record, "score_answers", true,
                          R"(score_answers { question_code: "q01" } )"
                          R"(score_answers { question_code: "q01" })"),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("score_answers[q01]")));
  ASSERT_OK(ApplyAtPath(&record, "score_answers", false, ""));
  EXPECT_EQ(At(record, "score_answers"), kAbsent);
}

TEST(MergePathTest, PathsThatDoNotFitTheRecord) {
  const v1::Household before = Record();
  struct Case {
    std::string path;
    std::string message;
  };
  const std::vector<Case> cases = {
      {"nickname", "rasoat.v1.Household has no field nickname"},
      {"members[m2].nickname", "rasoat.v1.Member has no field nickname"},
      {"housing.area", "rasoat.v1.Housing has no field area"},
      {"", "empty"},
      {"members[m2", "malformed"},
      {"members[m2]x", "malformed"},
      {"housing..latrine", "malformed"},
      {".housing", "malformed"},
      {"housing.", "malformed"},
      {"housing latrine", "malformed"},
      {"members[]", "empty id"},
      {"housing[h1].latrine", "housing has no identity"},
      {"head_member_id[1]", "head_member_id has no identity"},
      {"members.full_name", "members is a list"},
      {"head_member_id.x", "head_member_id is not a message"},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.path);
    v1::Household record = before;
    const auto error = StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr(c.message));
    EXPECT_THAT(ApplyAtPath(&record, c.path, true, "1"), error);
    EXPECT_THAT(ApplyAtPath(&record, c.path, false, ""), error);
    EXPECT_THAT(ValueAtPath(record, c.path), error);
    EXPECT_TRUE(MessageDifferencer::Equals(record, before));
    if (!c.path.empty()) {
      EXPECT_THAT(ValueAtPath(record, c.path),
                  StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr(c.path)));
    }
  }
}

TEST(MergePathTest, ValuesThatDoNotParseSayWhatWasExpected) {
  const v1::Household before = Record();
  struct Case {
    std::string path;
    std::string value;
    std::string message;
  };
  const std::vector<Case> cases = {
      {"housing.floor_area_m2", "big", "expected a number"},
      {"agricultural_household", "maybe", "expected true or false"},
      {"surveyed_at_unix", R"("soon")", "expected an integer (int64)"},
      {"surveyed_at_unix", "42 43", "expected an integer"},
      {"surveyed_at_unix", "", "expected an integer"},
      {"members[m2].sex", "SEX_ROBOT", "expected one of SEX_UNSPECIFIED, SEX_MALE, SEX_FEMALE"},
      {"members[m2].full_name", "Trần", "expected a quoted UTF-8 string"},
      {"members[m2].birth_date.year", "1.5", "expected an integer (int32)"},
      {"housing", "roof: true", "expected a rasoat.v1.Housing in text format"},
      {"members[m3]", R"(member_id: "m3" full_name: 3)", "expected a rasoat.v1.Member"},
      {"members[m3]", R"(member_id: "m4")", R"(member_id is "m4", not the path's "m3")"},
      {"members[m9]", R"(full_name: "An")", R"(member_id is "", not the path's "m9")"},
      {"score_answers", R"(head_member_id: "m1")", "not head_member_id"},
      {"score_answers", "", "clear it instead"},
      {"score_answers", R"(score_answers { question_code: "q]1" })", "has '[' or ']'"},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(absl::StrCat(c.path, " = ", c.value));
    v1::Household record = before;
    EXPECT_THAT(ApplyAtPath(&record, c.path, true, c.value),
                StatusIs(absl::StatusCode::kInvalidArgument,
                         AllOf(HasSubstr(c.path), HasSubstr(c.message))));
    EXPECT_TRUE(MessageDifferencer::Equals(record, before));
  }
}

}  // namespace
}  // namespace rasoat
