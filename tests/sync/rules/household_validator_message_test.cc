// ValidateHousehold over a valid household of four (validator_households.h): the order of the
// issues, their messages, the paths of elements without a unique id, and national ID numbers
// never quoted, over the shared test households.
#include <cstdint>
#include <functional>
#include <limits>
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
#include "sync/rules/household_validator.h"
#include "tests/support/households.h"
#include "tests/sync/rules/validator_households.h"

namespace rasoat::testing {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::Not;

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
  for (const v1::ValidationIssue& issue : rules::ValidateHousehold(household, Context())) {
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

TEST(HouseholdValidatorMessageTest, ImplausibleCountsAndTimesSayWhatTheLimitIs) {
  v1::Household household = ValidHousehold();
  for (int i = 1; i <= kMaxMembers - 3; ++i) {
    v1::Member child = M(household, 3);
    child.set_member_id(absl::StrCat("c", i));
    *household.add_members() = std::move(child);
  }
  household.set_surveyed_at_unix(4'102'444'800);  // 2100-01-01 00:00 UTC
  EXPECT_THAT(MessageAt(household, "members"),
              HasSubstr("7 members are more than a household may have (6 by the round's "
                        "standard)"));
  EXPECT_THAT(MessageAt(household, "surveyed_at_unix"),
              HasSubstr("interview time 4102444800 (2100-01-01) is more than a day after the "
                        "record reached the server (2026-10-03)"));
  household.set_surveyed_at_unix(std::numeric_limits<int64_t>::max());
  EXPECT_THAT(MessageAt(household, "surveyed_at_unix"),
              HasSubstr("interview time 9223372036854775807 (after 9999-12-31) is more than"));
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
    for (const v1::ValidationIssue& issue : rules::ValidateHousehold(household, Context())) {
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

}  // namespace
}  // namespace rasoat::testing
