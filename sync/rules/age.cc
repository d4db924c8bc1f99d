#include "sync/rules/age.h"

#include "sync/rules/calendar.h"

namespace rasoat::rules {

std::optional<int> AgeOn(const v1::Date& birth, const v1::Date& on) {
  if (!IsRealDate(birth) || !IsRealDate(on) || Before(on, birth)) return std::nullopt;
  int age = on.year() - birth.year();
  if (on.month() < birth.month() || (on.month() == birth.month() && on.day() < birth.day())) {
    --age;
  }
  return age;
}

}  // namespace rasoat::rules
