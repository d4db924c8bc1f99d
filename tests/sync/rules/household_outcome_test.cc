// The outcome of a recognition against the round before, over every pair of classes, with and
// without an earlier escape; and the recently-escaped window at its edges (the last day in it,
// the first day out, a month too short for the day it escaped on, a leap year).
#include "sync/rules/household_outcome.h"

#include <optional>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "tests/support/households.h"

namespace rasoat::rules {
namespace {

using ::rasoat::testing::Day;

constexpr v1::PovertyClass kPoor = v1::POVERTY_CLASS_POOR;
constexpr v1::PovertyClass kNear = v1::POVERTY_CLASS_NEAR_POOR;
constexpr v1::PovertyClass kAverage = v1::POVERTY_CLASS_AVERAGE_LIVING_STANDARD;
constexpr v1::PovertyClass kNot = v1::POVERTY_CLASS_NOT_POOR;

struct Case {
  v1::PovertyClass before;
  v1::PovertyClass now;
  v1::HouseholdOutcome never_escaped;  // the outcome with no earlier escape
  v1::HouseholdOutcome escaped_once;   // the outcome when it escaped in an earlier round
  bool escapes_now;                    // whether this recognition is an escape
};

// Every (previous, current) pair of the four classes.
const std::vector<Case>& EveryPair() {
  static const auto* const kCases = new std::vector<Case>{
      {kPoor, kPoor, v1::HOUSEHOLD_OUTCOME_UNCHANGED, v1::HOUSEHOLD_OUTCOME_UNCHANGED, false},
      {kPoor, kNear, v1::HOUSEHOLD_OUTCOME_POOR_TO_NEAR_POOR,
       v1::HOUSEHOLD_OUTCOME_POOR_TO_NEAR_POOR, true},
      {kPoor, kAverage, v1::HOUSEHOLD_OUTCOME_ESCAPED_POOR, v1::HOUSEHOLD_OUTCOME_ESCAPED_POOR,
       true},
      {kPoor, kNot, v1::HOUSEHOLD_OUTCOME_ESCAPED_POOR, v1::HOUSEHOLD_OUTCOME_ESCAPED_POOR, true},
      {kNear, kPoor, v1::HOUSEHOLD_OUTCOME_NEAR_POOR_TO_POOR,
       v1::HOUSEHOLD_OUTCOME_NEAR_POOR_TO_POOR, false},
      {kNear, kNear, v1::HOUSEHOLD_OUTCOME_UNCHANGED, v1::HOUSEHOLD_OUTCOME_UNCHANGED, false},
      {kNear, kAverage, v1::HOUSEHOLD_OUTCOME_ESCAPED_NEAR_POOR,
       v1::HOUSEHOLD_OUTCOME_ESCAPED_NEAR_POOR, true},
      {kNear, kNot, v1::HOUSEHOLD_OUTCOME_ESCAPED_NEAR_POOR,
       v1::HOUSEHOLD_OUTCOME_ESCAPED_NEAR_POOR, true},
      {kAverage, kPoor, v1::HOUSEHOLD_OUTCOME_NEW_POOR, v1::HOUSEHOLD_OUTCOME_RE_POOR, false},
      {kAverage, kNear, v1::HOUSEHOLD_OUTCOME_NEW_NEAR_POOR, v1::HOUSEHOLD_OUTCOME_NEW_NEAR_POOR,
       false},
      {kAverage, kAverage, v1::HOUSEHOLD_OUTCOME_UNCHANGED, v1::HOUSEHOLD_OUTCOME_UNCHANGED, false},
      {kAverage, kNot, v1::HOUSEHOLD_OUTCOME_UNCHANGED, v1::HOUSEHOLD_OUTCOME_UNCHANGED, false},
      {kNot, kPoor, v1::HOUSEHOLD_OUTCOME_NEW_POOR, v1::HOUSEHOLD_OUTCOME_RE_POOR, false},
      {kNot, kNear, v1::HOUSEHOLD_OUTCOME_NEW_NEAR_POOR, v1::HOUSEHOLD_OUTCOME_NEW_NEAR_POOR,
       false},
      {kNot, kAverage, v1::HOUSEHOLD_OUTCOME_UNCHANGED, v1::HOUSEHOLD_OUTCOME_UNCHANGED, false},
      {kNot, kNot, v1::HOUSEHOLD_OUTCOME_UNCHANGED, v1::HOUSEHOLD_OUTCOME_UNCHANGED, false},
  };
  return *kCases;
}

TEST(HouseholdOutcomeTest, EveryPairOfClassesWithAndWithoutAnEarlierEscape) {
  const v1::Date earlier = Day(2023, 12, 20);
  const v1::Date today = Day(2026, 12, 15);
  ASSERT_EQ(EveryPair().size(), 16u);
  for (const Case& c : EveryPair()) {
    const std::string name =
        v1::PovertyClass_Name(c.before) + " -> " + v1::PovertyClass_Name(c.now);
    const RecognisedOutcome fresh =
        OutcomeOf(PreviousRecognition{c.before, std::nullopt}, c.now, today);
    EXPECT_EQ(fresh.outcome, c.never_escaped) << name;
    EXPECT_EQ(fresh.escaped_on.has_value(), c.escapes_now) << name;
    if (c.escapes_now) {
      EXPECT_EQ(fresh.escaped_on->year(), 2026) << name;
    }

    const RecognisedOutcome again = OutcomeOf(PreviousRecognition{c.before, earlier}, c.now, today);
    EXPECT_EQ(again.outcome, c.escaped_once) << name;
    ASSERT_TRUE(again.escaped_on.has_value()) << name;  // an escape is never forgotten
    EXPECT_EQ(again.escaped_on->year(), c.escapes_now ? 2026 : 2023) << name;
  }
}

TEST(HouseholdOutcomeTest, WithoutAPreviousRecognitionItIsReviewedForTheFirstTime) {
  const v1::Date today = Day(2026, 12, 15);
  for (v1::PovertyClass now : {kPoor, kNear, kAverage, kNot}) {
    EXPECT_EQ(OutcomeOf(std::nullopt, now, today).outcome, v1::HOUSEHOLD_OUTCOME_FIRST_REVIEWED);
    EXPECT_EQ(OutcomeOf(PreviousRecognition{}, now, today).outcome,
              v1::HOUSEHOLD_OUTCOME_FIRST_REVIEWED);
    EXPECT_FALSE(OutcomeOf(std::nullopt, now, today).escaped_on.has_value());
  }
  EXPECT_EQ(
      OutcomeOf(PreviousRecognition{kPoor, std::nullopt}, v1::POVERTY_CLASS_UNSPECIFIED, today)
          .outcome,
      v1::HOUSEHOLD_OUTCOME_UNSPECIFIED);
}

TEST(HouseholdOutcomeTest, RecentlyEscapedRunsUpToTheSameDayWindowMonthsLater) {
  const v1::Date escaped = Day(2023, 12, 20);
  EXPECT_FALSE(RecentlyEscaped(escaped, Day(2023, 12, 19), 36));  // before it escaped
  EXPECT_TRUE(RecentlyEscaped(escaped, escaped, 36));             // the day it escaped
  EXPECT_TRUE(RecentlyEscaped(escaped, Day(2026, 12, 19), 36));   // the last day in
  EXPECT_FALSE(RecentlyEscaped(escaped, Day(2026, 12, 20), 36));  // the first day out
  EXPECT_FALSE(RecentlyEscaped(escaped, Day(2027, 1, 1), 36));
  EXPECT_FALSE(RecentlyEscaped(escaped, escaped, 0));  // no window at all
}

TEST(HouseholdOutcomeTest, AMonthTooShortForTheDayEndsTheWindowOnItsLastDay) {
  // 31 May + 9 months: February has no 31st; the window ends before its last day.
  EXPECT_TRUE(RecentlyEscaped(Day(2023, 5, 31), Day(2024, 2, 28), 9));
  EXPECT_FALSE(RecentlyEscaped(Day(2023, 5, 31), Day(2024, 2, 29), 9));  // 2024 is leap
  EXPECT_TRUE(RecentlyEscaped(Day(2024, 5, 31), Day(2025, 2, 27), 9));
  EXPECT_FALSE(RecentlyEscaped(Day(2024, 5, 31), Day(2025, 2, 28), 9));
  // 29 February + 36 months: 2027 has no 29 February.
  EXPECT_TRUE(RecentlyEscaped(Day(2024, 2, 29), Day(2027, 2, 27), 36));
  EXPECT_FALSE(RecentlyEscaped(Day(2024, 2, 29), Day(2027, 2, 28), 36));
}

}  // namespace
}  // namespace rasoat::rules
