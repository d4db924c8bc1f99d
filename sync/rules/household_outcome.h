// HouseholdOutcome: what a household's recognition in a round means against its recognition in
// the round before (DOMAIN.md "The procedure the workflow follows"): newly poor or near-poor,
// poor again after having escaped, escaped, moved between poor and near-poor, unchanged, or
// reviewed for the first time; the day it last escaped; and whether that was recently enough
// for the support households that escaped keep for a while (a window of months, 36 by default,
// which the round or the standard sets).
//
// Thread-safety: pure functions.
#pragma once

#include <optional>

#include "rasoat/v1/household.pb.h"
#include "rasoat/v1/standard.pb.h"

namespace rasoat::rules {

// A household's recognition in the round before: its class, and the day it last escaped
// poverty or near-poverty, if it ever did.
struct PreviousRecognition {
  v1::PovertyClass poverty_class = v1::POVERTY_CLASS_UNSPECIFIED;
  std::optional<v1::Date> escaped_on;
};

struct RecognisedOutcome {
  v1::HouseholdOutcome outcome = v1::HOUSEHOLD_OUTCOME_UNSPECIFIED;
  // The day it last escaped: `recognised_on` if this recognition is an escape (from poor to
  // near-poor or neither, or from near-poor to neither), else the previous one, kept through a
  // fall back so that the record says it escaped once.
  std::optional<v1::Date> escaped_on;
};

// The outcome of recognising a household as `current` on `recognised_on`, given its previous
// recognition (nullopt, or one of class UNSPECIFIED: none; FIRST_REVIEWED). UNSPECIFIED if
// `current` is.
RecognisedOutcome OutcomeOf(const std::optional<PreviousRecognition>& previous,
                            v1::PovertyClass current, const v1::Date& recognised_on);

// Whether a household that escaped on `escaped_on` is still recently escaped on `as_of`: from
// that day up to, and not including, the same day of the month `window_months` later, or that
// month's last day if it has no such day (escaped on 31 May, a 9-month window ends before
// 28 or 29 February). Never before it escaped. REQUIRES: both are real dates
// (calendar.h IsRealDate); window_months >= 0.
bool RecentlyEscaped(const v1::Date& escaped_on, const v1::Date& as_of, int window_months);

}  // namespace rasoat::rules
