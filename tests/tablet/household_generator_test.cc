// The generated households are what a real form holds: valid by the validator, about 2 KB, the
// same for the same seed, different for different seeds; edits keep them valid.
#include "tablet/household_generator.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "absl/strings/str_cat.h"
#include "google/protobuf/util/message_differencer.h"
#include "sync/rules/household_validator.h"

namespace rasoat::tablet {
namespace {

using ::google::protobuf::util::MessageDifferencer;

// The generated households are validated on 1 November 2026 (noon in Vietnam), against the
// deployed standards' bound on members.
rules::ValidationContext Interview() {
  v1::Date date;
  date.set_year(2026);
  date.set_month(11);
  date.set_day(1);
  return {.reference_date = date, .now_unix = 1'793'509'200, .max_members = 50};
}

TEST(HouseholdGeneratorTest, RecordsAreValidAndAboutTwoKilobytes) {
  HouseholdGenerator generator(7);
  size_t total_bytes = 0;
  constexpr int kRecords = 500;
  for (int i = 0; i < kRecords; ++i) {
    const v1::Household household = generator.Make("00127", "thon-3");
    EXPECT_THAT(rules::ValidateHousehold(household, Interview()), ::testing::IsEmpty())
        << household.DebugString();
    EXPECT_EQ(household.location().commune_code(), "00127");
    EXPECT_EQ(household.location().village_code(), "thon-3");
    EXPECT_GE(household.members_size(), 4);
    total_bytes += household.ByteSizeLong();
  }
  const size_t average = total_bytes / kRecords;
  EXPECT_GT(average, 1000u);
  EXPECT_LT(average, 3000u);
}

TEST(HouseholdGeneratorTest, TheSameSeedMakesTheSameRecords) {
  HouseholdGenerator first(42);
  HouseholdGenerator second(42);
  HouseholdGenerator other(43);
  for (int i = 0; i < 20; ++i) {
    const v1::Household a = first.Make("00127", "thon-1");
    EXPECT_TRUE(MessageDifferencer::Equals(a, second.Make("00127", "thon-1")));
    EXPECT_FALSE(MessageDifferencer::Equals(a, other.Make("00127", "thon-1")));
  }
}

TEST(HouseholdGeneratorTest, EditsChangeTheRecordAndKeepItValid) {
  HouseholdGenerator generator(9);
  int changed = 0;
  for (int i = 0; i < 300; ++i) {
    v1::Household household = generator.Make("00127", "thon-2");
    const v1::Household before = household;
    const std::string what = generator.Edit(household, absl::StrCat("tab-1-", i));
    EXPECT_FALSE(what.empty());
    if (!MessageDifferencer::Equals(before, household)) ++changed;
    EXPECT_THAT(rules::ValidateHousehold(household, Interview()), ::testing::IsEmpty()) << what;
  }
  // A boolean or an area can be set to the value it had; most edits change something.
  EXPECT_GT(changed, 200);
}

}  // namespace
}  // namespace rasoat::tablet
