#include "sync/rules/household_validator.h"

#include <cmath>
#include <cstdint>
#include <limits>
#include <string>
#include <tuple>
#include <utility>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"

namespace rasoat::rules {
namespace {

// Limits of the form. Ages are full years at the interview.
// Older than anyone alive: a birth year this far back is a typo.
constexpr int kMaxAgeYears = 120;
// The youngest a head of household may be.
constexpr int kMinHeadAge = 15;
// Under this age nobody attends school (kindergarten starts at 3).
constexpr int kMinSchoolAge = 3;
// From this age to under kChildAgeUnder, school attendance must be answered (indicator 6).
constexpr int kSchoolAnswerAgeMin = 6;
// Children, for school attendance and nutrition (indicators 3 and 6), are under this age.
constexpr int kChildAgeUnder = 16;
// Under this age nobody works for pay or is self-employed on the form.
constexpr int kMinWorkingAge = 15;
// More living floor area per person than this is a typo (an extra zero).
constexpr double kMaxFloorAreaPerPersonM2 = 500;
// More income per person per month than this is a typo in the zeros.
constexpr int64_t kMaxMonthlyIncomePerPersonVnd = 500'000'000;
// Ethnicity codes are 01..kEthnicGroups: the recognised ethnic groups.
constexpr int kEthnicGroups = 54;
// Lengths of the numeric codes: province, commune (Decision 19/2025), national ID (CCCD).
constexpr size_t kProvinceCodeDigits = 2;
constexpr size_t kCommuneCodeDigits = 5;
constexpr size_t kNationalIdDigits = 12;

constexpr int kUnknownAge = -1;

struct Issues {
  void Add(std::string path, const char* code, std::string message) {
    v1::ValidationIssue& issue = found.emplace_back();
    issue.set_path(std::move(path));
    issue.set_code(code);
    issue.set_message(std::move(message));
  }
  std::vector<v1::ValidationIssue> found;
};

bool IsDigits(const std::string& text, size_t length) {
  if (text.size() != length) return false;
  for (char c : text) {
    if (!absl::ascii_isdigit(static_cast<unsigned char>(c))) return false;
  }
  return true;
}

// "01".."54".
bool IsEthnicGroup(const std::string& code) {
  const int group = IsDigits(code, 2) ? (code[0] - '0') * 10 + (code[1] - '0') : 0;
  return group >= 1 && group <= kEthnicGroups;
}

bool IsBlank(const std::string& text) { return absl::StripAsciiWhitespace(text).empty(); }

// 1500000 -> "1,500,000".
std::string FormatVnd(int64_t amount) {
  const uint64_t magnitude =
      amount < 0 ? 0 - static_cast<uint64_t>(amount) : static_cast<uint64_t>(amount);
  const std::string digits = absl::StrCat(magnitude);
  std::string out = amount < 0 ? "-" : "";
  for (size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) out.push_back(',');
    out.push_back(digits[i]);
  }
  return out;
}

// Adds UNKNOWN_CODE at `path` unless `value` is a number the enum defines; returns whether it is.
bool KnownCode(int value, bool (*is_valid)(int), const std::string& path, const char* what,
               Issues& issues) {
  if (is_valid(value)) return true;
  issues.Add(path, "UNKNOWN_CODE", absl::StrCat(what, " code ", value, " is not a known value"));
  return false;
}

// REQUIRED at `path` when `value` is 0 (unspecified), else as KnownCode.
void RequiredCode(int value, bool (*is_valid)(int), const std::string& path, const char* what,
                  Issues& issues) {
  if (value == 0) {
    issues.Add(path, "REQUIRED", absl::StrCat(what, " is not recorded"));
  } else {
    KnownCode(value, is_valid, path, what, issues);
  }
}

// Dates.

// A day of the Gregorian calendar, from year 1.
bool IsRealDate(const v1::Date& date) {
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (date.year() < 1 || date.month() < 1 || date.month() > 12 || date.day() < 1) return false;
  const int year = date.year();
  const bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
  return date.day() <= (date.month() == 2 && leap ? 29 : kDays[date.month() - 1]);
}

bool Before(const v1::Date& a, const v1::Date& b) {
  return std::tuple(a.year(), a.month(), a.day()) < std::tuple(b.year(), b.month(), b.day());
}

std::string FormatDate(const v1::Date& date) {
  return absl::StrFormat("%04d-%02d-%02d", date.year(), date.month(), date.day());
}

// Full years at `on`, or kUnknownAge when the birth date is missing, not real or after `on`.
int AgeOn(const v1::Date& birth, const v1::Date& on) {
  if (!IsRealDate(birth) || Before(on, birth)) return kUnknownAge;
  int age = on.year() - birth.year();
  if (on.month() < birth.month() || (on.month() == birth.month() && on.day() < birth.day())) {
    --age;
  }
  return age;
}

// Names the elements of an identity-keyed list: `list[id]`, or `list[#n]` (1-based) when the
// element has no id or an earlier element has the same one.
struct ElementNames {
  std::vector<std::string> paths;
  // Each id's first element (0-based).
  absl::flat_hash_map<std::string, int> first;
};

template <typename Element>
ElementNames NameElements(const google::protobuf::RepeatedPtrField<Element>& list,
                          const char* list_name, const std::string& (Element::*id)() const) {
  ElementNames names;
  for (int i = 0; i < list.size(); ++i) {
    const std::string& element_id = (list[i].*id)();
    const bool first = !element_id.empty() && names.first.try_emplace(element_id, i).second;
    names.paths.push_back(first ? absl::StrCat(list_name, "[", element_id, "]")
                                : absl::StrCat(list_name, "[#", i + 1, "]"));
  }
  return names;
}

// REQUIRED when the element has no id; DUPLICATE_ID when an earlier one has the same id.
void CheckElementId(const std::string& id, int index, const ElementNames& names,
                    const std::string& path, const char* what, Issues& issues) {
  if (id.empty()) {
    issues.Add(path, "REQUIRED", absl::StrCat(what, " #", index + 1, " has no id"));
    return;
  }
  const int first = names.first.at(id);
  if (first != index) {
    issues.Add(path, "DUPLICATE_ID",
               absl::StrCat("id \"", id, "\" of ", what, " #", index + 1, " is already used by ",
                            what, " #", first + 1));
  }
}

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

// Members, and the head among them.

struct Members {
  ElementNames names;
  // For the checks that depend on age: kUnknownAge when the birth date is missing, invalid or
  // out of range (a typo in the year would make those checks noise).
  std::vector<int> ages;
  int head = -1;        // Index of the member head_member_id names, or -1.
  int first_head = -1;  // Index of the first member with relationship HEAD, or -1.
};

Members IndexMembers(const v1::Household& household, const v1::Date& reference_date) {
  Members members;
  members.names = NameElements(household.members(), "members", &v1::Member::member_id);
  for (int i = 0; i < household.members_size(); ++i) {
    const v1::Member& member = household.members(i);
    const int age = AgeOn(member.birth_date(), reference_date);
    members.ages.push_back(age > kMaxAgeYears ? kUnknownAge : age);
    if (member.relationship() == v1::RELATIONSHIP_HEAD && members.first_head < 0) {
      members.first_head = i;
    }
  }
  const auto head = members.names.first.find(household.head_member_id());
  if (head != members.names.first.end()) members.head = head->second;
  return members;
}

void CheckHead(const v1::Household& household, const Members& members, Issues& issues) {
  const std::string& head_id = household.head_member_id();
  if (head_id.empty()) {
    issues.Add("head_member_id", "REQUIRED", "head of household is not chosen");
  } else if (members.head < 0) {
    issues.Add("head_member_id", "HEAD_NOT_A_MEMBER",
               absl::StrCat("head of household \"", head_id, "\" is not one of the members"));
  } else if (const int age = members.ages[members.head]; age != kUnknownAge && age < kMinHeadAge) {
    issues.Add("head_member_id", "HEAD_TOO_YOUNG",
               absl::StrCat("head of household \"", head_id, "\" is ", age,
                            " years old; the head must be at least ", kMinHeadAge));
  }
}

void CheckBirthDate(const v1::Date& birth, const v1::Date& reference_date, const std::string& path,
                    Issues& issues) {
  if (birth.year() == 0 && birth.month() == 0 && birth.day() == 0) {
    issues.Add(path, "REQUIRED", "birth date is missing");
  } else if (!IsRealDate(birth)) {
    issues.Add(path, "BAD_DATE",
               absl::StrCat("birth date ", FormatDate(birth), " is not a real calendar date"));
  } else if (Before(reference_date, birth)) {
    issues.Add(path, "IN_FUTURE",
               absl::StrCat("birth date ", FormatDate(birth), " is after the interview (",
                            FormatDate(reference_date), ")"));
  } else if (const int age = AgeOn(birth, reference_date); age > kMaxAgeYears) {
    issues.Add(path, "OUT_OF_RANGE",
               absl::StrCat("birth date ", FormatDate(birth), " makes the member ", age,
                            " years old, over ", kMaxAgeYears, ": check the year"));
  }
}

void CheckRelationship(const v1::Household& household, const Members& members, int index,
                       const std::string& path, Issues& issues) {
  const v1::Relationship relationship = household.members(index).relationship();
  if (!KnownCode(relationship, v1::Relationship_IsValid, path, "relationship", issues)) return;
  const bool is_head = relationship == v1::RELATIONSHIP_HEAD;
  if (index == members.head && !is_head) {
    issues.Add(path, "HEAD_RELATIONSHIP",
               "this member is the head of household, so the relationship must be head");
  } else if (index != members.head && is_head &&
             (members.head >= 0 || index != members.first_head)) {
    const int head = members.head >= 0 ? members.head : members.first_head;
    issues.Add(path, "SECOND_HEAD",
               absl::StrCat("relationship is head, but member #", head + 1,
                            " is the head of household: a household has one head"));
  }
}

// Employment, education, school attendance and nutrition, which depend on age.
void CheckActivities(const v1::Member& member, int age, const std::string& prefix, Issues& issues) {
  const bool known_age = age != kUnknownAge;
  const std::string employment = absl::StrCat(prefix, ".employment");
  if (KnownCode(member.employment(), v1::Employment_IsValid, employment, "employment", issues) &&
      known_age && age < kMinWorkingAge &&
      (member.employment() == v1::EMPLOYMENT_WAGED_WITH_CONTRACT ||
       member.employment() == v1::EMPLOYMENT_WAGED_WITHOUT_CONTRACT ||
       member.employment() == v1::EMPLOYMENT_SELF_EMPLOYED)) {
    issues.Add(employment, "EMPLOYMENT_TOO_YOUNG",
               absl::StrCat("aged ", age, ", too young (under ", kMinWorkingAge,
                            ") to work for pay or be self-employed"));
  }
  KnownCode(member.education(), v1::Education_IsValid, absl::StrCat(prefix, ".education"),
            "education", issues);

  const std::string school = absl::StrCat(prefix, ".school_attendance");
  const v1::SchoolAttendance attendance = member.school_attendance();
  if (KnownCode(attendance, v1::SchoolAttendance_IsValid, school, "school attendance", issues) &&
      known_age) {
    if (age < kMinSchoolAge && (attendance == v1::SCHOOL_ATTENDANCE_AT_AGE_LEVEL ||
                                attendance == v1::SCHOOL_ATTENDANCE_BELOW_AGE_LEVEL)) {
      issues.Add(school, "SCHOOL_TOO_YOUNG",
                 absl::StrCat("a child aged ", age, " cannot be attending school (under ",
                              kMinSchoolAge, ")"));
    } else if (age >= kSchoolAnswerAgeMin && age < kChildAgeUnder &&
               attendance == v1::SCHOOL_ATTENDANCE_UNSPECIFIED) {
      issues.Add(school, "REQUIRED",
                 absl::StrCat("school attendance is missing for a child aged ", age, " (needed ",
                              kSchoolAnswerAgeMin, " to under ", kChildAgeUnder, ")"));
    }
  }

  const std::string nutrition = absl::StrCat(prefix, ".nutrition");
  if (KnownCode(member.nutrition(), v1::Nutrition_IsValid, nutrition, "nutrition", issues) &&
      known_age && age >= kChildAgeUnder && member.nutrition() != v1::NUTRITION_UNSPECIFIED) {
    issues.Add(nutrition, "NUTRITION_NOT_A_CHILD",
               absl::StrCat("nutrition is recorded only for children under ", kChildAgeUnder,
                            "; this member is ", age));
  }
}

void CheckMember(const v1::Household& household, const Members& members, int index,
                 const v1::Date& reference_date, Issues& issues) {
  const v1::Member& member = household.members(index);
  const std::string& prefix = members.names.paths[index];
  const auto at = [&prefix](const char* field) { return absl::StrCat(prefix, ".", field); };

  CheckElementId(member.member_id(), index, members.names, at("member_id"), "member", issues);
  if (IsBlank(member.full_name())) issues.Add(at("full_name"), "REQUIRED", "full name is missing");
  if (!member.national_id().empty() && !IsDigits(member.national_id(), kNationalIdDigits)) {
    // Never quote the number: it is sensitive.
    issues.Add(
        at("national_id"), "BAD_FORMAT",
        absl::StrCat("national ID number (CCCD) must be exactly ", kNationalIdDigits, " digits"));
  }
  CheckBirthDate(member.birth_date(), reference_date, at("birth_date"), issues);
  RequiredCode(member.sex(), v1::Sex_IsValid, at("sex"), "sex", issues);
  CheckRelationship(household, members, index, at("relationship"), issues);
  const std::string& ethnicity = member.ethnicity_code();
  if (!ethnicity.empty() && !IsEthnicGroup(ethnicity)) {
    issues.Add(at("ethnicity_code"), "UNKNOWN_CODE",
               absl::StrCat("ethnicity code \"", ethnicity, "\" is not one of the ", kEthnicGroups,
                            " ethnic groups (01 to ", kEthnicGroups, ")"));
  }
  CheckActivities(member, members.ages[index], prefix, issues);
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

}  // namespace

std::vector<v1::ValidationIssue> ValidateHousehold(const v1::Household& household,
                                                   const v1::Date& reference_date) {
  Issues issues;
  CheckLocation(household.location(), issues);
  const Members members = IndexMembers(household, reference_date);
  CheckHead(household, members, issues);
  if (household.members_size() == 0) {
    issues.Add("members", "REQUIRED", "the household has no members");
  }
  for (int i = 0; i < household.members_size(); ++i) {
    CheckMember(household, members, i, reference_date, issues);
  }
  CheckIncomes(household, members, issues);
  CheckHousing(household.housing(), household.members_size(), issues);
  if (household.surveyed_at_unix() < 0) {
    issues.Add("surveyed_at_unix", "OUT_OF_RANGE",
               absl::StrCat("interview time ", household.surveyed_at_unix(),
                            " is before 1970: the tablet's clock is wrong"));
  }
  return std::move(issues.found);
}

}  // namespace rasoat::rules
