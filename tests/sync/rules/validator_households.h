// The household of the validator's tests (household_validator_test,
// household_validator_message_test, validator_cases): every answer valid at the interview day,
// the helpers that change one of its members or income lines, and ValidateHousehold reduced to
// what the tests assert, (path, code) pairs.
// Thread-safety: pure functions.
#pragma once

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "rasoat/v1/household.pb.h"
#include "sync/rules/household_validator.h"

namespace rasoat::testing {

// (path, code): what the tests assert; messages are for people.
using Found = std::pair<std::string, std::string>;

// The interview day the households are validated at: 3 October 2026.
v1::Date Interview();

// "Now" for the validator: noon of Interview() in Vietnam, in Unix seconds.
inline constexpr int64_t kNowUnix = 1'791'003'600;

// The most members in the tests: small, so that a case reaches it with a few more members.
inline constexpr int32_t kMaxMembers = 6;

// What the households are validated against: Interview(), kNowUnix, kMaxMembers.
rules::ValidationContext Context();

// ValidateHousehold(household, Context()), as (path, code) pairs in the order found.
std::vector<Found> Validate(const v1::Household& household);

// Every answer valid at Interview(): head m1 (46), spouse m2 (44), child m3 (10) at school,
// child m4 (2) not at school; two income lines; a 60 m² dwelling.
v1::Household ValidHousehold();

// Members and income lines by 1-based position, as the paths count them.
// REQUIRES: 1 <= position <= the list's size.
v1::Member& M(v1::Household& household, int position);
v1::IncomeItem& I(v1::Household& household, int position);

// Sets the member's birth date to year-month-day, as given (not checked).
void Born(v1::Member& member, int year, int month, int day);

}  // namespace rasoat::testing
