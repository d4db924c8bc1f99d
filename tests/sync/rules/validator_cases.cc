#include "tests/sync/rules/validator_cases.h"

#include <cmath>
#include <cstdint>
#include <limits>
#include <ostream>
#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"
#include "rasoat/v1/household.pb.h"
#include "tests/sync/rules/validator_households.h"

namespace rasoat::testing {
namespace {

// Adds `count` more children like m3 (aged 10, at school), ids c1, c2, ...
void AddChildren(v1::Household& household, int count) {
  for (int i = 1; i <= count; ++i) {
    v1::Member child = M(household, 3);
    child.set_member_id(absl::StrCat("c", i));
    *household.add_members() = std::move(child);
  }
}

}  // namespace

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

      // The members list: at most kMaxMembers (the standard's bound in production).
      {"MembersAtTheLimit", [](H& h) { AddChildren(h, kMaxMembers - 4); }, {}},
      {"MembersOverTheLimit",
       [](H& h) { AddChildren(h, kMaxMembers - 3); },
       {{"members", "TOO_MANY_MEMBERS"}}},

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
      {"BornInTheLastYearAnInt32Holds",
       [](H& h) { Born(M(h, 2), std::numeric_limits<int32_t>::max(), 12, 31); },
       {{"members[m2].birth_date", "IN_FUTURE"}}},
      {"BornInTheFirstYearAnInt32Holds",
       [](H& h) { Born(M(h, 2), std::numeric_limits<int32_t>::min(), 1, 1); },
       {{"members[m2].birth_date", "BAD_DATE"}}},

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
      {"IncomesAllAtInt64Max",
       [](H& h) {
         I(h, 1).set_annual_amount_vnd(std::numeric_limits<int64_t>::max());
         I(h, 2).set_annual_amount_vnd(std::numeric_limits<int64_t>::max());
       },
       {{"incomes", "IMPLAUSIBLE"}}},
      {"IncomeAtInt64Min",
       [](H& h) { I(h, 2).set_annual_amount_vnd(std::numeric_limits<int64_t>::min()); },
       {{"incomes[i2].annual_amount_vnd", "OUT_OF_RANGE"}}},

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
      {"FloorAreaLargestDouble",
       [](H& h) { h.mutable_housing()->set_floor_area_m2(std::numeric_limits<double>::max()); },
       {{"housing.floor_area_m2", "IMPLAUSIBLE"}}},
      {"FloorAreaOverTheLimit",
       [](H& h) { h.mutable_housing()->set_floor_area_m2(2000.5); },
       {{"housing.floor_area_m2", "IMPLAUSIBLE"}}},
      {"WaterSourceUndefined",
       [](H& h) { h.mutable_housing()->set_water_source(static_cast<v1::WaterSource>(11)); },
       {{"housing.water_source", "UNKNOWN_CODE"}}},
      {"LatrineUndefined",
       [](H& h) { h.mutable_housing()->set_latrine(static_cast<v1::Latrine>(7)); },
       {{"housing.latrine", "UNKNOWN_CODE"}}},
      {"WasteHandlingUndefined",
       [](H& h) { h.mutable_housing()->set_waste_handling(static_cast<v1::WasteHandling>(4)); },
       {{"housing.waste_handling", "UNKNOWN_CODE"}}},
      {"HousingUnanswered", [](H& h) { h.clear_housing(); }, {}},
      {"SurveyedBefore1970",
       [](H& h) { h.set_surveyed_at_unix(-1); },
       {{"surveyed_at_unix", "OUT_OF_RANGE"}}},
      {"SurveyedAtUnset", [](H& h) { h.clear_surveyed_at_unix(); }, {}},
      {"SurveyedAtInt64Min",
       [](H& h) { h.set_surveyed_at_unix(std::numeric_limits<int64_t>::min()); },
       {{"surveyed_at_unix", "OUT_OF_RANGE"}}},
      // A day of clock skew is allowed, not a second more.
      {"SurveyedADayAfterNow", [](H& h) { h.set_surveyed_at_unix(kNowUnix + 24 * 3600); }, {}},
      {"SurveyedADayAndASecondAfterNow",
       [](H& h) { h.set_surveyed_at_unix(kNowUnix + 24 * 3600 + 1); },
       {{"surveyed_at_unix", "IN_FUTURE"}}},
      {"SurveyedIn2100",
       [](H& h) { h.set_surveyed_at_unix(4'102'444'800); },
       {{"surveyed_at_unix", "IN_FUTURE"}}},
      {"SurveyedAtInt64Max",
       [](H& h) { h.set_surveyed_at_unix(std::numeric_limits<int64_t>::max()); },
       {{"surveyed_at_unix", "IN_FUTURE"}}},
  };
}

void PrintTo(const Case& c, std::ostream* os) { *os << c.name; }

}  // namespace rasoat::testing
