#include "sync/rules/household_outcome.h"

#include <algorithm>

#include "absl/time/civil_time.h"
#include "sync/rules/calendar.h"

namespace rasoat::rules {
namespace {

// Where a class stands for the outcome: poor, near-poor, or neither.
enum class Standing { kPoor, kNearPoor, kNeither };

Standing StandingOf(v1::PovertyClass poverty_class) {
  switch (poverty_class) {
    case v1::POVERTY_CLASS_POOR:
      return Standing::kPoor;
    case v1::POVERTY_CLASS_NEAR_POOR:
      return Standing::kNearPoor;
    default:
      return Standing::kNeither;
  }
}

v1::HouseholdOutcome ChangeOf(Standing before, Standing now, bool escaped_before) {
  if (before == now) return v1::HOUSEHOLD_OUTCOME_UNCHANGED;
  switch (before) {
    case Standing::kPoor:
      return now == Standing::kNearPoor ? v1::HOUSEHOLD_OUTCOME_POOR_TO_NEAR_POOR
                                        : v1::HOUSEHOLD_OUTCOME_ESCAPED_POOR;
    case Standing::kNearPoor:
      return now == Standing::kPoor ? v1::HOUSEHOLD_OUTCOME_NEAR_POOR_TO_POOR
                                    : v1::HOUSEHOLD_OUTCOME_ESCAPED_NEAR_POOR;
    case Standing::kNeither:
      if (now == Standing::kNearPoor) return v1::HOUSEHOLD_OUTCOME_NEW_NEAR_POOR;
      return escaped_before ? v1::HOUSEHOLD_OUTCOME_RE_POOR : v1::HOUSEHOLD_OUTCOME_NEW_POOR;
  }
  return v1::HOUSEHOLD_OUTCOME_UNSPECIFIED;
}

bool IsEscape(v1::HouseholdOutcome outcome) {
  return outcome == v1::HOUSEHOLD_OUTCOME_ESCAPED_POOR ||
         outcome == v1::HOUSEHOLD_OUTCOME_ESCAPED_NEAR_POOR ||
         outcome == v1::HOUSEHOLD_OUTCOME_POOR_TO_NEAR_POOR;
}

absl::CivilDay CivilDayOf(const v1::Date& date) {
  return absl::CivilDay(date.year(), date.month(), date.day());
}

}  // namespace

RecognisedOutcome OutcomeOf(const std::optional<PreviousRecognition>& previous,
                            v1::PovertyClass current, const v1::Date& recognised_on) {
  RecognisedOutcome result;
  if (current == v1::POVERTY_CLASS_UNSPECIFIED) return result;
  if (!previous.has_value() || previous->poverty_class == v1::POVERTY_CLASS_UNSPECIFIED) {
    result.outcome = v1::HOUSEHOLD_OUTCOME_FIRST_REVIEWED;
    return result;
  }
  result.outcome = ChangeOf(StandingOf(previous->poverty_class), StandingOf(current),
                            previous->escaped_on.has_value());
  result.escaped_on = IsEscape(result.outcome) ? recognised_on : previous->escaped_on;
  return result;
}

bool RecentlyEscaped(const v1::Date& escaped_on, const v1::Date& as_of, int window_months) {
  if (Before(as_of, escaped_on)) return false;
  const absl::CivilMonth end_month =
      absl::CivilMonth(escaped_on.year(), escaped_on.month()) + window_months;
  // The month's last day, if it is shorter than the day of the month it escaped on.
  const absl::CivilDay last_of_month = absl::CivilDay(end_month + 1) - 1;
  const absl::CivilDay end(end_month.year(), end_month.month(),
                           std::min(escaped_on.day(), last_of_month.day()));
  return CivilDayOf(as_of) < end;
}

}  // namespace rasoat::rules
