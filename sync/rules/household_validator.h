// Validation of one household record: the answers a collaborator must give, their formats and
// ranges, the codes that exist, and the facts that must agree with each other (the head is a
// member, ages fit schooling and work). A record with issues is still stored, marked
// NEEDS_CORRECTION (validation.proto); this code only finds the issues, it never changes the
// record. The limits are fixed facts of the form, but for the most members a household may have,
// which the round's poverty standard sets (PovertyStandard.max_household_members).
// Thread-safety: a pure function.
#pragma once

#include <cstdint>
#include <vector>

#include "rasoat/v1/household.pb.h"
#include "rasoat/v1/validation.pb.h"

namespace rasoat::rules {

// How far a tablet's clock may run ahead of the server's: an interview later than the time the
// record reached the server by more than this is IN_FUTURE.
inline constexpr int64_t kMaxClockSkewSeconds = 24 * 3600;

// Whether an interview at `surveyed_at_unix` is more than kMaxClockSkewSeconds after
// `now_unix`: its time is wrong. Never overflows, whatever the two times.
bool InterviewInFuture(int64_t surveyed_at_unix, int64_t now_unix);

// What a record is checked against besides its own answers. Set every field.
struct ValidationContext {
  // The day ages are counted at: the interview day (ReferenceDate, assessment.h).
  v1::Date reference_date;
  // Now by the caller's clock, in Unix seconds: for a version, when it was committed. Never read
  // from a clock here.
  int64_t now_unix = 0;
  // Most members a household may have: the round's standard's max_household_members.
  int32_t max_members = 0;
};

// Checks one household record: required fields, ranges, consistency, codes that exist. Ages are
// full years at `context.reference_date`; a birthday not yet reached that year counts one year
// less (a 29 February birthday is reached on 1 March). No arithmetic on the record's numbers
// overflows, whatever they hold.
//
// Returns every problem found, in record order: location, head, the members list as a whole,
// members in list order (each member's fields in declaration order), incomes (each line, then
// the total), housing, surveyed_at_unix. Empty when the record is valid.
//
// Each issue's `path` names a field as merge paths do (merge_path.h): `location.commune_code`,
// `members[m2].birth_date`, `incomes[i3].annual_amount_vnd`, `incomes` for the list as a whole.
// An element without an id, or whose id an earlier element already uses, is named by its
// 1-based position instead: `members[#2]`. Messages are sentences for a commune official and
// quote the offending value, but never a national ID number or a name.
//
// Codes (stable; clients switch on them):
//   REQUIRED             a required answer is missing or blank;
//   BAD_FORMAT           a code or number of the wrong shape (province 2 digits, commune 5,
//                        national_id 12);
//   BAD_DATE             a date that does not exist (31 February, month 13);
//   IN_FUTURE            a birth date after the reference date; an interview time more than
//                        kMaxClockSkewSeconds after `context.now_unix` (at `surveyed_at_unix`);
//   OUT_OF_RANGE         age over 120, a negative amount, area or time, a floor area not a
//                        number;
//   UNKNOWN_CODE         an enum number this version does not define, or an ethnicity code
//                        outside 01..54;
//   DUPLICATE_ID         a member_id or income_id an earlier element already uses;
//   TOO_MANY_MEMBERS     more members than `context.max_members` (at `members`);
//   HEAD_NOT_A_MEMBER    head_member_id names no member (at `head_member_id`);
//   HEAD_RELATIONSHIP    the head's relationship is not RELATIONSHIP_HEAD (at the head's
//                        `members[x].relationship`);
//   SECOND_HEAD          another member also has relationship RELATIONSHIP_HEAD (at that
//                        member's relationship; with no head chosen, every one after the first);
//   HEAD_TOO_YOUNG       the head is under 15 (at `head_member_id`);
//   SCHOOL_TOO_YOUNG     a child under 3 recorded as attending school;
//   EMPLOYMENT_TOO_YOUNG a member under 15 recorded as working for pay or self-employed;
//   NUTRITION_NOT_A_CHILD nutrition recorded for a member aged 16 or over;
//   UNKNOWN_MEMBER       an income line's member_id names no member;
//   IMPLAUSIBLE          income per person per month over 500,000,000 VND, or floor area
//                        over 500 m² per person (usually a typo in the zeros).
// A check that needs an age is skipped for a member whose birth date has an issue.
//
// REQUIRES: `context.reference_date` is a real calendar date; `context.max_members` > 0.
std::vector<v1::ValidationIssue> ValidateHousehold(const v1::Household& household,
                                                   const ValidationContext& context);

}  // namespace rasoat::rules
