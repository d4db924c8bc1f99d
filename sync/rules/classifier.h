// Classifies one household record against a poverty standard (DOMAIN.md): per-capita income
// from the actual-income table, the deprivation indicators the standard lists, and the class
// (poor, near-poor, average living standard, not poor), with the reasons. The rules live in the
// standard file; this code only knows how to read each indicator from the record.
// Thread-safety: a pure function.
#pragma once

#include "rasoat/v1/household.pb.h"
#include "rasoat/v1/standard.pb.h"

namespace rasoat::rules {

// Classifies `household` against `standard`; ages are full years at `reference_date` (the
// round's reference day).
//
// Income: the last 12 months' income, sources in standard.excluded_income_sources left out,
// ÷ members ÷ 12. Lines: those of the household's area (location.area). A province's local
// standard is classified by calling this again with it (assessment.h). Then, in order: the first
// matching band; at or under the poor line, POOR with at least deprivations_for_poor deprivations,
// NEAR_POOR otherwise; at or under the average line and agricultural_household,
// AVERAGE_LIVING_STANDARD; otherwise NOT_POOR. Unanswered facts are not deprivations.
//
// Returns POVERTY_CLASS_UNSPECIFIED, with the reason in `explanation`, when the record has no
// members or no area.
// REQUIRES: Validate(standard) is OK.
v1::Classification Classify(const v1::Household& household, const v1::PovertyStandard& standard,
                            const v1::Date& reference_date);

}  // namespace rasoat::rules
