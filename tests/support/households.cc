#include "tests/support/households.h"

#include <random>

#include "absl/strings/str_cat.h"

namespace rasoat::testing {

v1::Date Day(int year, int month, int day) {
  v1::Date date;
  date.set_year(year);
  date.set_month(month);
  date.set_day(day);
  return date;
}

v1::Household MakeHousehold(uint64_t seed, const std::string& commune, const std::string& village) {
  static constexpr const char* kFamilyNames[] = {"Nguyễn", "Trần", "Lê",  "Phạm", "Hoàng",
                                                 "Vũ",     "Đặng", "Bùi", "Đỗ",   "Hồ"};
  static constexpr const char* kGivenNames[] = {"Văn An",   "Thị Bình", "Văn Cường", "Thị Dung",
                                                "Minh Đức", "Thị Hoa",  "Quang Huy", "Thị Lan"};
  std::mt19937_64 rng(seed);
  v1::Household household;
  v1::Location* location = household.mutable_location();
  location->set_province_code("27");
  location->set_commune_code(commune);
  location->set_village_code(village);
  location->set_area(rng() % 4 == 0 ? v1::AREA_URBAN : v1::AREA_RURAL);
  location->set_address(absl::StrCat("Số ", rng() % 200 + 1, ", ", village));

  const int members = 3 + static_cast<int>(rng() % 4);
  const char* family = kFamilyNames[rng() % 10];
  for (int i = 0; i < members; ++i) {
    v1::Member* member = household.add_members();
    member->set_member_id(absl::StrCat("m", i + 1));
    member->set_full_name(absl::StrCat(family, " ", kGivenNames[rng() % 8]));
    member->set_national_id(absl::StrCat(100000000000ull + rng() % 899999999999ull));
    // The head is an adult; children of school age attend and do not work (a valid record).
    const int birth_year = 1950 + static_cast<int>(rng() % (i == 0 ? 41 : 70));
    member->mutable_birth_date()->set_year(birth_year);
    member->mutable_birth_date()->set_month(1 + static_cast<int>(rng() % 12));
    member->mutable_birth_date()->set_day(1 + static_cast<int>(rng() % 28));
    member->set_sex(rng() % 2 ? v1::SEX_MALE : v1::SEX_FEMALE);
    member->set_relationship(i == 0 ? v1::RELATIONSHIP_HEAD : v1::RELATIONSHIP_CHILD);
    member->set_has_health_insurance(rng() % 5 != 0);
    member->set_employment(static_cast<v1::Employment>(1 + rng() % 5));
    member->set_education(static_cast<v1::Education>(1 + rng() % 6));
    if (birth_year > 2006) {
      member->set_employment(v1::EMPLOYMENT_NOT_IN_LABOUR_FORCE);
      member->set_school_attendance(v1::SCHOOL_ATTENDANCE_AT_AGE_LEVEL);
    }
  }
  household.set_head_member_id("m1");
  for (int i = 0; i < 2; ++i) {
    v1::IncomeItem* income = household.add_incomes();
    income->set_income_id(absl::StrCat("i", i + 1));
    income->set_source(i == 0 ? v1::INCOME_SOURCE_CROPS : v1::INCOME_SOURCE_WAGES);
    income->set_annual_amount_vnd(static_cast<int64_t>(5'000'000 + rng() % 60'000'000));
  }
  v1::Housing* housing = household.mutable_housing();
  housing->set_durable_walls(rng() % 3 != 0);
  housing->set_durable_columns(rng() % 3 != 0);
  housing->set_durable_roof(rng() % 3 != 0);
  housing->set_floor_area_m2(static_cast<double>(20 + rng() % 80));
  housing->set_water_source(static_cast<v1::WaterSource>(1 + rng() % 6));
  housing->set_latrine(static_cast<v1::Latrine>(1 + rng() % 4));
  household.mutable_information()->set_uses_telecom(rng() % 10 != 0);
  household.mutable_information()->set_has_tv(rng() % 2 == 0);
  household.set_surveyed_at_unix(1'788'000'000 + static_cast<int64_t>(rng() % 1'000'000));
  return household;
}

v1::Household ThreeDeprivationHousehold(const std::string& province_code,
                                        int64_t per_capita_monthly_vnd) {
  v1::Household household = MakeHousehold(1);
  v1::Location* location = household.mutable_location();
  location->set_province_code(province_code);
  location->set_area(v1::AREA_RURAL);
  household.set_agricultural_household(false);
  while (household.members_size() > 2) household.mutable_members()->RemoveLast();
  for (int i = 0; i < 2; ++i) {
    v1::Member* member = household.mutable_members(i);
    *member->mutable_birth_date() = Day(1985 + i, 5, 1);
    member->set_relationship(i == 0 ? v1::RELATIONSHIP_HEAD : v1::RELATIONSHIP_SPOUSE);
    member->set_employment(v1::EMPLOYMENT_WAGED_WITH_CONTRACT);
    member->set_education(v1::EDUCATION_UPPER_SECONDARY);
    member->set_has_health_insurance(false);
    member->set_has_disability(false);
    member->clear_school_attendance();
  }
  household.clear_incomes();
  v1::IncomeItem* wages = household.add_incomes();
  wages->set_income_id("i1");
  wages->set_source(v1::INCOME_SOURCE_WAGES);
  wages->set_annual_amount_vnd(per_capita_monthly_vnd * 2 * 12);
  v1::Housing* housing = household.mutable_housing();
  housing->set_durable_walls(true);
  housing->set_durable_columns(true);
  housing->set_durable_roof(true);
  housing->set_floor_area_m2(60);
  housing->set_water_source(v1::WATER_SOURCE_UNPROTECTED_SPRING);
  housing->set_latrine(v1::LATRINE_UNIMPROVED_PIT);
  household.mutable_information()->set_uses_telecom(true);
  household.mutable_information()->set_has_tv(true);
  return household;
}

v1::Mutation MakeMutation(const std::string& household_id, const std::string& mutation_id,
                          uint64_t base_version, v1::Household record) {
  v1::Mutation mutation;
  mutation.mutable_key()->set_round_id("2026");
  mutation.mutable_key()->set_household_id(household_id);
  mutation.set_mutation_id(mutation_id);
  mutation.set_base_version(base_version);
  *mutation.mutable_record() = std::move(record);
  return mutation;
}

}  // namespace rasoat::testing
