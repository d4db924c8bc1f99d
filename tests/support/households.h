// Test households: realistic records built from a seed, mutations carrying them, and dates.
// Thread-safety: pure functions.
#pragma once

#include <cstdint>
#include <string>

#include "rasoat/v1/sync.pb.h"

namespace rasoat::testing {

// The date year-month-day, as given: not checked, so tests can make dates that do not exist.
v1::Date Day(int year, int month, int day);

// A household of 3 to 6 members in (commune, village), with incomes and indicator answers,
// the same for the same seed.
v1::Household MakeHousehold(uint64_t seed, const std::string& commune = "00001",
                            const std::string& village = "thon-1");

// A mutation of household `household_id` in round "2026".
v1::Mutation MakeMutation(const std::string& household_id, const std::string& mutation_id,
                          uint64_t base_version, v1::Household record);

}  // namespace rasoat::testing
