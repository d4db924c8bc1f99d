// PovertyReport: the figures of a commune (or a province) over its households recognised in a
// round (DOMAIN.md "The procedure the workflow follows", "Report breakdowns"): poor and
// near-poor households and their members by the national and the local standard, as rates of
// all the area's households (the targets file's denominator, not only the surveyed); the
// outcomes against the round before; the priority groups; the deprivations per indicator; the
// households recently escaped and those of them that fell back; and each target of the area
// with its actual figure, met or missed. Built from what the caller read, so that it is a pure
// function a test checks against figures computed by hand.
//
// Thread-safety: pure functions.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "rasoat/v1/household.pb.h"
#include "rasoat/v1/report.pb.h"
#include "rasoat/v1/standard.pb.h"
#include "rasoat/v1/targets.pb.h"

namespace rasoat {

// One household recognised in the round, as recognised.
struct RecognisedHousehold {
  // The recognised version's record; not owned, must outlive the call.
  const v1::Household* record = nullptr;
  // Its classification under the round's standard, with `local` where a local standard applies.
  v1::Classification classification;
  v1::HouseholdOutcome outcome = v1::HOUSEHOLD_OUTCOME_UNSPECIFIED;
};

// A household that has escaped poverty or near-poverty at some time: the day of its last escape
// (from its latest recognition, in this round or the one before) and its class in this round's
// recognition (UNSPECIFIED when it has none yet).
//
// It is recently escaped while rules::RecentlyEscaped(escaped_on, as_of, the standard's
// procedure.recently_escaped_months) holds; a record whose escaped_on is not a real date is not.
// A recently escaped household fell back when its current class is the one it escaped from or
// worse: poor again after escaping poverty (poor to near-poor or neither), poor or near-poor
// again after escaping near-poverty. A household that went from poor to near-poor in this round
// escaped and has not fallen back.
struct EscapeRecord {
  std::string household_id;
  v1::Date escaped_on;
  v1::PovertyClass current_class = v1::POVERTY_CLASS_UNSPECIFIED;
  // The class it escaped from on escaped_on: POOR or NEAR_POOR. UNSPECIFIED (not known) is
  // judged as an escape from near-poverty: poor or near-poor now is a fall back.
  v1::PovertyClass escaped_from = v1::POVERTY_CLASS_UNSPECIFIED;
};

// The national figures of the round before, over its recognised households.
struct PreviousFigures {
  std::string round_id;
  uint32_t poor_households = 0;
  uint32_t near_poor_households = 0;
  uint32_t poor_members = 0;
  uint32_t near_poor_members = 0;
  // The denominator of that round's rates (CommuneTargets.previous_households, or households).
  uint32_t households = 0;
};

struct ReportInputs {
  std::string round_id;
  std::string area_code;
  std::string area_name;
  // All households of the area: the denominator; 0 leaves every rate at 0.
  uint32_t households = 0;
  // The round's national standard: its indicators (in order, with names), its thresholds (the
  // working age of low-income workers, the age of children) and its procedure (the
  // recently-escaped window). Not owned.
  const v1::PovertyStandard* standard = nullptr;
  std::vector<RecognisedHousehold> recognised;
  std::optional<PreviousFigures> previous;
  std::vector<EscapeRecord> escapes;
  // The day "recently escaped" is judged on.
  v1::Date as_of;
  // The area's targets; null when it has none. Not owned.
  const v1::PovertyTargets* targets = nullptr;
};

// The report of one area. REQUIRES: inputs.standard is set and every record is set.
//
// Rates are count × 100 / households, 0 when households is 0; the previous round's over
// previous->households. Targets are judged in the order of PovertyTargets' fields; a reduction
// needs the previous figures (without them its actual is 0, it is missed, and its text says
// "(no previous round)"). Rates and points are compared rounded to 4 decimals, so that
// 3 fewer poor households of 30,000 meet "down by 0.01 points" exactly.
v1::PovertyReport BuildPovertyReport(const ReportInputs& inputs);

// The report of a province over its communes' reports: every count summed, the rates computed
// again over the summed denominators, the previous figures summed where every commune with
// them has them, and the province's own targets judged on the sums. `province_targets` may be
// null.
//
// In detail: the previous figures (and previous_households) are those of the communes that have
// them, summed, and are set only when every commune with recognised households has them (else a
// reduction would compare part of the province with all of it); previous_round_id and
// local_standard_name are the first commune's that has one; as_of is the first commune's;
// deprivations are by indicator in the order the communes list them (the first commune's
// first); recently escaped households are listed commune after commune.
v1::PovertyReport SumPovertyReports(const std::string& round_id, const std::string& province_code,
                                    const std::string& province_name,
                                    std::span<const v1::PovertyReport> communes,
                                    const v1::PovertyTargets* province_targets);

}  // namespace rasoat
