#include "sync/rules/member_checks.h"

#include <string>

#include "absl/strings/str_cat.h"
#include "sync/rules/calendar.h"

namespace rasoat::rules::internal {
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
// Ethnicity codes are 01..kEthnicGroups: the recognised ethnic groups.
constexpr int kEthnicGroups = 54;
// Length of a national ID number (CCCD).
constexpr size_t kNationalIdDigits = 12;

// "01".."54".
bool IsEthnicGroup(const std::string& code) {
  const int group = IsDigits(code, 2) ? (code[0] - '0') * 10 + (code[1] - '0') : 0;
  return group >= 1 && group <= kEthnicGroups;
}

// Dates.

// Full years at `on`, or kUnknownAge when the birth date is missing, not real or after `on`.
int AgeOn(const v1::Date& birth, const v1::Date& on) {
  if (!IsRealDate(birth) || Before(on, birth)) return kUnknownAge;
  int age = on.year() - birth.year();
  if (on.month() < birth.month() || (on.month() == birth.month() && on.day() < birth.day())) {
    --age;
  }
  return age;
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

}  // namespace

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

}  // namespace rasoat::rules::internal
