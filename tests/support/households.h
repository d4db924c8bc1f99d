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

// A household of `province_code`, commune 00001, village thon-1, rural, not a farm household
// (so never "average living standard"): two working adults with labour contracts and schooling,
// in a durable house of 60 m², with telecom and a TV, deprived in exactly 3 indicators (no
// health insurance, an unprotected spring, an unimproved pit latrine), with wages that make
// `per_capita_monthly_vnd` đồng per person per month. Under decree 07/2021 it is poor at or
// under 1,500,000, otherwise not poor; in Bắc Ninh ("24") poor by the local standard at or
// under 1,750,000.
v1::Household ThreeDeprivationHousehold(const std::string& province_code,
                                        int64_t per_capita_monthly_vnd);

// A mutation of household `household_id` in round "2026".
v1::Mutation MakeMutation(const std::string& household_id, const std::string& mutation_id,
                          uint64_t base_version, v1::Household record);

}  // namespace rasoat::testing
