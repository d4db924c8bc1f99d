#include "sync/rules/classifier.h"

#include <algorithm>
#include <cstdint>
#include <limits>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "sync/rules/validation_issues.h"

namespace rasoat::rules {
namespace {

using google::protobuf::RepeatedField;
using internal::FormatVnd;

constexpr int kUnknownAge = -1;

// Full years at `on`, or kUnknownAge without a birth year. Counted in 64 bits, so that no year
// an int32 holds overflows, and brought back into an int.
int AgeOn(const v1::Date& birth, const v1::Date& on) {
  if (birth.year() <= 0) return kUnknownAge;
  int64_t age = int64_t{on.year()} - birth.year();
  if (on.month() < birth.month() || (on.month() == birth.month() && on.day() < birth.day())) {
    --age;
  }
  return static_cast<int>(
      std::clamp<int64_t>(age, std::numeric_limits<int>::min(), std::numeric_limits<int>::max()));
}

template <typename Enum>
bool Contains(const RepeatedField<int>& values, Enum value) {
  return std::find(values.begin(), values.end(), static_cast<int>(value)) != values.end();
}

// The income counted: the amounts of the sources the standard does not exclude, summed without
// overflow. The positive and the negative amounts (an issue of their own for the validator) are
// summed apart, each saturating at its end of int64, so the total does not depend on the order
// of the lines.
int64_t CountedAnnualIncome(const v1::Household& household, const v1::PovertyStandard& standard) {
  int64_t gains = 0;
  int64_t losses = 0;
  for (const v1::IncomeItem& item : household.incomes()) {
    if (Contains(standard.excluded_income_sources(), item.source())) continue;
    const int64_t amount = item.annual_amount_vnd();
    int64_t& sum = amount >= 0 ? gains : losses;
    if (__builtin_add_overflow(sum, amount, &sum)) {
      sum = amount >= 0 ? std::numeric_limits<int64_t>::max() : std::numeric_limits<int64_t>::min();
    }
  }
  return gains + losses;  // Of opposite signs: cannot overflow.
}

// Whether an annual income is at or under a monthly line per person: annual <= line × months,
// exactly, and true when the product is beyond int64 (a line no income reaches).
bool AtOrUnder(int64_t annual, int64_t line, int64_t months) {
  int64_t limit = 0;
  if (__builtin_mul_overflow(line, months, &limit)) return line > 0;
  return annual <= limit;
}

struct MemberAge {
  const v1::Member* member;
  int age;
};

// Evaluates the indicators for one household; one method per indicator.
class IndicatorEvaluator {
 public:
  IndicatorEvaluator(const v1::Household& household, const v1::IndicatorThresholds& thresholds,
                     const v1::Date& reference_date)
      : household_(household), t_(thresholds) {
    for (const v1::Member& member : household.members()) {
      members_.push_back({&member, AgeOn(member.birth_date(), reference_date)});
    }
  }

