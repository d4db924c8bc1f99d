// The classifier against the real standard files in deploy/standards/: a table of households
// built from the standards' definitions (both periods, both areas, each line exactly, one đồng
// either side, 2 vs 3 deprivations, the average band, a province override, social allowances),
// and the loader's checks. Changing a copy of a file changes the answer: the rules are data.
#include "sync/rules/classifier.h"

#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "absl/strings/str_cat.h"
#include "rasoat/v1/household.pb.h"
#include "rasoat/v1/standard.pb.h"
#include "sync/rules/standard_loader.h"
#include "tests/support/status_matchers.h"
#include "tests/support/temp_dir.h"

namespace rasoat {
namespace {

using ::rasoat::testing::StatusIs;
using ::testing::HasSubstr;

constexpr char kDecree07[] = RASOAT_STANDARDS_DIR "/decree-07-2021.textproto";
constexpr char kDecree351[] = RASOAT_STANDARDS_DIR "/decree-351-2025.textproto";

enum class Std { k07, k351, k07BacNinh };

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
      // Bắc Ninh's local standard (DOMAIN.md) on top of the national one.
      v1::PovertyStandard bac_ninh = *d07;
      v1::ProvinceOverride* local = bac_ninh.add_province_overrides();
      local->set_province_code("27");
      local->mutable_poor_income_line()->set_rural_vnd(1'750'000);
      local->mutable_poor_income_line()->set_urban_vnd(2'250'000);
      EXPECT_TRUE(rules::Validate(bac_ninh).ok());
      (*map)[Std::k07BacNinh] = bac_ninh;
    }
    if (d351.ok()) (*map)[Std::k351] = *d351;
    return map;
  }();
  return standards->at(which);
}

int ReferenceYear(Std which) { return which == Std::k351 ? 2027 : 2026; }

v1::Date Day(int year, int month, int day) {
  v1::Date date;
  date.set_year(year);
  date.set_month(month);
  date.set_day(day);
  return date;
}

// Four members (two adults of 35, children of 10 and 12), nothing deprived, one wage income
// giving `per_capita` đồng per person per month.
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

// Changes the household so that `indicator` is deprived, leaving the others as they are.
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

using Indicators = std::set<v1::Indicator>;

constexpr auto kRural = v1::AREA_RURAL;
constexpr auto kUrban = v1::AREA_URBAN;
constexpr auto kPoor = v1::POVERTY_CLASS_POOR;
constexpr auto kNearPoor = v1::POVERTY_CLASS_NEAR_POOR;
constexpr auto kAverage = v1::POVERTY_CLASS_AVERAGE_LIVING_STANDARD;
constexpr auto kNotPoor = v1::POVERTY_CLASS_NOT_POOR;

constexpr auto kEmployment = v1::INDICATOR_EMPLOYMENT;
constexpr auto kDependants = v1::INDICATOR_DEPENDANTS;
constexpr auto kNutrition = v1::INDICATOR_NUTRITION;
constexpr auto kInsurance = v1::INDICATOR_HEALTH_INSURANCE;
constexpr auto kAdultEducation = v1::INDICATOR_ADULT_EDUCATION;
constexpr auto kSchooling = v1::INDICATOR_CHILD_SCHOOLING;
constexpr auto kHousing = v1::INDICATOR_HOUSING_QUALITY;
constexpr auto kFloorArea = v1::INDICATOR_FLOOR_AREA;
constexpr auto kWater = v1::INDICATOR_WATER;
constexpr auto kLatrine = v1::INDICATOR_LATRINE;
constexpr auto kTelecom = v1::INDICATOR_TELECOM;
constexpr auto kDevices = v1::INDICATOR_INFORMATION_DEVICES;
constexpr auto kDigital = v1::INDICATOR_DIGITAL_SERVICES;
constexpr auto kWaste = v1::INDICATOR_WASTE;

const Indicators kThree = {kEmployment, kInsurance, kWater};
const Indicators kTwo = {kEmployment, kInsurance};

