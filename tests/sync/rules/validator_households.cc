#include "tests/sync/rules/validator_households.h"

#include <string>
#include <vector>

#include "rasoat/v1/validation.pb.h"
#include "sync/rules/household_validator.h"
#include "tests/support/households.h"

namespace rasoat::testing {
namespace {

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

}  // namespace

v1::Date Interview() { return Day(2026, 10, 3); }

rules::ValidationContext Context() {
  return {.reference_date = Interview(), .now_unix = kNowUnix, .max_members = kMaxMembers};
}

std::vector<Found> Validate(const v1::Household& household) {
  std::vector<Found> found;
  for (const v1::ValidationIssue& issue : rules::ValidateHousehold(household, Context())) {
    found.emplace_back(issue.path(), issue.code());
  }
  return found;
}

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

v1::Member& M(v1::Household& household, int position) {
  return *household.mutable_members(position - 1);
}
v1::IncomeItem& I(v1::Household& household, int position) {
  return *household.mutable_incomes(position - 1);
}
void Born(v1::Member& member, int year, int month, int day) {
  *member.mutable_birth_date() = Day(year, month, day);
}

}  // namespace rasoat::testing
