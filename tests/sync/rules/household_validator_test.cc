// ValidateHousehold against a table of records (validator_cases.h): a valid household of four,
// changed in one way per case, each rule failing and passing, at its boundaries (ages exactly 3,
// 6, 15, 16 and 120 at the interview, 29 February, the income and floor-area limits to the đồng
// and the m²). And the shared test households are valid. The order of the issues and their
// messages are in household_validator_message_test.cc.
#include "sync/rules/household_validator.h"

#include <cstdint>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "rasoat/v1/household.pb.h"
#include "sync/rules/standard_catalog.h"
#include "tests/support/households.h"
#include "tests/support/status_matchers.h"
#include "tests/sync/rules/validator_cases.h"
#include "tests/sync/rules/validator_households.h"

namespace rasoat::testing {
namespace {

using ::testing::IsEmpty;

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

// The other tests' households (tests/support) are valid, so a status other than
// READY_FOR_REVIEW in those tests means what they say, not bad test data.
TEST(HouseholdValidatorTestData, MakeHouseholdRecordsAreValid) {
  ASSERT_OK_AND_ASSIGN(const v1::PovertyStandard standard,
                       rules::LoadStandardNamed("", "decree-07-2021"));
  // The day of the earliest surveyed_at_unix MakeHousehold gives, the deployed bound on members.
  const rules::ValidationContext context{.reference_date = Day(2026, 8, 29),
                                         .now_unix = kNowUnix,
                                         .max_members = standard.max_household_members()};
  for (uint64_t seed = 0; seed < 500; ++seed) {
    const v1::Household household = testing::MakeHousehold(seed);
    EXPECT_THAT(rules::ValidateHousehold(household, context), IsEmpty()) << "seed " << seed;
  }
}

}  // namespace
}  // namespace rasoat::testing