struct Case {
  std::string name;
  Std standard;
  v1::Area area;
  int64_t per_capita;  // Counted income, đồng per person per month.
  Indicators knobs;    // Indicators the household is made deprived in.
  v1::PovertyClass expected;
  Indicators expected_deprived;
  int64_t expected_poor_line;
  bool agricultural = false;
  std::string province = "01";
  // Monthly social allowance per person, on top of per_capita: never counted.
  int64_t social_allowance = 0;
};

std::ostream& operator<<(std::ostream& os, const Case& c) { return os << c.name; }

const Indicators kAll07 = {kEmployment,     kDependants, kNutrition, kInsurance,
                           kAdultEducation, kSchooling,  kHousing,   kFloorArea,
                           kWater,          kLatrine,    kTelecom,   kDevices};
const Indicators kAllKnobs = {kEmployment, kDependants, kNutrition, kInsurance, kAdultEducation,
                              kSchooling,  kHousing,    kFloorArea, kWater,     kLatrine,
                              kTelecom,    kDevices,    kDigital,   kWaste};
const Indicators kAll351 = {kEmployment, kDependants, kNutrition, kInsurance, kAdultEducation,
                            kSchooling,  kHousing,    kFloorArea, kWater,     kLatrine,
                            kTelecom,    kDigital,    kWaste};

