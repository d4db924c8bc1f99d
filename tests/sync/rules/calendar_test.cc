// The working days a public posting lasts (sync/rules/calendar.h LastWorkingDay): weekends do
// not count, a posting opened on a weekend starts counting on Monday, and the count crosses
// months and years.
#include "sync/rules/calendar.h"

#include <gtest/gtest.h>

#include "tests/support/households.h"

namespace rasoat::testing {
namespace {

std::string LastDay(int year, int month, int day, int working_days) {
  return rules::FormatDate(rules::LastWorkingDay(Day(year, month, day), working_days));
}

TEST(LastWorkingDayTest, CountsMondayToFridayFromTheFirstDay) {
  EXPECT_EQ(LastDay(2026, 10, 5, 3), "2026-10-07");  // Monday: Mon, Tue, Wed
  EXPECT_EQ(LastDay(2026, 10, 5, 1), "2026-10-05");
  EXPECT_EQ(LastDay(2026, 10, 2, 3), "2026-10-06");   // Friday: Fri, Mon, Tue
  EXPECT_EQ(LastDay(2026, 10, 3, 3), "2026-10-07");   // Saturday: Mon, Tue, Wed
  EXPECT_EQ(LastDay(2026, 10, 4, 1), "2026-10-05");   // Sunday: Monday
  EXPECT_EQ(LastDay(2026, 10, 5, 10), "2026-10-16");  // two full weeks
  EXPECT_EQ(LastDay(2026, 12, 30, 3), "2027-01-01");  // Wed, Thu, Fri across the year
  EXPECT_EQ(LastDay(2028, 2, 28, 2), "2028-02-29");   // Monday, then the leap day
}

}  // namespace
}  // namespace rasoat::testing
