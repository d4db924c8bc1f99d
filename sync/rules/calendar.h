// The calendar days the rules count in: the day in Vietnam of a Unix time, whether a date is a
// real one, the order of dates, and how messages write them. Every Unix time in a record may be
// anything an int64 holds; nothing here overflows on one.
//
// Thread-safety: pure functions.
#pragma once

#include <cstdint>
#include <string>

#include "rasoat/v1/household.pb.h"

namespace rasoat::rules {

// The day in Vietnam (UTC+7, no daylight saving time) at `unix_seconds`, clamped to the days
// from 0001-01-01 to 9999-12-31.
v1::Date VietnamDay(int64_t unix_seconds);

// VietnamDay as FormatDate writes it, or "after 9999-12-31" / "before 0001-01-01" for a time
// outside those days.
std::string FormatVietnamDay(int64_t unix_seconds);

// A day of the Gregorian calendar, from year 1.
bool IsRealDate(const v1::Date& date);

// Whether `a` is an earlier day than `b`.
bool Before(const v1::Date& a, const v1::Date& b);

// "2026-10-03".
std::string FormatDate(const v1::Date& date);

// The last of `working_days` working days (Monday to Friday) counted from `first_day`, which
// counts when it is one (a posting from Friday 2026-10-02 for 3 working days ends on Tuesday
// 2026-10-06; one from a Saturday starts counting on Monday). Public holidays are not known
// here and count as working days. REQUIRES: IsRealDate(first_day); working_days >= 1.
v1::Date LastWorkingDay(const v1::Date& first_day, int working_days);

}  // namespace rasoat::rules
