// The households of the classifier's tests (classifier_test, standard_loader_test): the standard
// files deployed in deploy/standards/ and Bắc Ninh's local standard on top of decree 07, a
// household of four deprived in nothing with a chosen income, the knob that makes it deprived
// in one indicator, and short names for the areas, classes and indicators their tables use.
// Thread-safety: call from the test's thread; Standard() and Deprive() report failures through
// GoogleTest.
#pragma once

#include <cstdint>
#include <set>
#include <string>

#include "rasoat/v1/household.pb.h"
#include "rasoat/v1/standard.pb.h"

namespace rasoat::testing {

// The deployed standard files.
extern const char kDecree07[];
extern const char kBacNinh[];
extern const char kDecree351[];

// Decree 07 (2022–2026), decree 351 (2027–2030), and decree 07 with Bắc Ninh's local
// standard: poor lines 1,750,000 rural and 2,250,000 urban for province 27.
enum class Std { k07, k351, k07BacNinh };

// The whole file at `path`, or "" when it cannot be read.
std::string ReadFile(const std::string& path);

// The standard `which`, loaded once; a load failure fails the test.
const v1::PovertyStandard& Standard(Std which);

// The year whose 1 October the households of `which` are classified at.
int ReferenceYear(Std which);

// Four members (two adults of 35, children of 10 and 12), nothing deprived, one wage income
// giving `per_capita` đồng per person per month.
v1::Household MakeHousehold(v1::Area area, int64_t per_capita, int reference_year);

// Changes the household so that `indicator` is deprived, leaving the others as they are.
void Deprive(v1::Indicator indicator, int reference_year, v1::Household& household);

using Indicators = std::set<v1::Indicator>;

inline constexpr auto kRural = v1::AREA_RURAL;
inline constexpr auto kUrban = v1::AREA_URBAN;
inline constexpr auto kPoor = v1::POVERTY_CLASS_POOR;
inline constexpr auto kNearPoor = v1::POVERTY_CLASS_NEAR_POOR;
inline constexpr auto kAverage = v1::POVERTY_CLASS_AVERAGE_LIVING_STANDARD;
inline constexpr auto kNotPoor = v1::POVERTY_CLASS_NOT_POOR;

inline constexpr auto kEmployment = v1::INDICATOR_EMPLOYMENT;
inline constexpr auto kDependants = v1::INDICATOR_DEPENDANTS;
inline constexpr auto kNutrition = v1::INDICATOR_NUTRITION;
inline constexpr auto kInsurance = v1::INDICATOR_HEALTH_INSURANCE;
inline constexpr auto kAdultEducation = v1::INDICATOR_ADULT_EDUCATION;
inline constexpr auto kSchooling = v1::INDICATOR_CHILD_SCHOOLING;
inline constexpr auto kHousing = v1::INDICATOR_HOUSING_QUALITY;
inline constexpr auto kFloorArea = v1::INDICATOR_FLOOR_AREA;
inline constexpr auto kWater = v1::INDICATOR_WATER;
inline constexpr auto kLatrine = v1::INDICATOR_LATRINE;
inline constexpr auto kTelecom = v1::INDICATOR_TELECOM;
inline constexpr auto kDevices = v1::INDICATOR_INFORMATION_DEVICES;
inline constexpr auto kDigital = v1::INDICATOR_DIGITAL_SERVICES;
inline constexpr auto kWaste = v1::INDICATOR_WASTE;

// Enough deprivations for poor under either decree, and one too few.
inline const Indicators kThree = {kEmployment, kInsurance, kWater};
inline const Indicators kTwo = {kEmployment, kInsurance};

}  // namespace rasoat::testing
