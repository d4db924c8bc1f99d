// ValidateHousehold against a table of records: a valid household of four, changed in one way
// per case, each rule failing and passing, at its boundaries (ages exactly 3, 6, 15, 16 and 120
// at the interview, 29 February, the income and floor-area limits to the đồng and the m²).
// Then the order of the issues, their messages, the paths of elements without a unique id, and
// national ID numbers never quoted, over the shared test households.
#include "sync/rules/household_validator.h"

#include <cmath>
#include <cstdint>
#include <functional>
#include <limits>
#include <ostream>
#include <string>
#include <utility>
#include <vector>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "rasoat/v1/household.pb.h"
#include "rasoat/v1/validation.pb.h"
#include "tests/support/households.h"

namespace rasoat {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::Not;

// (path, code): what the tests assert; messages are for people.
using Found = std::pair<std::string, std::string>;

v1::Date Day(int year, int month, int day) {
  v1::Date date;
  date.set_year(year);
  date.set_month(month);
  date.set_day(day);
  return date;
}

v1::Date Interview() { return Day(2026, 10, 3); }

std::vector<Found> Validate(const v1::Household& household) {
  std::vector<Found> found;
  for (const v1::ValidationIssue& issue : rules::ValidateHousehold(household, Interview())) {
    found.emplace_back(issue.path(), issue.code());
  }
  return found;
}

v1::Member* AddMember(v1::Household& household, const std::string& id, const std::string& name,
                      const v1::Date& birth, v1::Sex sex, v1::Relationship relationship) {
  v1::Member* member = household.add_members();
  member->set_member_id(id);
  member->set_full_name(name);
  *member->mutable_birth_date() = birth;
  member->set_sex(sex);
  member->set_relationship(relationship);
  member->set_ethnicity_code("01");
  member->set_has_health_insurance(true);
  return member;
}

// Every answer valid at Interview(): head m1 (46), spouse m2 (44), child m3 (10) at school,
// child m4 (2) not at school; two income lines; a 60 m² dwelling.
v1::Household ValidHousehold() {
  v1::Household household;
  v1::Location* location = household.mutable_location();
  location->set_province_code("27");
  location->set_commune_code("07120");
  location->set_village_code("thon-dong");
  location->set_area(v1::AREA_RURAL);

  household.set_head_member_id("m1");
  v1::Member* m1 = AddMember(household, "m1", "Nguyễn Văn An", Day(1980, 5, 10), v1::SEX_MALE,
                             v1::RELATIONSHIP_HEAD);
  m1->set_national_id("001080012345");
  m1->set_employment(v1::EMPLOYMENT_WAGED_WITH_CONTRACT);
  m1->set_education(v1::EDUCATION_UPPER_SECONDARY);
  v1::Member* m2 = AddMember(household, "m2", "Trần Thị Bình", Day(1982, 7, 20), v1::SEX_FEMALE,
                             v1::RELATIONSHIP_SPOUSE);
  m2->set_national_id("001182012346");
  m2->set_employment(v1::EMPLOYMENT_SELF_EMPLOYED);
  m2->set_education(v1::EDUCATION_LOWER_SECONDARY);
  v1::Member* m3 = AddMember(household, "m3", "Nguyễn Minh Đức", Day(2016, 3, 15), v1::SEX_MALE,
                             v1::RELATIONSHIP_CHILD);
  m3->set_employment(v1::EMPLOYMENT_NOT_IN_LABOUR_FORCE);
  m3->set_education(v1::EDUCATION_PRIMARY);
  m3->set_school_attendance(v1::SCHOOL_ATTENDANCE_AT_AGE_LEVEL);
  m3->set_nutrition(v1::NUTRITION_NORMAL);
  v1::Member* m4 = AddMember(household, "m4", "Nguyễn Thị Hoa", Day(2024, 1, 2), v1::SEX_FEMALE,
                             v1::RELATIONSHIP_CHILD);
  m4->set_school_attendance(v1::SCHOOL_ATTENDANCE_NOT_ATTENDING);
  m4->set_nutrition(v1::NUTRITION_NORMAL);

  v1::IncomeItem* wages = household.add_incomes();
  wages->set_income_id("i1");
  wages->set_source(v1::INCOME_SOURCE_WAGES);
  wages->set_member_id("m1");
  wages->set_annual_amount_vnd(60'000'000);
  v1::IncomeItem* crops = household.add_incomes();
  crops->set_income_id("i2");
  crops->set_source(v1::INCOME_SOURCE_CROPS);
  crops->set_annual_amount_vnd(24'000'000);

  v1::Housing* housing = household.mutable_housing();
  housing->set_floor_area_m2(60);
  housing->set_water_source(v1::WATER_SOURCE_PIPED);
  housing->set_latrine(v1::LATRINE_FLUSH);
  housing->set_waste_handling(v1::WASTE_HANDLING_COLLECTED);
  household.set_surveyed_at_unix(1'790'000'000);
  return household;
}

// Members and income lines by 1-based position, as the paths count them.
v1::Member& M(v1::Household& household, int position) {
  return *household.mutable_members(position - 1);
}
v1::IncomeItem& I(v1::Household& household, int position) {
  return *household.mutable_incomes(position - 1);
}
void Born(v1::Member& member, int year, int month, int day) {
  *member.mutable_birth_date() = Day(year, month, day);
}

struct Case {
  std::string name;
  std::function<void(v1::Household&)> change;
  std::vector<Found> expected;
};

std::vector<Case> Cases() {
  using H = v1::Household;
  return {
      {"Valid", [](H&) {}, {}},

      // Location.
      {"ProvinceMissing",
       [](H& h) { h.mutable_location()->clear_province_code(); },
       {{"location.province_code", "REQUIRED"}}},
      {"ProvinceOneDigit",
       [](H& h) { h.mutable_location()->set_province_code("1"); },
       {{"location.province_code", "BAD_FORMAT"}}},
      {"ProvinceWithLetter",
       [](H& h) { h.mutable_location()->set_province_code("2A"); },
       {{"location.province_code", "BAD_FORMAT"}}},
      {"ProvinceOtherTwoDigits", [](H& h) { h.mutable_location()->set_province_code("01"); }, {}},
      {"CommuneMissing",
       [](H& h) { h.mutable_location()->clear_commune_code(); },
       {{"location.commune_code", "REQUIRED"}}},
      {"CommuneFourDigits",
       [](H& h) { h.mutable_location()->set_commune_code("7120"); },
       {{"location.commune_code", "BAD_FORMAT"}}},
      {"CommuneSixDigits",
       [](H& h) { h.mutable_location()->set_commune_code("071200"); },
       {{"location.commune_code", "BAD_FORMAT"}}},
      {"CommuneOtherFiveDigits", [](H& h) { h.mutable_location()->set_commune_code("26881"); }, {}},
      {"VillageMissing",
       [](H& h) { h.mutable_location()->clear_village_code(); },
       {{"location.village_code", "REQUIRED"}}},
      {"VillageBlank",
       [](H& h) { h.mutable_location()->set_village_code(" \t"); },
       {{"location.village_code", "REQUIRED"}}},
      {"AreaUnspecified",
       [](H& h) { h.mutable_location()->set_area(v1::AREA_UNSPECIFIED); },
       {{"location.area", "REQUIRED"}}},
      {"AreaUndefinedNumber",
       [](H& h) { h.mutable_location()->set_area(static_cast<v1::Area>(3)); },
       {{"location.area", "UNKNOWN_CODE"}}},
      {"AreaUrban", [](H& h) { h.mutable_location()->set_area(v1::AREA_URBAN); }, {}},

      // Head.
      {"HeadMissing", [](H& h) { h.clear_head_member_id(); }, {{"head_member_id", "REQUIRED"}}},
      {"HeadNotAMember",
       [](H& h) { h.set_head_member_id("m9"); },
       {{"head_member_id", "HEAD_NOT_A_MEMBER"}}},
      {"HeadRelationshipNotHead",
       [](H& h) { M(h, 1).set_relationship(v1::RELATIONSHIP_SPOUSE); },
       {{"members[m1].relationship", "HEAD_RELATIONSHIP"}}},
      {"HeadIsAnotherMember",
       [](H& h) { h.set_head_member_id("m2"); },
       {{"members[m1].relationship", "SECOND_HEAD"},
        {"members[m2].relationship", "HEAD_RELATIONSHIP"}}},
      {"HeadMovedWithRelationships",
       [](H& h) {
         h.set_head_member_id("m2");
         M(h, 1).set_relationship(v1::RELATIONSHIP_SPOUSE);
         M(h, 2).set_relationship(v1::RELATIONSHIP_HEAD);
       },
       {}},
      {"SecondHead",
       [](H& h) { M(h, 3).set_relationship(v1::RELATIONSHIP_HEAD); },
       {{"members[m3].relationship", "SECOND_HEAD"}}},
      {"TwoHeadsNoneChosen",
       [](H& h) {
         h.clear_head_member_id();
         M(h, 2).set_relationship(v1::RELATIONSHIP_HEAD);
       },
       {{"head_member_id", "REQUIRED"}, {"members[m2].relationship", "SECOND_HEAD"}}},
      {"HeadAged14",
       [](H& h) {
         Born(M(h, 1), 2011, 10, 4);
         M(h, 1).set_employment(v1::EMPLOYMENT_NOT_IN_LABOUR_FORCE);
         M(h, 1).set_school_attendance(v1::SCHOOL_ATTENDANCE_AT_AGE_LEVEL);
       },
       {{"head_member_id", "HEAD_TOO_YOUNG"}}},
      {"HeadAged15",
       [](H& h) {
         Born(M(h, 1), 2011, 10, 3);
         M(h, 1).set_employment(v1::EMPLOYMENT_NOT_IN_LABOUR_FORCE);
         M(h, 1).set_school_attendance(v1::SCHOOL_ATTENDANCE_AT_AGE_LEVEL);
       },
       {}},

      // Members: ids, names, national IDs.
      {"NoMembers",
       [](H& h) { h.clear_members(); },
       {{"head_member_id", "HEAD_NOT_A_MEMBER"},
        {"members", "REQUIRED"},
        {"incomes[i1].member_id", "UNKNOWN_MEMBER"}}},
      {"MemberIdMissing",
       [](H& h) { M(h, 2).clear_member_id(); },
       {{"members[#2].member_id", "REQUIRED"}}},
      {"MemberIdDuplicate",
       [](H& h) { M(h, 3).set_member_id("m2"); },
       {{"members[#3].member_id", "DUPLICATE_ID"}}},
      {"DuplicateIsNamedByPosition",
       [](H& h) {
         M(h, 3).set_member_id("m2");
         M(h, 3).clear_sex();
       },
       {{"members[#3].member_id", "DUPLICATE_ID"}, {"members[#3].sex", "REQUIRED"}}},
      {"FullNameMissing",
       [](H& h) { M(h, 2).clear_full_name(); },
       {{"members[m2].full_name", "REQUIRED"}}},
      {"FullNameBlank",
       [](H& h) { M(h, 2).set_full_name("   "); },
       {{"members[m2].full_name", "REQUIRED"}}},
      {"NationalIdElevenDigits",
       [](H& h) { M(h, 1).set_national_id("00108001234"); },
       {{"members[m1].national_id", "BAD_FORMAT"}}},
      {"NationalIdThirteenDigits",
       [](H& h) { M(h, 1).set_national_id("0010800123456"); },
       {{"members[m1].national_id", "BAD_FORMAT"}}},
      {"NationalIdWithLetter",
       [](H& h) { M(h, 1).set_national_id("00108001234X"); },
       {{"members[m1].national_id", "BAD_FORMAT"}}},
      {"NationalIdAbsent", [](H& h) { M(h, 1).clear_national_id(); }, {}},

      // Birth dates and age limits.
      {"BirthDateMissing",
       [](H& h) { M(h, 2).clear_birth_date(); },
       {{"members[m2].birth_date", "REQUIRED"}}},
      {"BirthDate31February",
       [](H& h) { Born(M(h, 2), 1982, 2, 31); },
       {{"members[m2].birth_date", "BAD_DATE"}}},
      // A self-employed member born in 2023 would be too young to work, but the date is not
      // real, so no age is guessed.
      {"BirthDate29FebruaryNonLeap",
       [](H& h) { Born(M(h, 2), 2023, 2, 29); },
       {{"members[m2].birth_date", "BAD_DATE"}}},
      {"BirthDate29February1900",
       [](H& h) { Born(M(h, 2), 1900, 2, 29); },
       {{"members[m2].birth_date", "BAD_DATE"}}},
      {"BirthDateMonth13",
       [](H& h) { Born(M(h, 2), 1982, 13, 1); },
       {{"members[m2].birth_date", "BAD_DATE"}}},
      {"BirthDateDay0",
       [](H& h) { Born(M(h, 2), 1982, 7, 0); },
       {{"members[m2].birth_date", "BAD_DATE"}}},
      {"BirthDateYearOnly",
       [](H& h) { Born(M(h, 2), 1982, 0, 0); },
       {{"members[m2].birth_date", "BAD_DATE"}}},
      {"BirthDate29FebruaryLeap", [](H& h) { Born(M(h, 1), 2000, 2, 29); }, {}},
      {"BornAfterInterview",
       [](H& h) { Born(M(h, 4), 2026, 10, 4); },
       {{"members[m4].birth_date", "IN_FUTURE"}}},
      {"BornOnInterviewDay", [](H& h) { Born(M(h, 4), 2026, 10, 3); }, {}},
      {"Aged121",
       [](H& h) { Born(M(h, 2), 1905, 10, 3); },
       {{"members[m2].birth_date", "OUT_OF_RANGE"}}},
      {"Aged120", [](H& h) { Born(M(h, 2), 1905, 10, 4); }, {}},

      // Codes.
      {"SexMissing", [](H& h) { M(h, 2).clear_sex(); }, {{"members[m2].sex", "REQUIRED"}}},
      {"SexUndefined",
       [](H& h) { M(h, 2).set_sex(static_cast<v1::Sex>(3)); },
       {{"members[m2].sex", "UNKNOWN_CODE"}}},
      {"RelationshipUndefined",
       [](H& h) { M(h, 3).set_relationship(static_cast<v1::Relationship>(9)); },
       {{"members[m3].relationship", "UNKNOWN_CODE"}}},
      {"EthnicityOver54",
       [](H& h) { M(h, 2).set_ethnicity_code("55"); },
       {{"members[m2].ethnicity_code", "UNKNOWN_CODE"}}},
      {"Ethnicity00",
       [](H& h) { M(h, 2).set_ethnicity_code("00"); },
       {{"members[m2].ethnicity_code", "UNKNOWN_CODE"}}},
      {"EthnicityOneDigit",
       [](H& h) { M(h, 2).set_ethnicity_code("1"); },
       {{"members[m2].ethnicity_code", "UNKNOWN_CODE"}}},
      {"Ethnicity54", [](H& h) { M(h, 2).set_ethnicity_code("54"); }, {}},
      {"EthnicityAbsent", [](H& h) { M(h, 2).clear_ethnicity_code(); }, {}},
      {"EmploymentUndefined",
       [](H& h) { M(h, 2).set_employment(static_cast<v1::Employment>(6)); },
       {{"members[m2].employment", "UNKNOWN_CODE"}}},
      {"EducationUndefined",
       [](H& h) { M(h, 2).set_education(static_cast<v1::Education>(7)); },
       {{"members[m2].education", "UNKNOWN_CODE"}}},
      {"SchoolAttendanceUndefined",
       [](H& h) { M(h, 3).set_school_attendance(static_cast<v1::SchoolAttendance>(4)); },
       {{"members[m3].school_attendance", "UNKNOWN_CODE"}}},
      {"NutritionUndefined",
       [](H& h) { M(h, 3).set_nutrition(static_cast<v1::Nutrition>(4)); },
       {{"members[m3].nutrition", "UNKNOWN_CODE"}}},

      // Ages against school, work and nutrition.
      {"AttendingAtAgeLevelAged2",
       [](H& h) { M(h, 4).set_school_attendance(v1::SCHOOL_ATTENDANCE_AT_AGE_LEVEL); },
       {{"members[m4].school_attendance", "SCHOOL_TOO_YOUNG"}}},
      {"AttendingBelowAgeLevelAged2",
       [](H& h) { M(h, 4).set_school_attendance(v1::SCHOOL_ATTENDANCE_BELOW_AGE_LEVEL); },
       {{"members[m4].school_attendance", "SCHOOL_TOO_YOUNG"}}},
      {"AttendingAged3",
       [](H& h) {
         Born(M(h, 4), 2023, 10, 3);
         M(h, 4).set_school_attendance(v1::SCHOOL_ATTENDANCE_AT_AGE_LEVEL);
       },
       {}},
      {"AttendanceMissingAged10",
       [](H& h) { M(h, 3).clear_school_attendance(); },
       {{"members[m3].school_attendance", "REQUIRED"}}},
      {"AttendanceMissingAged6",
       [](H& h) {
         Born(M(h, 3), 2020, 10, 3);
         M(h, 3).clear_school_attendance();
       },
       {{"members[m3].school_attendance", "REQUIRED"}}},
      {"AttendanceMissingAged5",
       [](H& h) {
         Born(M(h, 3), 2020, 10, 4);
         M(h, 3).clear_school_attendance();
       },
       {}},
      {"AttendanceMissingAged15",
       [](H& h) {
         Born(M(h, 3), 2010, 10, 4);
         M(h, 3).clear_school_attendance();
       },
       {{"members[m3].school_attendance", "REQUIRED"}}},
      {"AttendanceMissingAged16",
       [](H& h) {
         Born(M(h, 3), 2010, 10, 3);
         M(h, 3).clear_school_attendance();
         M(h, 3).clear_nutrition();
       },
       {}},
      {"WagedWithoutContractAged14",
       [](H& h) {
         Born(M(h, 3), 2011, 10, 4);
         M(h, 3).set_employment(v1::EMPLOYMENT_WAGED_WITHOUT_CONTRACT);
       },
       {{"members[m3].employment", "EMPLOYMENT_TOO_YOUNG"}}},
      {"WagedWithContractAged10",
       [](H& h) { M(h, 3).set_employment(v1::EMPLOYMENT_WAGED_WITH_CONTRACT); },
       {{"members[m3].employment", "EMPLOYMENT_TOO_YOUNG"}}},
      {"SelfEmployedAged10",
       [](H& h) { M(h, 3).set_employment(v1::EMPLOYMENT_SELF_EMPLOYED); },
       {{"members[m3].employment", "EMPLOYMENT_TOO_YOUNG"}}},
      {"UnemployedAged10", [](H& h) { M(h, 3).set_employment(v1::EMPLOYMENT_UNEMPLOYED); }, {}},
      {"SelfEmployedAged15",
       [](H& h) {
         Born(M(h, 3), 2011, 10, 3);
         M(h, 3).set_employment(v1::EMPLOYMENT_SELF_EMPLOYED);
       },
       {}},
      {"NutritionForAnAdult",
       [](H& h) { M(h, 1).set_nutrition(v1::NUTRITION_NORMAL); },
       {{"members[m1].nutrition", "NUTRITION_NOT_A_CHILD"}}},
      {"NutritionAged16",
       [](H& h) {
         Born(M(h, 3), 2010, 10, 3);
         M(h, 3).set_nutrition(v1::NUTRITION_STUNTED);
       },
       {{"members[m3].nutrition", "NUTRITION_NOT_A_CHILD"}}},
      {"NutritionAged15",
       [](H& h) {
         Born(M(h, 3), 2010, 10, 4);
         M(h, 3).set_nutrition(v1::NUTRITION_STUNTED);
       },
       {}},

      // Incomes.
      {"IncomeIdMissing",
       [](H& h) { I(h, 2).clear_income_id(); },
       {{"incomes[#2].income_id", "REQUIRED"}}},
      {"IncomeIdDuplicate",
       [](H& h) { I(h, 2).set_income_id("i1"); },
       {{"incomes[#2].income_id", "DUPLICATE_ID"}}},
      {"IncomeSourceMissing",
       [](H& h) { I(h, 2).clear_source(); },
       {{"incomes[i2].source", "REQUIRED"}}},
      {"IncomeSourceUndefined",
       [](H& h) { I(h, 2).set_source(static_cast<v1::IncomeSource>(12)); },
       {{"incomes[i2].source", "UNKNOWN_CODE"}}},
      {"IncomeNegative",
       [](H& h) { I(h, 2).set_annual_amount_vnd(-1); },
       {{"incomes[i2].annual_amount_vnd", "OUT_OF_RANGE"}}},
      {"IncomeZero", [](H& h) { I(h, 2).set_annual_amount_vnd(0); }, {}},
      {"EarnerNotAMember",
       [](H& h) { I(h, 1).set_member_id("m9"); },
       {{"incomes[i1].member_id", "UNKNOWN_MEMBER"}}},
      {"EarnerAnotherMember", [](H& h) { I(h, 1).set_member_id("m2"); }, {}},
      // 500,000,000 per person per month for 4 members: 24,000,000,000 a year in all.
      {"IncomeAtTheLimit",
       [](H& h) { I(h, 1).set_annual_amount_vnd(24'000'000'000 - 24'000'000); },
       {}},
      {"IncomeOneDongOverTheLimit",
       [](H& h) { I(h, 1).set_annual_amount_vnd(24'000'000'000 - 24'000'000 + 1); },
       {{"incomes", "IMPLAUSIBLE"}}},
      {"IncomeTotalOverflows",
       [](H& h) { I(h, 1).set_annual_amount_vnd(std::numeric_limits<int64_t>::max()); },
       {{"incomes", "IMPLAUSIBLE"}}},

      // Housing and the interview time.
      {"FloorAreaNegative",
       [](H& h) { h.mutable_housing()->set_floor_area_m2(-1); },
       {{"housing.floor_area_m2", "OUT_OF_RANGE"}}},
      {"FloorAreaNaN",
       [](H& h) { h.mutable_housing()->set_floor_area_m2(std::nan("")); },
       {{"housing.floor_area_m2", "OUT_OF_RANGE"}}},
      {"FloorAreaInfinite",
       [](H& h) {
         h.mutable_housing()->set_floor_area_m2(std::numeric_limits<double>::infinity());
       },
       {{"housing.floor_area_m2", "OUT_OF_RANGE"}}},
      {"FloorAreaUnanswered", [](H& h) { h.mutable_housing()->clear_floor_area_m2(); }, {}},
      {"FloorAreaAtTheLimit", [](H& h) { h.mutable_housing()->set_floor_area_m2(2000); }, {}},
      {"FloorAreaOverTheLimit",
       [](H& h) { h.mutable_housing()->set_floor_area_m2(2000.5); },
       {{"housing.floor_area_m2", "IMPLAUSIBLE"}}},
      {"WaterSourceUndefined",
       [](H& h) { h.mutable_housing()->set_water_source(static_cast<v1::WaterSource>(7)); },
       {{"housing.water_source", "UNKNOWN_CODE"}}},
      {"LatrineUndefined",
       [](H& h) { h.mutable_housing()->set_latrine(static_cast<v1::Latrine>(5)); },
       {{"housing.latrine", "UNKNOWN_CODE"}}},
      {"WasteHandlingUndefined",
       [](H& h) { h.mutable_housing()->set_waste_handling(static_cast<v1::WasteHandling>(4)); },
       {{"housing.waste_handling", "UNKNOWN_CODE"}}},
      {"HousingUnanswered", [](H& h) { h.clear_housing(); }, {}},
      {"SurveyedBefore1970",
       [](H& h) { h.set_surveyed_at_unix(-1); },
       {{"surveyed_at_unix", "OUT_OF_RANGE"}}},
      {"SurveyedAtUnset", [](H& h) { h.clear_surveyed_at_unix(); }, {}},
  };
}

// Failures name the case, not its bytes.
void PrintTo(const Case& c, std::ostream* os) { *os << c.name; }

class HouseholdValidatorTest : public ::testing::TestWithParam<Case> {};

TEST_P(HouseholdValidatorTest, FindsExactlyTheExpectedIssues) {
  const Case& c = GetParam();
  v1::Household household = ValidHousehold();
  c.change(household);
  EXPECT_EQ(Validate(household), c.expected);
}

INSTANTIATE_TEST_SUITE_P(Rules, HouseholdValidatorTest, ::testing::ValuesIn(Cases()),
                         [](const ::testing::TestParamInfo<Case>& info) {
                           return info.param.name;
                         });

TEST(HouseholdValidatorOrderTest, IssuesComeInRecordOrder) {
  v1::Household household = ValidHousehold();
  household.mutable_housing()->set_floor_area_m2(-5);
  household.set_surveyed_at_unix(-1);
  I(household, 2).set_annual_amount_vnd(-5'000'000);
  I(household, 1).set_member_id("m9");
  M(household, 4).set_school_attendance(v1::SCHOOL_ATTENDANCE_AT_AGE_LEVEL);
  M(household, 4).clear_member_id();
  M(household, 2).set_nutrition(v1::NUTRITION_NORMAL);
  M(household, 2).clear_sex();
  M(household, 2).clear_full_name();
  M(household, 1).set_relationship(v1::RELATIONSHIP_CHILD);
  household.set_head_member_id("m9");
  household.mutable_location()->clear_area();
  household.mutable_location()->set_province_code("2A");
  EXPECT_THAT(
      Validate(household),
      ElementsAre(Found{"location.province_code", "BAD_FORMAT"}, Found{"location.area", "REQUIRED"},
                  Found{"head_member_id", "HEAD_NOT_A_MEMBER"},
                  Found{"members[m2].full_name", "REQUIRED"}, Found{"members[m2].sex", "REQUIRED"},
                  Found{"members[m2].nutrition", "NUTRITION_NOT_A_CHILD"},
                  Found{"members[#4].member_id", "REQUIRED"},
                  Found{"members[#4].school_attendance", "SCHOOL_TOO_YOUNG"},
                  Found{"incomes[i1].member_id", "UNKNOWN_MEMBER"},
                  Found{"incomes[i2].annual_amount_vnd", "OUT_OF_RANGE"},
                  Found{"housing.floor_area_m2", "OUT_OF_RANGE"},
                  Found{"surveyed_at_unix", "OUT_OF_RANGE"}));
}

std::string MessageAt(const v1::Household& household, const std::string& path) {
  for (const v1::ValidationIssue& issue : rules::ValidateHousehold(household, Interview())) {
    if (issue.path() == path) return issue.message();
  }
  return "(no issue at " + path + ")";
}

TEST(HouseholdValidatorMessageTest, MessagesQuoteTheOffendingValue) {
  v1::Household household = ValidHousehold();
  household.mutable_location()->set_commune_code("7120");
  Born(M(household, 4), 2031, 2, 1);
  I(household, 2).set_annual_amount_vnd(-5'000'000);
  I(household, 1).set_annual_amount_vnd(60'000'000'000);
  household.mutable_housing()->set_floor_area_m2(6000);
  EXPECT_THAT(MessageAt(household, "location.commune_code"), HasSubstr("\"7120\""));
  EXPECT_THAT(MessageAt(household, "members[m4].birth_date"),
              HasSubstr("birth date 2031-02-01 is after the interview (2026-10-03)"));
  EXPECT_THAT(MessageAt(household, "incomes[i2].annual_amount_vnd"), HasSubstr("-5,000,000"));
  EXPECT_THAT(MessageAt(household, "incomes"), HasSubstr("1,250,000,000"));
  EXPECT_THAT(MessageAt(household, "housing.floor_area_m2"), HasSubstr("1500.0 m² per person"));
}

// Corrupts every national ID of the shared test households in one of several ways: each is
// reported on its own member, and no message quotes a national ID or a name.
TEST(HouseholdValidatorMessageTest, NeverQuotesNationalIdsOrNames) {
  const std::vector<std::function<std::string(const std::string&)>> corruptions = {
      [](const std::string& id) { return id.substr(0, 11); },
      [](const std::string& id) { return id + "7"; },
      [](const std::string& id) { return id.substr(0, 11) + "X"; },
      [](const std::string& id) { return id.substr(0, 4) + " " + id.substr(4); },
  };
  for (uint64_t seed = 0; seed < 200; ++seed) {
    v1::Household household = testing::MakeHousehold(seed);
    std::vector<std::string> secrets;
    for (v1::Member& member : *household.mutable_members()) {
      member.set_national_id(corruptions[seed % corruptions.size()](member.national_id()));
      secrets.push_back(member.national_id());
      secrets.push_back(member.full_name());
    }
    int bad_ids = 0;
    for (const v1::ValidationIssue& issue : rules::ValidateHousehold(household, Interview())) {
      SCOPED_TRACE(absl::StrCat("seed ", seed, ", ", issue.path(), " ", issue.code()));
      if (absl::EndsWith(issue.path(), ".national_id")) {
        EXPECT_EQ(issue.code(), "BAD_FORMAT");
        ++bad_ids;
      }
      EXPECT_FALSE(issue.message().empty());
      EXPECT_FALSE(issue.code().empty());
      EXPECT_EQ(issue.code(), absl::AsciiStrToUpper(issue.code()));
      for (const std::string& secret : secrets) {
        EXPECT_THAT(issue.message(), Not(HasSubstr(secret)));
      }
    }
    EXPECT_EQ(bad_ids, household.members_size()) << "seed " << seed;
  }
}

TEST(HouseholdValidatorMessageTest, EmptyRecordReportsWhatIsRequired) {
  EXPECT_THAT(
      Validate(v1::Household()),
      ElementsAre(Found{"location.province_code", "REQUIRED"},
                  Found{"location.commune_code", "REQUIRED"},
                  Found{"location.village_code", "REQUIRED"}, Found{"location.area", "REQUIRED"},
                  Found{"head_member_id", "REQUIRED"}, Found{"members", "REQUIRED"}));
  EXPECT_THAT(Validate(ValidHousehold()), IsEmpty());
}

// The other tests' households (tests/support) are valid, so a status other than
// READY_FOR_REVIEW in those tests means what they say, not bad test data.
TEST(HouseholdValidatorTestData, MakeHouseholdRecordsAreValid) {
  for (uint64_t seed = 0; seed < 500; ++seed) {
    const v1::Household household = testing::MakeHousehold(seed);
    // The day of the earliest surveyed_at_unix MakeHousehold gives.
    EXPECT_THAT(rules::ValidateHousehold(household, Day(2026, 8, 29)), IsEmpty())
        << "seed " << seed;
  }
}

}  // namespace
}  // namespace rasoat
