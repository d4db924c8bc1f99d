// The table of household_validator_test: ValidHousehold (validator_households.h) changed in one
// way per case, each rule failing and passing at its boundaries, with the (path, code) pairs
// ValidateHousehold must find.
// Thread-safety: pure functions.
#pragma once

#include <functional>
#include <ostream>
#include <string>
#include <vector>

#include "rasoat/v1/household.pb.h"
#include "tests/sync/rules/validator_households.h"

namespace rasoat::testing {

struct Case {
  std::string name;
  std::function<void(v1::Household&)> change;
  std::vector<Found> expected;
};

// Every case, named as a GoogleTest parameter may be.
std::vector<Case> Cases();

// Failures name the case, not its bytes.
void PrintTo(const Case& c, std::ostream* os);

}  // namespace rasoat::testing