const std::vector<Case>& Cases() {
  static const auto* cases = new std::vector<Case>{
      // 2022–2026, rural line 1,500,000.
      {"d07_rural_at_line_3dep", Std::k07, kRural, 1'500'000, kThree, kPoor, kThree, 1'500'000},
      {"d07_rural_at_line_2dep", Std::k07, kRural, 1'500'000, kTwo, kNearPoor, kTwo, 1'500'000},
      {"d07_rural_below_line_3dep", Std::k07, kRural, 1'499'999, kThree, kPoor, kThree, 1'500'000},
      {"d07_rural_below_line_2dep", Std::k07, kRural, 1'499'999, kTwo, kNearPoor, kTwo, 1'500'000},
      {"d07_rural_above_line_3dep", Std::k07, kRural, 1'500'001, kThree, kNotPoor, kThree,
       1'500'000},
      {"d07_rural_at_line_0dep", Std::k07, kRural, 1'500'000, {}, kNearPoor, {}, 1'500'000},
      {"d07_rural_all_12", Std::k07, kRural, 1'000'000, kAll07, kPoor, kAll07, 1'500'000},
      // Digital services and waste do not count before 2027.
      {"d07_rural_2027_indicators_ignored",
       Std::k07,
       kRural,
       1'500'000,
       {kEmployment, kInsurance, kDigital, kWaste},
       kNearPoor,
       kTwo,
       1'500'000},
      {"d07_rural_housing_dimension",
       Std::k07,
       kRural,
       1'200'000,
       {kHousing, kFloorArea, kLatrine},
       kPoor,
       {kHousing, kFloorArea, kLatrine},
       1'500'000},
      {"d07_rural_health_education",
       Std::k07,
       kRural,
       1'200'000,
       {kNutrition, kAdultEducation, kSchooling},
       kPoor,
       {kNutrition, kAdultEducation, kSchooling},
       1'500'000},
      {"d07_rural_information_dependants",
       Std::k07,
       kRural,
       1'200'000,
       {kTelecom, kDevices, kDependants},
       kPoor,
       {kTelecom, kDevices, kDependants},
       1'500'000},
      // 2022–2026, urban line 2,000,000.
      {"d07_urban_at_line_3dep", Std::k07, kUrban, 2'000'000, kThree, kPoor, kThree, 2'000'000},
      {"d07_urban_at_line_2dep", Std::k07, kUrban, 2'000'000, kTwo, kNearPoor, kTwo, 2'000'000},
      {"d07_urban_below_line_3dep", Std::k07, kUrban, 1'999'999, kThree, kPoor, kThree, 2'000'000},
      {"d07_urban_above_line_3dep", Std::k07, kUrban, 2'000'001, kThree, kNotPoor, kThree,
       2'000'000},
      {"d07_urban_rural_line_does_not_apply", Std::k07, kUrban, 1'800'000, kThree, kPoor, kThree,
       2'000'000},
      // Average living standard: agricultural households only.
      {"d07_rural_agri_above_line", Std::k07, kRural, 1'500'001, kThree, kAverage, kThree,
       1'500'000, true},
      {"d07_rural_agri_at_band_top",
       Std::k07,
       kRural,
       2'250'000,
       {},
       kAverage,
       {},
       1'500'000,
       true},
      {"d07_rural_agri_above_band", Std::k07, kRural, 2'250'001, {}, kNotPoor, {}, 1'500'000, true},
      {"d07_rural_agri_at_poor_line", Std::k07, kRural, 1'500'000, kThree, kPoor, kThree, 1'500'000,
       true},
      {"d07_rural_non_agri_in_band", Std::k07, kRural, 2'000'000, {}, kNotPoor, {}, 1'500'000},
      {"d07_urban_agri_at_band_top", Std::k07, kUrban, 3'000'000, kTwo, kAverage, kTwo, 2'000'000,
       true},
      {"d07_urban_agri_above_band", Std::k07, kUrban, 3'000'001, {}, kNotPoor, {}, 2'000'000, true},
      {"d07_urban_agri_below_band", Std::k07, kUrban, 2'000'001, {}, kAverage, {}, 2'000'000, true},
      // Social allowances are excluded: 1,500,000 counted + 700,000 allowance is still poor.
      {"d07_rural_social_allowance_excluded", Std::k07, kRural, 1'500'000, kThree, kPoor, kThree,
       1'500'000, false, "01", 700'000},
      {"d07_urban_social_allowance_excluded", Std::k07, kUrban, 1'900'000, kTwo, kNearPoor, kTwo,
       2'000'000, false, "01", 500'000},
      // Bắc Ninh (27) raises the rural line to 1,750,000 and the urban to 2,250,000.
      {"bn_rural_at_local_line", Std::k07BacNinh, kRural, 1'750'000, kThree, kPoor, kThree,
       1'750'000, false, "27"},
      {"bn_rural_above_local_line", Std::k07BacNinh, kRural, 1'750'001, kThree, kNotPoor, kThree,
       1'750'000, false, "27"},
      {"bn_rural_between_lines_2dep", Std::k07BacNinh, kRural, 1'600'000, kTwo, kNearPoor, kTwo,
       1'750'000, false, "27"},
      {"bn_urban_at_local_line", Std::k07BacNinh, kUrban, 2'250'000, kThree, kPoor, kThree,
       2'250'000, false, "27"},
      {"bn_other_province_national_line", Std::k07BacNinh, kRural, 1'750'000, kThree, kNotPoor,
       kThree, 1'500'000, false, "01"},
      {"bn_rural_agri_above_local_line",
       Std::k07BacNinh,
       kRural,
       1'750'001,
       {},
       kAverage,
       {},
       1'750'000,
       true,
       "27"},
      // 2027–2030, rural line 2,200,000.
      {"d351_rural_at_line_3dep", Std::k351, kRural, 2'200'000, kThree, kPoor, kThree, 2'200'000},
      {"d351_rural_at_line_2dep", Std::k351, kRural, 2'200'000, kTwo, kNearPoor, kTwo, 2'200'000},
      {"d351_rural_below_line_3dep", Std::k351, kRural, 2'199'999, kThree, kPoor, kThree,
       2'200'000},
      {"d351_rural_above_line_3dep", Std::k351, kRural, 2'200'001, kThree, kNotPoor, kThree,
       2'200'000},
      {"d351_rural_old_line_irrelevant", Std::k351, kRural, 1'600'000, kThree, kPoor, kThree,
       2'200'000},
      {"d07_same_household_not_poor", Std::k07, kRural, 1'600'000, kThree, kNotPoor, kThree,
       1'500'000},
      {"d351_rural_all_knobs", Std::k351, kRural, 1'000'000, kAllKnobs, kPoor, kAll351, 2'200'000},
      // Information devices no longer count; digital services and waste do.
      {"d351_rural_devices_dropped",
       Std::k351,
       kRural,
       2'200'000,
       {kEmployment, kInsurance, kDevices},
       kNearPoor,
       kTwo,
       2'200'000},
      {"d351_rural_digital_waste_count",
       Std::k351,
       kRural,
       2'200'000,
       {kDigital, kWaste, kLatrine},
       kPoor,
       {kDigital, kWaste, kLatrine},
       2'200'000},
      // 2027–2030, urban line 2,800,000.
      {"d351_urban_at_line_3dep", Std::k351, kUrban, 2'800'000, kThree, kPoor, kThree, 2'800'000},
      {"d351_urban_below_line_2dep", Std::k351, kUrban, 2'799'999, kTwo, kNearPoor, kTwo,
       2'800'000},
      {"d351_urban_above_line_3dep", Std::k351, kUrban, 2'800'001, kThree, kNotPoor, kThree,
       2'800'000},
      // Average band 2027+: placeholder values (unverified), 3,300,000 / 4,200,000.
      {"d351_rural_agri_above_line",
       Std::k351,
       kRural,
       2'200'001,
       {},
       kAverage,
       {},
       2'200'000,
       true},
      {"d351_rural_agri_at_band_top",
       Std::k351,
       kRural,
       3'300'000,
       {},
       kAverage,
       {},
       2'200'000,
       true},
      {"d351_urban_agri_above_band",
       Std::k351,
       kUrban,
       4'200'001,
       {},
       kNotPoor,
       {},
       2'800'000,
       true},
      {"d351_rural_social_allowance_excluded", Std::k351, kRural, 2'200'000, kThree, kPoor, kThree,
       2'200'000, false, "01", 1'000'000},
  };
  return *cases;
}

class ClassifierTest : public ::testing::TestWithParam<Case> {};

TEST_P(ClassifierTest, ClassifiesFromTheStandardFile) {
  const Case& c = GetParam();
  const int year = ReferenceYear(c.standard);
  v1::Household household = MakeHousehold(c.area, c.per_capita, year);
  household.mutable_location()->set_province_code(c.province);
  if (c.agricultural) household.set_agricultural_household(true);
  if (c.social_allowance > 0) {
    v1::IncomeItem* allowance = household.add_incomes();
    allowance->set_income_id("allowance");
    allowance->set_source(v1::INCOME_SOURCE_SOCIAL_ALLOWANCE);
    allowance->set_annual_amount_vnd(c.social_allowance * 4 * 12);
  }
  for (v1::Indicator knob : c.knobs) Deprive(knob, year, household);

  const v1::Classification result =
      rules::Classify(household, Standard(c.standard), Day(year, 10, 1));

  EXPECT_EQ(v1::PovertyClass_Name(result.poverty_class()), v1::PovertyClass_Name(c.expected))
      << result.explanation();
  Indicators deprived;
  for (const v1::IndicatorResult& indicator : result.indicators()) {
    EXPECT_FALSE(indicator.reason().empty()) << v1::Indicator_Name(indicator.indicator());
    if (indicator.deprived()) deprived.insert(indicator.indicator());
  }
  EXPECT_EQ(deprived, c.expected_deprived) << result.DebugString();
  EXPECT_EQ(result.deprivation_count(), static_cast<int>(c.expected_deprived.size()));
  EXPECT_EQ(result.indicators_size(), Standard(c.standard).indicators_size());
  EXPECT_EQ(result.per_capita_monthly_income_vnd(), c.per_capita);
  EXPECT_EQ(result.poor_income_line_vnd(), c.expected_poor_line);
  EXPECT_FALSE(result.explanation().empty());
}

INSTANTIATE_TEST_SUITE_P(BothPeriods, ClassifierTest, ::testing::ValuesIn(Cases()),
                         [](const ::testing::TestParamInfo<Case>& info) {
                           return info.param.name;
                         });

TEST(ClassifierEdgeTest, LowIncomeWorkerHouseholdAboveThePoorLine) {
  v1::Household household = MakeHousehold(kRural, 2'250'000, 2026);
  v1::Classification result = rules::Classify(household, Standard(Std::k07), Day(2026, 10, 1));
  EXPECT_EQ(result.poverty_class(), kNotPoor);
  EXPECT_TRUE(result.low_income_worker_household());
  household = MakeHousehold(kRural, 2'250'001, 2026);
  result = rules::Classify(household, Standard(Std::k07), Day(2026, 10, 1));
  EXPECT_FALSE(result.low_income_worker_household());
}

TEST(ClassifierEdgeTest, UnansweredFactsAreNotDeprivations) {
  v1::Household household = MakeHousehold(kRural, 1'000'000, 2026);
  household.clear_housing();
  household.clear_information();
  for (v1::Member& member : *household.mutable_members()) {
    member.clear_has_health_insurance();
  }
  const v1::Classification result =
      rules::Classify(household, Standard(Std::k07), Day(2026, 10, 1));
  EXPECT_EQ(result.poverty_class(), kNearPoor);
  EXPECT_EQ(result.deprivation_count(), 0);
}

TEST(ClassifierEdgeTest, NoMembersOrNoAreaIsUnspecified) {
  v1::Household household = MakeHousehold(kRural, 1'000'000, 2026);
  household.clear_members();
  EXPECT_EQ(rules::Classify(household, Standard(Std::k07), Day(2026, 10, 1)).poverty_class(),
            v1::POVERTY_CLASS_UNSPECIFIED);
  household = MakeHousehold(v1::AREA_UNSPECIFIED, 1'000'000, 2026);
  const v1::Classification result =
      rules::Classify(household, Standard(Std::k07), Day(2026, 10, 1));
  EXPECT_EQ(result.poverty_class(), v1::POVERTY_CLASS_UNSPECIFIED);
  EXPECT_THAT(result.explanation(), HasSubstr("area"));
}

TEST(ClassifierEdgeTest, ABandCatchesLowIncomeWhateverTheDeprivations) {
  v1::PovertyStandard draft = Standard(Std::k351);
  v1::IncomeBand* band = draft.add_bands();
  band->mutable_income_line()->set_rural_vnd(1'500'000);
  band->mutable_income_line()->set_urban_vnd(2'000'000);
  band->set_poverty_class(kPoor);
  band->set_name("below the lower line");
  ASSERT_OK(rules::Validate(draft));
  EXPECT_EQ(rules::Classify(MakeHousehold(kRural, 1'500'000, 2027), draft, Day(2027, 10, 1))
                .poverty_class(),
            kPoor);
  EXPECT_EQ(rules::Classify(MakeHousehold(kRural, 1'500'001, 2027), draft, Day(2027, 10, 1))
                .poverty_class(),
            kNearPoor);
}

TEST(StandardLoaderTest, LoadsBothDeployedStandards) {
  ASSERT_OK_AND_ASSIGN(v1::PovertyStandard d07, rules::LoadStandard(kDecree07));
  ASSERT_OK_AND_ASSIGN(v1::PovertyStandard d351, rules::LoadStandard(kDecree351));
  EXPECT_EQ(d07.name(), "decree-07-2021");
  EXPECT_EQ(d07.indicators_size(), 12);
  EXPECT_EQ(d07.deprivations_for_poor(), 3);
  EXPECT_EQ(d351.name(), "decree-351-2025");
  EXPECT_EQ(d351.indicators_size(), 13);
  EXPECT_EQ(d351.poor_income_line().rural_vnd(), 2'200'000);
  EXPECT_EQ(d351.poor_income_line().urban_vnd(), 2'800'000);
  for (const v1::IndicatorRule& rule : d351.indicators()) {
    EXPECT_NE(rule.id(), v1::INDICATOR_INFORMATION_DEVICES);
  }
}

TEST(StandardLoaderTest, MissingFileIsNotFound) {
  testing::TempDir dir;
  EXPECT_THAT(rules::LoadStandard(dir.Sub("absent.textproto")),
              StatusIs(absl::StatusCode::kNotFound, HasSubstr("absent.textproto")));
}

TEST(StandardLoaderTest, MalformedFileNamesFileAndLine) {
  testing::TempDir dir;
  const std::string path = dir.Sub("bad.textproto");
  std::ofstream(path) << "name: \"bad\"\n# comment\npoor_income_line { rural_vnd: lots }\n";
  EXPECT_THAT(rules::LoadStandard(path),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("bad.textproto:3:")));
  std::ofstream(path) << "name: \"bad\"\nno_such_field: 1\n";
  EXPECT_THAT(rules::LoadStandard(path),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("bad.textproto:2:")));
}