  v1::IndicatorResult Evaluate(v1::Indicator indicator) const {
    v1::IndicatorResult result;
    result.set_indicator(indicator);
    switch (indicator) {
      case v1::INDICATOR_EMPLOYMENT:
        Employment(result);
        break;
      case v1::INDICATOR_DEPENDANTS:
        Dependants(result);
        break;
      case v1::INDICATOR_NUTRITION:
        Nutrition(result);
        break;
      case v1::INDICATOR_HEALTH_INSURANCE:
        HealthInsurance(result);
        break;
      case v1::INDICATOR_ADULT_EDUCATION:
        AdultEducation(result);
        break;
      case v1::INDICATOR_CHILD_SCHOOLING:
        ChildSchooling(result);
        break;
      case v1::INDICATOR_HOUSING_QUALITY:
        HousingQuality(result);
        break;
      case v1::INDICATOR_FLOOR_AREA:
        FloorArea(result);
        break;
      case v1::INDICATOR_WATER:
        Set(result, Deprived(household_.housing().water_source(), t_.hygienic_water_sources()),
            "unhygienic water source", "hygienic water source or not recorded");
        break;
      case v1::INDICATOR_LATRINE:
        Set(result, Deprived(household_.housing().latrine(), t_.hygienic_latrines()),
            "no hygienic latrine", "hygienic latrine or not recorded");
        break;
      case v1::INDICATOR_WASTE:
        Set(result, Deprived(household_.housing().waste_handling(), t_.acceptable_waste_handling()),
            "household waste not collected or treated", "waste handled or not recorded");
        break;
      case v1::INDICATOR_TELECOM: {
        const v1::Information& info = household_.information();
        Set(result,
            NoneTrue({info.has_uses_telecom() ? info.uses_telecom() : kUnanswered,
                      info.has_uses_internet() ? info.uses_internet() : kUnanswered}),
            "no member uses telephone or internet", "uses telephone or internet, or not recorded");
        break;
      }
      case v1::INDICATOR_INFORMATION_DEVICES: {
        const v1::Information& info = household_.information();
        Set(result,
            NoneTrue({info.has_has_tv() ? info.has_tv() : kUnanswered,
                      info.has_has_radio() ? info.has_radio() : kUnanswered,
                      info.has_has_computer() ? info.has_computer() : kUnanswered,
                      info.has_has_smartphone() ? info.has_smartphone() : kUnanswered}),
            "no TV, radio, computer or smartphone", "has an information device or not recorded");
        break;
      }
      case v1::INDICATOR_DIGITAL_SERVICES: {
        const v1::Information& info = household_.information();
        Set(result,
            NoneTrue({info.has_uses_internet() ? info.uses_internet() : kUnanswered,
                      info.has_uses_digital_public_services() ? info.uses_digital_public_services()
                                                              : kUnanswered}),
            "uses neither internet nor digital services", "uses digital services or not recorded");
        break;
      }
      default:
        result.set_reason("indicator not known to this version: not counted");
        break;
    }
    return result;
  }

 private:
  // A tri-state answer: 0 no, 1 yes, kUnanswered.
  static constexpr int kUnanswered = -1;

  static void Set(v1::IndicatorResult& result, bool deprived, const std::string& if_deprived,
                  const std::string& if_not) {
    result.set_deprived(deprived);
    result.set_reason(deprived ? if_deprived : if_not);
  }

  // Deprived when `answer` is recorded and not among `acceptable`.
  template <typename Enum>
  static bool Deprived(Enum answer, const RepeatedField<int>& acceptable) {
    return answer != 0 && !Contains(acceptable, answer);
  }

  // Deprived when at least one answer is recorded and none is yes.
  static bool NoneTrue(std::initializer_list<int> answers) {
    bool answered = false;
    for (int answer : answers) {
      if (answer == 1) return false;
      if (answer == 0) answered = true;
    }
    return answered;
  }

  void Employment(v1::IndicatorResult& result) const {
    for (const MemberAge& m : members_) {
      if (m.age < t_.working_age_min() || m.age > t_.working_age_max()) continue;
      if (m.member->employment() == v1::EMPLOYMENT_UNEMPLOYED) {
        return Set(result, true, absl::StrCat("a member aged ", m.age, " is unemployed"), "");
      }
      if (m.member->employment() == v1::EMPLOYMENT_WAGED_WITHOUT_CONTRACT) {
        return Set(result, true,
                   absl::StrCat("a member aged ", m.age, " works for pay without a contract"), "");
      }
    }
    Set(result, false, "", "no working-age member unemployed or without contract");
  }

  void Dependants(v1::IndicatorResult& result) const {
    int dependants = 0;
    for (const MemberAge& m : members_) {
      const bool child = m.age != kUnknownAge && m.age < t_.dependant_child_age_under();
      const bool elderly = m.age != kUnknownAge && m.age >= t_.elderly_age_min();
      const bool disabled = m.member->has_disability() && m.member->receives_social_allowance();
      if (child || elderly || disabled) ++dependants;
    }
    const int total = static_cast<int>(members_.size());
    const bool deprived = dependants > t_.dependants_share_max() * total;
    const std::string share = absl::StrCat(dependants, " of ", total, " members are dependants");
    Set(result, deprived, share, share);
  }

