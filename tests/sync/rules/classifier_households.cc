#include "tests/sync/rules/classifier_households.h"

#include <fstream>
#include <map>
#include <sstream>
#include <string>

#include <gtest/gtest.h>

#include "absl/strings/str_cat.h"
#include "sync/rules/local_standard.h"
#include "sync/rules/standard_loader.h"
#include "tests/support/households.h"

namespace rasoat::testing {

const char kDecree07[] = RASOAT_STANDARDS_DIR "/decree-07-2021.textproto";
const char kDecree351[] = RASOAT_STANDARDS_DIR "/decree-351-2025.textproto";
const char kBacNinh[] = RASOAT_STANDARDS_DIR "/bac-ninh-2025.textproto";

std::string ReadFile(const std::string& path) {
  std::ifstream in(path);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

const v1::PovertyStandard& Standard(Std which) {
  static const auto* standards = [] {
    auto* map = new std::map<Std, v1::PovertyStandard>;
    auto d07 = rules::LoadStandard(kDecree07);
    auto d351 = rules::LoadStandard(kDecree351);
    EXPECT_TRUE(d07.ok()) << d07.status();
    EXPECT_TRUE(d351.ok()) << d351.status();
    if (d07.ok()) {
      (*map)[Std::k07] = *d07;
      // Bắc Ninh's local standard (DOMAIN.md) laid over the national one.
      auto local = rules::LoadStandard(kBacNinh);
      EXPECT_TRUE(local.ok()) << local.status();
      if (local.ok()) {
        auto bac_ninh = rules::ResolveLocalStandard(*d07, *local);
        EXPECT_TRUE(bac_ninh.ok()) << bac_ninh.status();
        if (bac_ninh.ok()) (*map)[Std::k07BacNinh] = *bac_ninh;
      }
    }
    if (d351.ok()) (*map)[Std::k351] = *d351;
    return map;
  }();
  return standards->at(which);
}

int ReferenceYear(Std which) { return which == Std::k351 ? 2027 : 2026; }

v1::Household MakeHousehold(v1::Area area, int64_t per_capita, int reference_year) {
  v1::Household household;
  household.mutable_location()->set_province_code("01");
  household.mutable_location()->set_commune_code("00001");
  household.mutable_location()->set_area(area);
  const int ages[] = {35, 35, 10, 12};
  for (int i = 0; i < 4; ++i) {
    v1::Member* member = household.add_members();
    member->set_member_id(absl::StrCat("m", i));
    *member->mutable_birth_date() = Day(reference_year - ages[i], 1, 1);
    member->set_has_health_insurance(true);
    member->set_has_disability(false);
    member->set_nutrition(v1::NUTRITION_NORMAL);
    if (ages[i] >= 16) {
      member->set_employment(v1::EMPLOYMENT_WAGED_WITH_CONTRACT);
      member->set_education(v1::EDUCATION_UPPER_SECONDARY);
    } else {
      member->set_employment(v1::EMPLOYMENT_NOT_IN_LABOUR_FORCE);
      member->set_school_attendance(v1::SCHOOL_ATTENDANCE_AT_AGE_LEVEL);
    }
  }
  household.set_head_member_id("m0");
  v1::IncomeItem* wages = household.add_incomes();
  wages->set_income_id("i0");
  wages->set_source(v1::INCOME_SOURCE_WAGES);
  wages->set_annual_amount_vnd(per_capita * 4 * 12);
  v1::Housing* housing = household.mutable_housing();
  housing->set_durable_walls(true);
  housing->set_durable_columns(true);
  housing->set_durable_roof(true);
  housing->set_floor_area_m2(60);
  housing->set_water_source(v1::WATER_SOURCE_PIPED);
  housing->set_latrine(v1::LATRINE_FLUSH);
  housing->set_waste_handling(v1::WASTE_HANDLING_COLLECTED);
  v1::Information* info = household.mutable_information();
  info->set_uses_telecom(true);
  info->set_uses_internet(true);
  info->set_uses_digital_public_services(true);
  info->set_has_tv(true);
  return household;
}

void Deprive(v1::Indicator indicator, int reference_year, v1::Household& household) {
  v1::Member& adult0 = *household.mutable_members(0);
  v1::Member& adult1 = *household.mutable_members(1);
  v1::Member& child0 = *household.mutable_members(2);
  v1::Member& child1 = *household.mutable_members(3);
  v1::Housing& housing = *household.mutable_housing();
  v1::Information& info = *household.mutable_information();
  switch (indicator) {
    case v1::INDICATOR_EMPLOYMENT:
      adult0.set_employment(v1::EMPLOYMENT_WAGED_WITHOUT_CONTRACT);
      break;
    case v1::INDICATOR_DEPENDANTS:  // 3 of 4 members dependants.
      adult1.set_has_disability(true);
      adult1.set_receives_social_allowance(true);
      break;
    case v1::INDICATOR_NUTRITION:
      child0.set_nutrition(v1::NUTRITION_STUNTED);
      break;
    case v1::INDICATOR_HEALTH_INSURANCE:
      adult1.set_has_health_insurance(false);
      break;
    case v1::INDICATOR_ADULT_EDUCATION:  // 25, out of school, primary only.
      *adult0.mutable_birth_date() = Day(reference_year - 25, 1, 1);
      adult0.set_education(v1::EDUCATION_PRIMARY);
      break;
    case v1::INDICATOR_CHILD_SCHOOLING:
      child1.set_school_attendance(v1::SCHOOL_ATTENDANCE_NOT_ATTENDING);
      break;
    case v1::INDICATOR_HOUSING_QUALITY:
      housing.set_durable_walls(false);
      housing.set_durable_roof(false);
      break;
    case v1::INDICATOR_FLOOR_AREA:  // 7.5 m² per person.
      housing.set_floor_area_m2(30);
      break;
    case v1::INDICATOR_WATER:
      housing.set_water_source(v1::WATER_SOURCE_SURFACE);
      break;
    case v1::INDICATOR_LATRINE:
      housing.set_latrine(v1::LATRINE_NONE);
      break;
    case v1::INDICATOR_TELECOM:
      info.set_uses_telecom(false);
      info.set_uses_internet(false);
      break;
    case v1::INDICATOR_INFORMATION_DEVICES:
      info.set_has_tv(false);
      info.set_has_smartphone(false);
      break;
    case v1::INDICATOR_DIGITAL_SERVICES:  // Phone calls only.
      info.set_uses_internet(false);
      info.set_uses_digital_public_services(false);
      break;
    case v1::INDICATOR_WASTE:
      housing.set_waste_handling(v1::WASTE_HANDLING_UNTREATED);
      break;
    default:
      FAIL() << "no knob for " << v1::Indicator_Name(indicator);
  }
}

}  // namespace rasoat::testing
