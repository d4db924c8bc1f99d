// The classifier against the real standard files in deploy/standards/: a table of households
// built from the standards' definitions (both periods, both areas, each line exactly, one đồng
// either side, 2 vs 3 deprivations, the average band, a local standard, social allowances),
// and its edge cases. The households are in classifier_households.h; the loader's checks in
// standard_loader_test.cc.
#include "sync/rules/classifier.h"

#include <cstdint>
#include <limits>
#include <ostream>
#include <string>
#include <vector>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "absl/strings/str_cat.h"
#include "rasoat/v1/household.pb.h"
#include "rasoat/v1/standard.pb.h"
#include "sync/rules/standard_loader.h"
#include "tests/support/households.h"
#include "tests/support/status_matchers.h"
#include "tests/sync/rules/classifier_households.h"

namespace rasoat::testing {
namespace {

using ::testing::HasSubstr;

constexpr int64_t kInt64Max = std::numeric_limits<int64_t>::max();
constexpr int64_t kInt64Min = std::numeric_limits<int64_t>::min();

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
      // Bắc Ninh's local standard raises the rural line to 1,750,000 and the urban to 2,250,000.
      {"bn_rural_at_local_line", Std::k07BacNinh, kRural, 1'750'000, kThree, kPoor, kThree,
       1'750'000, false, "24"},
      {"bn_rural_above_local_line", Std::k07BacNinh, kRural, 1'750'001, kThree, kNotPoor, kThree,
       1'750'000, false, "24"},
      {"bn_rural_between_lines_2dep", Std::k07BacNinh, kRural, 1'600'000, kTwo, kNearPoor, kTwo,
       1'750'000, false, "24"},
      {"bn_urban_at_local_line", Std::k07BacNinh, kUrban, 2'250'000, kThree, kPoor, kThree,
       2'250'000, false, "24"},
      {"bn_rural_agri_above_local_line",
       Std::k07BacNinh,
       kRural,
       1'750'001,
       {},
       kAverage,
       {},
       1'750'000,
       true,
       "24"},
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

// MakeHousehold's household of four, rural, its incomes replaced by wages of `amounts`,
// classified under decree 07.
v1::Classification WithIncomes(const std::vector<int64_t>& amounts) {
  v1::Household household = MakeHousehold(kRural, 1'000'000, 2026);
  household.clear_incomes();
  for (size_t i = 0; i < amounts.size(); ++i) {
    v1::IncomeItem* item = household.add_incomes();
    item->set_income_id(absl::StrCat("i", i));
    item->set_source(v1::INCOME_SOURCE_WAGES);
    item->set_annual_amount_vnd(amounts[i]);
  }
  return rules::Classify(household, Standard(Std::k07), Day(2026, 10, 1));
}

// No sum of amounts overflows: the gains and the losses saturate at int64's ends apart, so the
// income counted keeps its sign and does not depend on the order of the lines.
TEST(ClassifierEdgeTest, IncomesAtTheEndsOfInt64SaturateInsteadOfWrapping) {
  v1::Classification result = WithIncomes({kInt64Max, 1'000'000});
  EXPECT_EQ(result.counted_annual_income_vnd(), kInt64Max);
  EXPECT_EQ(result.per_capita_monthly_income_vnd(), kInt64Max / 48);
  EXPECT_EQ(result.poverty_class(), kNotPoor) << result.explanation();

  EXPECT_EQ(WithIncomes({kInt64Max, kInt64Max, -5}).counted_annual_income_vnd(), kInt64Max - 5);
  EXPECT_EQ(WithIncomes({-5, kInt64Max, kInt64Max}).counted_annual_income_vnd(), kInt64Max - 5);
  EXPECT_EQ(WithIncomes({kInt64Min, kInt64Max}).counted_annual_income_vnd(), -1);

  result = WithIncomes({kInt64Min, kInt64Min});
  EXPECT_EQ(result.counted_annual_income_vnd(), kInt64Min);
  EXPECT_EQ(result.poverty_class(), kNearPoor);
  EXPECT_THAT(result.explanation(), HasSubstr("near-poor: -192,153,584,101,141,162 <= 1,500,000"));
}

// A line times 12 months per member beyond int64 is a line no income reaches, not a wrapped one.
TEST(ClassifierEdgeTest, ALineWhoseAnnualAmountIsBeyondInt64CoversEveryIncome) {
  v1::PovertyStandard generous = Standard(Std::k07);
  generous.mutable_poor_income_line()->set_rural_vnd(kInt64Max / 2);
  generous.mutable_average_income_line()->set_rural_vnd(kInt64Max);
  generous.mutable_low_income_worker_line()->set_rural_vnd(kInt64Max);
  ASSERT_OK(rules::Validate(generous));
  const v1::Classification result =
      rules::Classify(MakeHousehold(kRural, 1'000'000'000, 2026), generous, Day(2026, 10, 1));
  EXPECT_EQ(result.poverty_class(), kNearPoor) << result.explanation();
  EXPECT_EQ(result.poor_income_line_vnd(), kInt64Max / 2);
}

// Ages are counted without overflow at any reference day an int32 holds: at the first year, every
// member is a child not yet born by a huge count of years (a dependant); at the last, elderly.
TEST(ClassifierEdgeTest, ReferenceDaysAtTheEndsOfInt32CountAgesWithoutOverflow) {
  const v1::Household household = MakeHousehold(kRural, 1'000'000, 2026);
  for (const v1::Date& day : {Day(std::numeric_limits<int32_t>::min(), 1, 1),
                              Day(std::numeric_limits<int32_t>::max(), 12, 31)}) {
    const v1::Classification result = rules::Classify(household, Standard(Std::k07), day);
    bool dependants = false;
    for (const v1::IndicatorResult& indicator : result.indicators()) {
      if (indicator.indicator() == kDependants) dependants = indicator.deprived();
    }
    EXPECT_TRUE(dependants) << day.year() << ": " << result.DebugString();
  }
}

}  // namespace
}  // namespace rasoat::testing