TEST(StandardLoaderTest, OverrideThatLowersALineIsRejected) {
  const std::string text = ReadFile(kDecree07) +
                           "province_overrides {\n  province_code: \"27\"\n"
                           "  poor_income_line { rural_vnd: 1400000 }\n}\n";
  EXPECT_THAT(rules::ParseStandard(text, "lowered.textproto"),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("province_overrides[27].poor_income_line")));
  const std::string raised = ReadFile(kDecree07) +
                             "province_overrides {\n  province_code: \"27\"\n"
                             "  poor_income_line { rural_vnd: 1750000 }\n}\n";
  EXPECT_OK(rules::ParseStandard(raised, "raised.textproto"));
}

TEST(StandardLoaderTest, ValidateRejectsIncoherentStandards) {
  const v1::PovertyStandard good = Standard(Std::k07);
  ASSERT_OK(rules::Validate(good));
  v1::PovertyStandard bad = good;
  bad.mutable_poor_income_line()->set_urban_vnd(0);
  EXPECT_THAT(rules::Validate(bad),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("poor_income_line")));
  bad = good;
  bad.mutable_average_income_line()->set_rural_vnd(1'500'000);
  EXPECT_THAT(rules::Validate(bad),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("average_income_line")));
  bad = good;
  bad.set_deprivations_for_poor(0);
  EXPECT_THAT(rules::Validate(bad),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("deprivations_for_poor")));
  bad = good;
  bad.add_indicators()->set_id(v1::INDICATOR_WATER);
  EXPECT_THAT(rules::Validate(bad),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("INDICATOR_WATER")));
}