  void Nutrition(v1::IndicatorResult& result) const {
    for (const MemberAge& m : members_) {
      if (m.age == kUnknownAge || m.age >= t_.nutrition_child_age_under()) continue;
      if (m.member->nutrition() == v1::NUTRITION_STUNTED ||
          m.member->nutrition() == v1::NUTRITION_UNDERWEIGHT) {
        return Set(result, true, absl::StrCat("a child aged ", m.age, " is stunted or underweight"),
                   "");
      }
    }
    Set(result, false, "", "no child stunted or underweight");
  }

  void HealthInsurance(v1::IndicatorResult& result) const {
    for (const MemberAge& m : members_) {
      if (m.age == kUnknownAge || m.age < t_.insurance_min_age()) continue;
      if (m.member->has_has_health_insurance() && !m.member->has_health_insurance()) {
        return Set(result, true, absl::StrCat("a member aged ", m.age, " has no health insurance"),
                   "");
      }
    }
    Set(result, false, "",
        absl::StrCat("every member aged ", t_.insurance_min_age(), "+ insured or not recorded"));
  }

  void AdultEducation(v1::IndicatorResult& result) const {
    for (const MemberAge& m : members_) {
      if (m.age < t_.adult_education_age_min() || m.age > t_.adult_education_age_max()) continue;
      const v1::Member& member = *m.member;
      const bool in_training = member.in_vocational_training() ||
                               member.school_attendance() == v1::SCHOOL_ATTENDANCE_AT_AGE_LEVEL ||
                               member.school_attendance() == v1::SCHOOL_ATTENDANCE_BELOW_AGE_LEVEL;
      if (!in_training && member.education() != v1::EDUCATION_UNSPECIFIED &&
          member.education() < t_.adult_education_required()) {
        return Set(
            result, true,
            absl::StrCat("a member aged ", m.age, " not in training lacks the required schooling"),
            "");
      }
    }
    Set(result, false, "", "adults have the required schooling or are in training");
  }

  void ChildSchooling(v1::IndicatorResult& result) const {
    for (const MemberAge& m : members_) {
      if (m.age == kUnknownAge || m.age < t_.child_age_min() || m.age >= t_.child_age_max()) {
        continue;
      }
      const v1::SchoolAttendance attendance = m.member->school_attendance();
      if (attendance == v1::SCHOOL_ATTENDANCE_NOT_ATTENDING ||
          attendance == v1::SCHOOL_ATTENDANCE_BELOW_AGE_LEVEL) {
        return Set(
            result, true,
            absl::StrCat("a child aged ", m.age, " is not at school at the level for their age"),
            "");
      }
    }
    Set(result, false, "", "children attend school at their level");
  }

  void HousingQuality(v1::IndicatorResult& result) const {
    const v1::Housing& housing = household_.housing();
    int non_durable = 0;
    if (housing.has_durable_walls() && !housing.durable_walls()) ++non_durable;
    if (housing.has_durable_columns() && !housing.durable_columns()) ++non_durable;
    if (housing.has_durable_roof() && !housing.durable_roof()) ++non_durable;
    const std::string reason = absl::StrCat(non_durable, " of walls, columns, roof not durable");
    Set(result, non_durable >= t_.housing_non_durable_parts(), reason, reason);
  }

  void FloorArea(v1::IndicatorResult& result) const {
    const double area = household_.housing().floor_area_m2();
    if (area <= 0 || members_.empty()) {
      return Set(result, false, "", "floor area not recorded");
    }
    const double per_person = area / static_cast<double>(members_.size());
    const bool deprived = per_person < t_.floor_area_m2_per_person();
    Set(result, deprived,
        absl::StrCat(per_person, " m² per person, under ", t_.floor_area_m2_per_person()),
        absl::StrCat(per_person, " m² per person"));
  }

