#include "sync/rules/household_validator.h"

#include <cmath>
#include <cstdint>
#include <limits>
#include <string>
#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "sync/rules/calendar.h"
#include "sync/rules/member_checks.h"
#include "sync/rules/validation_issues.h"

namespace rasoat::rules {
namespace {

using internal::CheckElementId;
using internal::CheckHead;
using internal::CheckMember;
using internal::ElementNames;
using internal::FormatVnd;
using internal::IndexMembers;
using internal::IsBlank;
using internal::IsDigits;
using internal::Issues;
using internal::KnownCode;
using internal::Members;
using internal::NameElements;
using internal::RequiredCode;

// Limits of the form (the members' limits are in member_checks.cc).
// More living floor area per person than this is a typo (an extra zero).
constexpr double kMaxFloorAreaPerPersonM2 = 500;
// More income per person per month than this is a typo in the zeros.
constexpr int64_t kMaxMonthlyIncomePerPersonVnd = 500'000'000;
// Lengths of the numeric codes: province, commune (Decision 19/2025).
constexpr size_t kProvinceCodeDigits = 2;
constexpr size_t kCommuneCodeDigits = 5;

// The record's location.

void CheckDigitCode(const std::string& value, size_t digits, const std::string& path,
                    const char* what, Issues& issues) {
  if (value.empty()) {
    issues.Add(path, "REQUIRED", absl::StrCat(what, " is missing"));
  } else if (!IsDigits(value, digits)) {
    issues.Add(path, "BAD_FORMAT",
               absl::StrCat(what, " \"", value, "\" must be exactly ", digits, " digits"));
  }
}

void CheckLocation(const v1::Location& location, Issues& issues) {
  CheckDigitCode(location.province_code(), kProvinceCodeDigits, "location.province_code",
                 "province code", issues);
  CheckDigitCode(location.commune_code(), kCommuneCodeDigits, "location.commune_code",
                 "commune code", issues);
  if (IsBlank(location.village_code())) {
    issues.Add("location.village_code", "REQUIRED", "village is missing");
  }
  RequiredCode(location.area(), v1::Area_IsValid, "location.area", "area (urban or rural)", issues);
}

// Incomes.

void CheckIncomes(const v1::Household& household, const Members& members, Issues& issues) {
  const ElementNames names =
      NameElements(household.incomes(), "incomes", &v1::IncomeItem::income_id);
  int64_t total = 0;  // Of the non-negative amounts: negative ones are reported on their own.
  for (int i = 0; i < household.incomes_size(); ++i) {
    const v1::IncomeItem& item = household.incomes(i);
    const std::string& prefix = names.paths[i];
    const auto at = [&prefix](const char* field) { return absl::StrCat(prefix, ".", field); };
    CheckElementId(item.income_id(), i, names, at("income_id"), "income line", issues);
    RequiredCode(item.source(), v1::IncomeSource_IsValid, at("source"), "income source", issues);
    if (!item.member_id().empty() && !members.names.first.contains(item.member_id())) {
      issues.Add(at("member_id"), "UNKNOWN_MEMBER",
                 absl::StrCat("earner \"", item.member_id(), "\" is not one of the members"));
    }
    if (item.annual_amount_vnd() < 0) {
      issues.Add(
          at("annual_amount_vnd"), "OUT_OF_RANGE",
          absl::StrCat("annual amount ", FormatVnd(item.annual_amount_vnd()), " VND is negative"));
    } else if (__builtin_add_overflow(total, item.annual_amount_vnd(), &total)) {
      total = std::numeric_limits<int64_t>::max();  // Implausible anyway.
    }
  }
  if (household.members_size() == 0) return;
  // Per person per month, compared exactly: total > limit × months.
  const int64_t months = 12 * static_cast<int64_t>(household.members_size());
  const int64_t per_person = total / months;
  if (per_person > kMaxMonthlyIncomePerPersonVnd ||
      (per_person == kMaxMonthlyIncomePerPersonVnd && total % months != 0)) {
    issues.Add("incomes", "IMPLAUSIBLE",
               absl::StrCat("income per person per month of ", FormatVnd(per_person),
                            " VND is implausible (over ", FormatVnd(kMaxMonthlyIncomePerPersonVnd),
                            "): check the amounts for extra zeros"));
  }
}

// Housing and the interview time.

void CheckHousing(const v1::Housing& housing, int member_count, Issues& issues) {
  const double area = housing.floor_area_m2();
  const char* path = "housing.floor_area_m2";
  if (!std::isfinite(area)) {
    issues.Add(path, "OUT_OF_RANGE", "floor area is not a number");
  } else if (area < 0) {
    issues.Add(path, "OUT_OF_RANGE", absl::StrFormat("floor area %.1f m² is negative", area));
  } else if (member_count > 0 && area / member_count > kMaxFloorAreaPerPersonM2) {
    issues.Add(path, "IMPLAUSIBLE",
               absl::StrFormat("floor area %.1f m² for %d members is %.1f m² per person, over "
                               "%.0f: check for extra zeros",
                               area, member_count, area / member_count, kMaxFloorAreaPerPersonM2));
  }
  KnownCode(housing.water_source(), v1::WaterSource_IsValid, "housing.water_source", "water source",
            issues);
  KnownCode(housing.latrine(), v1::Latrine_IsValid, "housing.latrine", "latrine", issues);
  KnownCode(housing.waste_handling(), v1::WasteHandling_IsValid, "housing.waste_handling",
            "waste handling", issues);
}

void CheckSurveyedAt(int64_t surveyed_at, int64_t now, Issues& issues) {
  if (surveyed_at < 0) {
    issues.Add("surveyed_at_unix", "OUT_OF_RANGE",
               absl::StrCat("interview time ", surveyed_at,
                            " is before 1970: the tablet's clock is wrong"));
  } else if (InterviewInFuture(surveyed_at, now)) {
    issues.Add("surveyed_at_unix", "IN_FUTURE",
               absl::StrCat("interview time ", surveyed_at, " (", FormatVietnamDay(surveyed_at),
                            ") is more than a day after the record reached the server (",
                            FormatVietnamDay(now), "): the tablet's clock is wrong"));
  }
}

}  // namespace

bool InterviewInFuture(int64_t surveyed_at_unix, int64_t now_unix) {
  int64_t latest = 0;
  if (__builtin_add_overflow(now_unix, kMaxClockSkewSeconds, &latest)) return false;
  return surveyed_at_unix > latest;
}

std::vector<v1::ValidationIssue> ValidateHousehold(const v1::Household& household,
                                                   const ValidationContext& context) {
  Issues issues;
  CheckLocation(household.location(), issues);
  const Members members = IndexMembers(household, context.reference_date);
  CheckHead(household, members, issues);
  if (household.members_size() == 0) {
    issues.Add("members", "REQUIRED", "the household has no members");
  } else if (household.members_size() > context.max_members) {
    issues.Add("members", "TOO_MANY_MEMBERS",
               absl::StrCat(household.members_size(),
                            " members are more than a household may have (", context.max_members,
                            " by the round's standard): check for members entered twice"));
  }
  for (int i = 0; i < household.members_size(); ++i) {
    CheckMember(household, members, i, context.reference_date, issues);
  }
  CheckIncomes(household, members, issues);
  CheckHousing(household.housing(), household.members_size(), issues);
  CheckSurveyedAt(household.surveyed_at_unix(), context.now_unix, issues);
  return std::move(issues.found);
}

}  // namespace rasoat::rules
