#include "sync/rules/calendar.h"

#include <algorithm>
#include <chrono>
#include <tuple>

#include "absl/strings/str_format.h"

namespace rasoat::rules {
namespace {

constexpr int64_t kVietnamUtcOffsetSeconds = 7 * 3600;
// 0001-01-01T00:00:00 and 9999-12-31T23:59:59 in Vietnam, in Unix seconds.
constexpr int64_t kFirstSecond = -62'135'596'800 - kVietnamUtcOffsetSeconds;
constexpr int64_t kLastSecond = 253'402'300'799 - kVietnamUtcOffsetSeconds;

}  // namespace

v1::Date VietnamDay(int64_t unix_seconds) {
  // Plain calendar arithmetic on a time clamped first, so that the offset cannot overflow.
  using std::chrono::seconds;
  const int64_t at = std::clamp(unix_seconds, kFirstSecond, kLastSecond);
  const std::chrono::year_month_day day(std::chrono::floor<std::chrono::days>(
      std::chrono::sys_seconds(seconds(at + kVietnamUtcOffsetSeconds))));
  v1::Date date;
  date.set_year(static_cast<int32_t>(day.year()));
  date.set_month(static_cast<int32_t>(static_cast<unsigned>(day.month())));
  date.set_day(static_cast<int32_t>(static_cast<unsigned>(day.day())));
  return date;
}

std::string FormatVietnamDay(int64_t unix_seconds) {
  if (unix_seconds > kLastSecond) return "after 9999-12-31";
  if (unix_seconds < kFirstSecond) return "before 0001-01-01";
  return FormatDate(VietnamDay(unix_seconds));
}

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

v1::Date LastWorkingDay(const v1::Date& first_day, int working_days) {
  std::chrono::sys_days day =
      std::chrono::year_month_day(std::chrono::year(first_day.year()),
                                  std::chrono::month(static_cast<unsigned>(first_day.month())),
                                  std::chrono::day(static_cast<unsigned>(first_day.day())));
  const auto is_working = [](std::chrono::sys_days d) {
    const std::chrono::weekday weekday(d);
    return weekday != std::chrono::Saturday && weekday != std::chrono::Sunday;
  };
  while (!is_working(day)) day += std::chrono::days(1);
  for (int counted = 1; counted < working_days;) {
    day += std::chrono::days(1);
    if (is_working(day)) ++counted;
  }
  const std::chrono::year_month_day last(day);
  v1::Date date;
  date.set_year(static_cast<int32_t>(last.year()));
  date.set_month(static_cast<int32_t>(static_cast<unsigned>(last.month())));
  date.set_day(static_cast<int32_t>(static_cast<unsigned>(last.day())));
  return date;
}

}  // namespace rasoat::rules
