#include "sync/review/poverty_report.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "sync/rules/age.h"
#include "sync/rules/calendar.h"
#include "sync/rules/household_outcome.h"

namespace rasoat {
namespace {

using IndicatorCount = v1::CommuneSummaryResponse::IndicatorCount;

// The ethnicity code of the Kinh, the majority: a member of any other group makes an
// ethnic-minority household (unverified).
constexpr char kKinhEthnicityCode[] = "01";

// Rates and their differences are compared at this many decimals (10^4). A rate is a quotient of
// two counts and carries a binary rounding error, which a difference keeps: 120 of 30,000 is
// 0.4 %, 117 is 0.39 %, and 0.4 - 0.39 is 0.010000000000000009 in doubles, where the next pair
// could as well come out just under 0.01 and miss a goal it meets. Four decimals are far finer
// than any target (set in hundredths of a point) and far coarser than that error.
constexpr double kComparedDecimals = 1e4;

double Rounded(double value) { return std::round(value * kComparedDecimals) / kComparedDecimals; }

double Rate(uint32_t count, uint32_t households) {
  return households == 0 ? 0.0 : count * 100.0 / households;
}

void SetRates(uint32_t households, v1::ClassFigures& figures) {
  figures.set_poor_rate_percent(Rate(figures.poor_households(), households));
  figures.set_near_poor_rate_percent(Rate(figures.near_poor_households(), households));
}

// Counts a household of `members` persons of class `poverty_class` in `figures`.
void CountClass(v1::PovertyClass poverty_class, int members, v1::ClassFigures& figures) {
  if (poverty_class == v1::POVERTY_CLASS_POOR) {
    figures.set_poor_households(figures.poor_households() + 1);
    figures.set_poor_members(figures.poor_members() + members);
  } else if (poverty_class == v1::POVERTY_CLASS_NEAR_POOR) {
    figures.set_near_poor_households(figures.near_poor_households() + 1);
    figures.set_near_poor_members(figures.near_poor_members() + members);
  }
}

void AddCounts(const v1::ClassFigures& from, v1::ClassFigures& to) {
  to.set_poor_households(to.poor_households() + from.poor_households());
  to.set_near_poor_households(to.near_poor_households() + from.near_poor_households());
  to.set_poor_members(to.poor_members() + from.poor_members());
  to.set_near_poor_members(to.near_poor_members() + from.near_poor_members());
}

bool PoorOrNearPoor(v1::PovertyClass poverty_class) {
  return poverty_class == v1::POVERTY_CLASS_POOR || poverty_class == v1::POVERTY_CLASS_NEAR_POOR;
}

// EscapeRecord: poor again after escaping poverty; poor or near-poor after near-poverty.
bool FellBack(const EscapeRecord& escape) {
  if (escape.escaped_from == v1::POVERTY_CLASS_POOR) {
    return escape.current_class == v1::POVERTY_CLASS_POOR;
  }
  return PoorOrNearPoor(escape.current_class);
}

// Households per outcome and groups' figures, indexed by enum value.
using OutcomeTally = std::array<uint32_t, v1::HouseholdOutcome_ARRAYSIZE>;
using GroupTally = std::array<v1::GroupFigures, v1::PriorityGroup_ARRAYSIZE>;

void AddOutcomes(const OutcomeTally& tally, v1::PovertyReport& report) {
  for (int outcome = 0; outcome < v1::HouseholdOutcome_ARRAYSIZE; ++outcome) {
    if (tally[outcome] == 0 || !v1::HouseholdOutcome_IsValid(outcome)) continue;
    v1::OutcomeFigures* figures = report.add_by_outcome();
    figures->set_outcome(static_cast<v1::HouseholdOutcome>(outcome));
    figures->set_households(tally[outcome]);
  }
}

void AddGroups(const GroupTally& tally, v1::PovertyReport& report) {
  for (int group = 0; group < v1::PriorityGroup_ARRAYSIZE; ++group) {
    if (group == v1::PRIORITY_GROUP_UNSPECIFIED || !v1::PriorityGroup_IsValid(group)) continue;
    v1::GroupFigures* figures = report.add_by_group();
    *figures = tally[group];
    figures->set_group(static_cast<v1::PriorityGroup>(group));
  }
}

// Counts `count` households or persons of `group` in a household of class `poverty_class`.
void CountGroup(v1::PriorityGroup group, v1::PovertyClass poverty_class, uint32_t count,
                GroupTally& tally) {
  v1::GroupFigures& figures = tally[group];
  if (poverty_class == v1::POVERTY_CLASS_POOR) {
    figures.set_in_poor(figures.in_poor() + count);
  } else if (poverty_class == v1::POVERTY_CLASS_NEAR_POOR) {
    figures.set_in_near_poor(figures.in_near_poor() + count);
  }
}

// The priority groups of one recognised household, by its national class.
void CountGroups(const RecognisedHousehold& household, const v1::IndicatorThresholds& thresholds,
                 const v1::Date& as_of, GroupTally& tally) {
  const v1::PovertyClass poverty_class = household.classification.poverty_class();
  bool ethnic_minority = false;
  bool person_of_merit = false;
  bool female_head = false;
  uint32_t children = 0;
  uint32_t disabled = 0;
  uint32_t women = 0;
  uint32_t workers = 0;
  for (const v1::Member& member : household.record->members()) {
    const std::optional<int> age = rules::AgeOn(member.birth_date(), as_of);
    const bool female = member.sex() == v1::SEX_FEMALE;
    ethnic_minority |=
        !member.ethnicity_code().empty() && member.ethnicity_code() != kKinhEthnicityCode;
    person_of_merit |= member.person_of_merit();
    female_head |= female && member.member_id() == household.record->head_member_id();
    children += age.has_value() && *age < thresholds.dependant_child_age_under();
    disabled += member.has_disability();
    women += female;
    workers += age.has_value() && *age >= thresholds.working_age_min() &&
               *age <= thresholds.working_age_max();
  }
  CountGroup(v1::PRIORITY_GROUP_ETHNIC_MINORITY_HOUSEHOLDS, poverty_class, ethnic_minority, tally);
  CountGroup(v1::PRIORITY_GROUP_PERSON_OF_MERIT_HOUSEHOLDS, poverty_class, person_of_merit, tally);
  CountGroup(v1::PRIORITY_GROUP_FEMALE_HEADED_HOUSEHOLDS, poverty_class, female_head, tally);
  CountGroup(v1::PRIORITY_GROUP_CHILDREN, poverty_class, children, tally);
  CountGroup(v1::PRIORITY_GROUP_PEOPLE_WITH_DISABILITIES, poverty_class, disabled, tally);
  CountGroup(v1::PRIORITY_GROUP_WOMEN, poverty_class, women, tally);
  if (household.classification.low_income_worker_household()) {
    v1::GroupFigures& low_income = tally[v1::PRIORITY_GROUP_LOW_INCOME_WORKERS];
    low_income.set_low_income_workers(low_income.low_income_workers() + workers);
  }
}

bool Deprived(const v1::Classification& classification, v1::Indicator indicator) {
  return std::any_of(classification.indicators().begin(), classification.indicators().end(),
                     [indicator](const v1::IndicatorResult& result) {
                       return result.indicator() == indicator && result.deprived();
                     });
}

// "1.50", "0.15", "0.125": two decimals at least, four at most.
std::string Decimal(double value) {
  std::string text = absl::StrFormat("%.4f", value);
  while (text.size() > 3 && text.back() == '0' && text[text.size() - 3] != '.') text.pop_back();
  return text;
}

std::string Households(uint32_t count, const char* kind) {
  return absl::StrCat(count, " fewer ", kind, count == 1 ? " household" : " households");
}

void AddTarget(const std::string& text, double goal, double actual, bool met,
               v1::PovertyReport& report) {
  v1::TargetResult* result = report.add_targets();
  result->set_target(text);
  result->set_goal(goal);
  result->set_actual(actual);
  result->set_met(met);
}

// What a reduction counts: rate points, or households.
enum class Reduction { kPoints, kHouseholds };

// "At least `goal` less than in the round before" of `what` ("poor", "near-poor"), from the
// figures `previous` and `current`; missed without previous figures.
void AddReduction(Reduction unit, const char* what, double goal, double previous, double current,
                  bool has_previous, v1::PovertyReport& report) {
  const bool points = unit == Reduction::kPoints;
  std::string text = points
                         ? absl::StrCat(what, " rate down by at least ", Decimal(goal), " points")
                         : absl::StrCat("at least ", Households(static_cast<uint32_t>(goal), what));
  if (!has_previous) {
    AddTarget(absl::StrCat(text, " (no previous round)"), goal, 0, false, report);
    return;
  }
  const double actual = points ? Rounded(previous - current) : previous - current;
  AddTarget(text, goal, actual, actual >= (points ? Rounded(goal) : goal), report);
}

// Appends the result of each target set in `targets`, judged on the report's figures.
void JudgeTargets(const v1::PovertyTargets& targets, v1::PovertyReport& report) {
  const v1::ClassFigures& now = report.national();
  const v1::ClassFigures& before = report.previous();
  const bool has_previous = report.has_previous();
  if (targets.has_max_poor_rate_percent()) {
    const double goal = targets.max_poor_rate_percent();
    const double actual = Rounded(now.poor_rate_percent());
    AddTarget(absl::StrCat("poor rate at most ", Decimal(goal), " %"), goal, actual,
              actual <= Rounded(goal), report);
  }
  if (targets.has_poor_rate_reduction_points()) {
    AddReduction(Reduction::kPoints, "poor", targets.poor_rate_reduction_points(),
                 before.poor_rate_percent(), now.poor_rate_percent(), has_previous, report);
  }
  if (targets.has_poor_households_reduction()) {
    AddReduction(Reduction::kHouseholds, "poor", targets.poor_households_reduction(),
                 before.poor_households(), now.poor_households(), has_previous, report);
  }
  if (targets.has_near_poor_rate_reduction_points()) {
    AddReduction(Reduction::kPoints, "near-poor", targets.near_poor_rate_reduction_points(),
                 before.near_poor_rate_percent(), now.near_poor_rate_percent(), has_previous,
                 report);
  }
  if (targets.has_near_poor_households_reduction()) {
    AddReduction(Reduction::kHouseholds, "near-poor", targets.near_poor_households_reduction(),
                 before.near_poor_households(), now.near_poor_households(), has_previous, report);
  }
  if (targets.no_recently_escaped_falls_back()) {
    AddTarget("no recently escaped household falls back", 0, report.fell_back(),
              report.fell_back() == 0, report);
  }
}

}  // namespace

v1::PovertyReport BuildPovertyReport(const ReportInputs& inputs) {
  const v1::PovertyStandard& standard = *inputs.standard;
  v1::PovertyReport report;
  report.set_round_id(inputs.round_id);
  report.set_area_code(inputs.area_code);
  report.set_area_name(inputs.area_name);
  report.set_households(inputs.households);
  report.set_recognised_households(static_cast<uint32_t>(inputs.recognised.size()));
  *report.mutable_as_of() = inputs.as_of;

  OutcomeTally outcomes{};
  GroupTally groups{};
  std::vector<uint32_t> deprived(standard.indicators_size(), 0);
  for (const RecognisedHousehold& household : inputs.recognised) {
    const v1::Classification& classification = household.classification;
    const int members = household.record->members_size();
    CountClass(classification.poverty_class(), members, *report.mutable_national());
    if (classification.has_local()) {
      if (report.local_standard_name().empty()) {
        report.set_local_standard_name(classification.local().standard_name());
      }
      CountClass(classification.local().poverty_class(), members, *report.mutable_local());
    }
    if (v1::HouseholdOutcome_IsValid(household.outcome)) ++outcomes[household.outcome];
    CountGroups(household, standard.thresholds(), inputs.as_of, groups);
    if (!PoorOrNearPoor(classification.poverty_class())) continue;
    for (int i = 0; i < standard.indicators_size(); ++i) {
      deprived[i] += Deprived(classification, standard.indicators(i).id());
    }
  }
  SetRates(inputs.households, *report.mutable_national());
  if (report.has_local()) SetRates(inputs.households, *report.mutable_local());
  AddOutcomes(outcomes, report);
  AddGroups(groups, report);
  for (int i = 0; i < standard.indicators_size(); ++i) {
    IndicatorCount* count = report.add_deprivations();
    count->set_indicator(standard.indicators(i).id());
    count->set_name(standard.indicators(i).name());
    count->set_deprived_households(deprived[i]);
  }

  if (inputs.previous.has_value()) {
    const PreviousFigures& previous = *inputs.previous;
    v1::ClassFigures* figures = report.mutable_previous();
    figures->set_poor_households(previous.poor_households);
    figures->set_near_poor_households(previous.near_poor_households);
    figures->set_poor_members(previous.poor_members);
    figures->set_near_poor_members(previous.near_poor_members);
    SetRates(previous.households, *figures);
    report.set_previous_round_id(previous.round_id);
    report.set_previous_households(previous.households);
  }

  const int window_months = standard.procedure().recently_escaped_months();
  const bool as_of_real = rules::IsRealDate(inputs.as_of);
  for (const EscapeRecord& escape : inputs.escapes) {
    if (!as_of_real || !rules::IsRealDate(escape.escaped_on) ||
        !rules::RecentlyEscaped(escape.escaped_on, inputs.as_of, window_months)) {
      continue;
    }
    if (FellBack(escape)) {
      report.set_fell_back(report.fell_back() + 1);
      continue;
    }
    v1::RecentlyEscaped* listed = report.add_recently_escaped();
    listed->set_household_id(escape.household_id);
    *listed->mutable_escaped_on() = escape.escaped_on;
    listed->set_poverty_class(escape.current_class);
  }

  if (inputs.targets != nullptr) JudgeTargets(*inputs.targets, report);
  return report;
}

v1::PovertyReport SumPovertyReports(const std::string& round_id, const std::string& province_code,
                                    const std::string& province_name,
                                    std::span<const v1::PovertyReport> communes,
                                    const v1::PovertyTargets* province_targets) {
  v1::PovertyReport report;
  report.set_round_id(round_id);
  report.set_area_code(province_code);
  report.set_area_name(province_name);
  if (!communes.empty()) *report.mutable_as_of() = communes.front().as_of();

  OutcomeTally outcomes{};
  GroupTally groups{};
  v1::ClassFigures previous;
  uint32_t previous_households = 0;
  bool any_previous = false;
  bool previous_missing = false;
  for (const v1::PovertyReport& commune : communes) {
    report.set_households(report.households() + commune.households());
    report.set_recognised_households(report.recognised_households() +
                                     commune.recognised_households());
    AddCounts(commune.national(), *report.mutable_national());
    if (commune.has_local()) AddCounts(commune.local(), *report.mutable_local());
    if (report.local_standard_name().empty()) {
      report.set_local_standard_name(commune.local_standard_name());
    }
    if (commune.has_previous()) {
      AddCounts(commune.previous(), previous);
      previous_households += commune.previous_households();
      any_previous = true;
      if (report.previous_round_id().empty()) {
        report.set_previous_round_id(commune.previous_round_id());
      }
    } else if (commune.recognised_households() > 0) {
      previous_missing = true;
    }
    for (const v1::OutcomeFigures& figures : commune.by_outcome()) {
      if (v1::HouseholdOutcome_IsValid(figures.outcome())) {
        outcomes[figures.outcome()] += figures.households();
      }
    }
    for (const v1::GroupFigures& figures : commune.by_group()) {
      if (!v1::PriorityGroup_IsValid(figures.group())) continue;
      v1::GroupFigures& sum = groups[figures.group()];
      sum.set_in_poor(sum.in_poor() + figures.in_poor());
      sum.set_in_near_poor(sum.in_near_poor() + figures.in_near_poor());
      sum.set_low_income_workers(sum.low_income_workers() + figures.low_income_workers());
    }
    for (const IndicatorCount& count : commune.deprivations()) {
      auto sum = std::find_if(
          report.mutable_deprivations()->begin(), report.mutable_deprivations()->end(),
          [&count](const IndicatorCount& c) { return c.indicator() == count.indicator(); });
      if (sum == report.mutable_deprivations()->end()) {
        *report.add_deprivations() = count;
      } else {
        sum->set_deprived_households(sum->deprived_households() + count.deprived_households());
      }
    }
    report.mutable_recently_escaped()->MergeFrom(commune.recently_escaped());
    report.set_fell_back(report.fell_back() + commune.fell_back());
  }
  SetRates(report.households(), *report.mutable_national());
  if (report.has_local()) SetRates(report.households(), *report.mutable_local());
  AddOutcomes(outcomes, report);
  AddGroups(groups, report);
  if (any_previous && !previous_missing) {
    *report.mutable_previous() = previous;
    SetRates(previous_households, *report.mutable_previous());
    report.set_previous_households(previous_households);
  } else {
    report.clear_previous_round_id();
  }

  if (province_targets != nullptr) JudgeTargets(*province_targets, report);
  return report;
}

}  // namespace rasoat
