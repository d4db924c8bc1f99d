// The checks of ValidateHousehold (household_validator.h) that concern the members: the head of
// household among them, and each member's id, name, national ID, birth date, codes, and the
// answers that must fit the member's age (school, work, nutrition). The limits are fixed facts
// of the form. Internal to sync/rules: the codes and paths they produce are documented on
// ValidateHousehold.
// Thread-safety: pure functions.
#pragma once

#include <vector>

#include "rasoat/v1/household.pb.h"
#include "sync/rules/validation_issues.h"

namespace rasoat::rules::internal {

// An age not known: the birth date is missing, not real, after the interview or over the limit.
inline constexpr int kUnknownAge = -1;

// What the member checks need to know about the whole list.
struct Members {
  ElementNames names;
  // For the checks that depend on age: kUnknownAge when the birth date is missing, invalid or
  // out of range (a typo in the year would make those checks noise).
  std::vector<int> ages;
  int head = -1;        // Index of the member head_member_id names, or -1.
  int first_head = -1;  // Index of the first member with relationship HEAD, or -1.
};

// Names the members and counts their ages in full years at `reference_date`.
Members IndexMembers(const v1::Household& household, const v1::Date& reference_date);

// REQUIRED, HEAD_NOT_A_MEMBER or HEAD_TOO_YOUNG at `head_member_id`.
// REQUIRES: `members` is IndexMembers(household, ...).
void CheckHead(const v1::Household& household, const Members& members, Issues& issues);

// The issues of member `index`, each at `members[x].field`, in field declaration order.
// REQUIRES: `members` is IndexMembers(household, reference_date); 0 <= index < members_size().
void CheckMember(const v1::Household& household, const Members& members, int index,
                 const v1::Date& reference_date, Issues& issues);

}  // namespace rasoat::rules::internal