  const v1::Household& household_;
  const v1::IndicatorThresholds& t_;
  std::vector<MemberAge> members_;
};

}  // namespace

v1::Classification Classify(const v1::Household& household, const v1::PovertyStandard& standard,
                            const v1::Date& reference_date) {
  v1::Classification out;
  out.set_standard_name(standard.name());
  out.set_area(household.location().area());
  out.set_member_count(household.members_size());
  out.set_deprivations_for_poor(standard.deprivations_for_poor());
  if (household.members_size() == 0) {
    out.set_explanation("cannot classify: the household has no members");
    return out;
  }
  const bool rural = household.location().area() == v1::AREA_RURAL;
  if (!rural && household.location().area() != v1::AREA_URBAN) {
    out.set_explanation("cannot classify: area (rural/urban) not recorded");
    return out;
  }
  const auto pick = [rural](const v1::IncomeLine& line) {
    return rural ? line.rural_vnd() : line.urban_vnd();
  };

  const int64_t poor_line = pick(standard.poor_income_line());
  const int64_t average_line = pick(standard.average_income_line());
  const int64_t worker_line = pick(standard.low_income_worker_line());
  out.set_poor_income_line_vnd(poor_line);
  out.set_average_income_line_vnd(average_line);
  out.set_low_income_worker_line_vnd(worker_line);

  // Income. Compared as annual totals so that rounding never moves a household across a line.
  const int64_t annual = CountedAnnualIncome(household, standard);
  const int64_t months = 12 * static_cast<int64_t>(household.members_size());
  out.set_counted_annual_income_vnd(annual);
  out.set_per_capita_monthly_income_vnd(annual / months);
  const auto at_or_under = [annual, months](int64_t line) {
    return AtOrUnder(annual, line, months);
  };

  // Indicators.
  IndicatorEvaluator evaluator(household, standard.thresholds(), reference_date);
  int deprived = 0;
  for (const v1::IndicatorRule& rule : standard.indicators()) {
    v1::IndicatorResult* result = out.add_indicators();
    *result = evaluator.Evaluate(rule.id());
    if (result->deprived()) ++deprived;
  }
  out.set_deprivation_count(deprived);

  const std::string income = FormatVnd(out.per_capita_monthly_income_vnd());
  const std::string where = rural ? " (rural)" : " (urban)";
  const std::string count = absl::StrCat(deprived, " deprivations");

  for (const v1::IncomeBand& band : standard.bands()) {
    if (at_or_under(pick(band.income_line())) && deprived >= band.min_deprivations()) {
      out.set_poverty_class(band.poverty_class());
      out.set_explanation(absl::StrCat(
          v1::PovertyClass_Name(band.poverty_class()), " (", band.name(), "): ", income,
          " <= ", FormatVnd(pick(band.income_line())), where, ", ", count));
      return out;
    }
  }
  if (at_or_under(poor_line)) {
    const bool poor = deprived >= standard.deprivations_for_poor();
    out.set_poverty_class(poor ? v1::POVERTY_CLASS_POOR : v1::POVERTY_CLASS_NEAR_POOR);
    out.set_explanation(absl::StrCat(poor ? "poor: " : "near-poor: ", income,
                                     " <= ", FormatVnd(poor_line), where, " and ", count,
                                     poor ? " >= " : " < ", standard.deprivations_for_poor()));
    return out;
  }
  out.set_low_income_worker_household(at_or_under(worker_line));
  if (household.agricultural_household() && at_or_under(average_line)) {
    out.set_poverty_class(v1::POVERTY_CLASS_AVERAGE_LIVING_STANDARD);
    out.set_explanation(absl::StrCat("average living standard: ", FormatVnd(poor_line), " < ",
                                     income, " <= ", FormatVnd(average_line), where,
                                     ", agricultural household"));
    return out;
  }
  out.set_poverty_class(v1::POVERTY_CLASS_NOT_POOR);
  out.set_explanation(absl::StrCat("not poor: ", income, " > ", FormatVnd(poor_line), where,
                                   deprived > 0 ? absl::StrCat(", ", count, " do not count") : ""));
  return out;
}

}  // namespace rasoat::rules
