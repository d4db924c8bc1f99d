// A person's age in full years on a day, as the reports count children and working-age members
// (the standard's thresholds are in full years at the reference date).
//
// Thread-safety: a pure function.
#pragma once

#include <optional>

#include "rasoat/v1/household.pb.h"

namespace rasoat::rules {

// Full years from `birth` to `on` (a person born on 29 February has a birthday on 1 March in
// other years); nullopt when either is not a real date (calendar.h IsRealDate) or `birth` is
// after `on`.
std::optional<int> AgeOn(const v1::Date& birth, const v1::Date& on);

}  // namespace rasoat::rules