// Editing the data, not the code, changes the answer.
TEST(StandardLoaderTest, ChangingACopyOfTheFileChangesTheClass) {
  const std::string original = ReadFile(kDecree07);
  v1::Household household = MakeHousehold(kRural, 1'500'000, 2026);
  for (v1::Indicator knob : kTwo) Deprive(knob, 2026, household);
  EXPECT_EQ(rules::Classify(household, Standard(Std::k07), Day(2026, 10, 1)).poverty_class(),
            kNearPoor);

  std::string edited = original;
  const std::string from = "deprivations_for_poor: 3";
  const size_t at = edited.find(from);
  ASSERT_NE(at, std::string::npos);
  edited.replace(at, from.size(), "deprivations_for_poor: 2");
  testing::TempDir dir;
  const std::string path = dir.Sub("decree-07-2021.textproto");
  std::ofstream(path) << edited;
  ASSERT_OK_AND_ASSIGN(v1::PovertyStandard two, rules::LoadStandard(path));
  EXPECT_EQ(rules::Classify(household, two, Day(2026, 10, 1)).poverty_class(), kPoor);

  // A higher floor-area threshold makes the same dwelling a deprivation.
  v1::Household roomy = MakeHousehold(kRural, 1'500'000, 2026);
  for (v1::Indicator knob : kTwo) Deprive(knob, 2026, roomy);  // 60 m² for 4: 15 per person.
  edited = original;
  const std::string area = "floor_area_m2_per_person: 8";
  edited.replace(edited.find(area), area.size(), "floor_area_m2_per_person: 16");
  std::ofstream(path) << edited;
  ASSERT_OK_AND_ASSIGN(v1::PovertyStandard strict, rules::LoadStandard(path));
  const v1::Classification result = rules::Classify(roomy, strict, Day(2026, 10, 1));
  EXPECT_EQ(result.poverty_class(), kPoor) << result.explanation();
  EXPECT_EQ(result.deprivation_count(), 3);
}

}  // namespace
}  // namespace rasoat
