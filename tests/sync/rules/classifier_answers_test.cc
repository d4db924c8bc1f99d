// The answers a collaborator can record for the water and sanitation indicators: every source
// and latrine the decree counts as hygienic has a value of its own, and the standard files count
// it so under both periods; the unhygienic ones stay deprivations.
#include <gtest/gtest.h>

#include "rasoat/v1/household.pb.h"
#include "rasoat/v1/standard.pb.h"
#include "sync/rules/classifier.h"
#include "tests/support/households.h"
#include "tests/sync/rules/classifier_households.h"

namespace rasoat::testing {
namespace {

// Whether `household`'s `indicator` is deprived under `which`.
bool DeprivedUnder(Std which, const v1::Household& household, v1::Indicator indicator) {
  const v1::Classification result = rules::Classify(household, Standard(which), Day(2026, 10, 1));
  for (const v1::IndicatorResult& found : result.indicators()) {
    if (found.indicator() == indicator) return found.deprived();
  }
  ADD_FAILURE() << v1::Indicator_Name(indicator) << " not evaluated";
  return false;
}

TEST(ClassifierAnswersTest, EveryHygienicWaterSourceAndLatrineTheDecreeNamesCanBeRecorded) {
  v1::Household household = MakeHousehold(kRural, 1'000'000, 2026);
  for (Std which : {Std::k07, Std::k351}) {
    // Drilled wells, protected springs and bottled water are hygienic; before, a collaborator
    // could record them only as OTHER, which counted as deprived.
    for (v1::WaterSource hygienic : {v1::WATER_SOURCE_PIPED, v1::WATER_SOURCE_PROTECTED_WELL,
                                     v1::WATER_SOURCE_RAINWATER, v1::WATER_SOURCE_DRILLED_WELL,
                                     v1::WATER_SOURCE_PROTECTED_SPRING, v1::WATER_SOURCE_BOTTLED}) {
      household.mutable_housing()->set_water_source(hygienic);
      EXPECT_FALSE(DeprivedUnder(which, household, v1::INDICATOR_WATER))
          << v1::WaterSource_Name(hygienic);
    }
    for (v1::WaterSource unhygienic :
         {v1::WATER_SOURCE_UNPROTECTED_WELL, v1::WATER_SOURCE_SURFACE,
          v1::WATER_SOURCE_UNPROTECTED_SPRING, v1::WATER_SOURCE_OTHER}) {
      household.mutable_housing()->set_water_source(unhygienic);
      EXPECT_TRUE(DeprivedUnder(which, household, v1::INDICATOR_WATER))
          << v1::WaterSource_Name(unhygienic);
    }
    for (v1::Latrine hygienic : {v1::LATRINE_FLUSH, v1::LATRINE_IMPROVED_PIT,
                                 v1::LATRINE_POUR_FLUSH, v1::LATRINE_DOUBLE_VAULT}) {
      household.mutable_housing()->set_latrine(hygienic);
      EXPECT_FALSE(DeprivedUnder(which, household, v1::INDICATOR_LATRINE))
          << v1::Latrine_Name(hygienic);
    }
    for (v1::Latrine unhygienic : {v1::LATRINE_UNIMPROVED_PIT, v1::LATRINE_NONE}) {
      household.mutable_housing()->set_latrine(unhygienic);
      EXPECT_TRUE(DeprivedUnder(which, household, v1::INDICATOR_LATRINE))
          << v1::Latrine_Name(unhygienic);
    }
  }
}

}  // namespace
}  // namespace rasoat::testing
