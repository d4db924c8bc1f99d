// The standard loader against the real standard files in deploy/standards/ and edited copies of
// them: what it loads, the errors it names, the incoherent standards Validate rejects, and a
// changed file changing a household's class: the rules are data.
#include "sync/rules/standard_loader.h"

#include <fstream>
#include <string>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "rasoat/v1/household.pb.h"
#include "rasoat/v1/standard.pb.h"
#include "sync/rules/classifier.h"
#include "sync/rules/local_standard.h"
#include "tests/support/households.h"
#include "tests/support/status_matchers.h"
#include "tests/support/temp_dir.h"
#include "tests/sync/rules/classifier_households.h"

namespace rasoat::testing {
namespace {

using ::testing::HasSubstr;

TEST(StandardLoaderTest, LoadsBothDeployedStandards) {
  ASSERT_OK_AND_ASSIGN(v1::PovertyStandard d07, rules::LoadStandard(kDecree07));
  ASSERT_OK_AND_ASSIGN(v1::PovertyStandard d351, rules::LoadStandard(kDecree351));
  EXPECT_EQ(d07.name(), "decree-07-2021");
  EXPECT_EQ(d07.indicators_size(), 12);
  EXPECT_EQ(d07.deprivations_for_poor(), 3);
  EXPECT_EQ(d351.name(), "decree-351-2025");
  EXPECT_EQ(d351.indicators_size(), 13);
  EXPECT_EQ(d351.poor_income_line().rural_vnd(), 2'200'000);
  EXPECT_EQ(d351.poor_income_line().urban_vnd(), 2'800'000);
  for (const v1::IndicatorRule& rule : d351.indicators()) {
    EXPECT_NE(rule.id(), v1::INDICATOR_INFORMATION_DEVICES);
  }
}

TEST(StandardLoaderTest, MissingFileIsNotFound) {
  testing::TempDir dir;
  EXPECT_THAT(rules::LoadStandard(dir.Sub("absent.textproto")),
              StatusIs(absl::StatusCode::kNotFound, HasSubstr("absent.textproto")));
}

TEST(StandardLoaderTest, MalformedFileNamesFileAndLine) {
  testing::TempDir dir;
  const std::string path = dir.Sub("bad.textproto");
  std::ofstream(path) << "name: \"bad\"\n# comment\npoor_income_line { rural_vnd: lots }\n";
  EXPECT_THAT(rules::LoadStandard(path),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("bad.textproto:3:")));
  std::ofstream(path) << "name: \"bad\"\nno_such_field: 1\n";
  EXPECT_THAT(rules::LoadStandard(path),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("bad.textproto:2:")));
}

TEST(StandardLoaderTest, TheOldProvinceOverrideIsRefusedByName) {
  const std::string text = ReadFile(kDecree07) +
                           "province_overrides {\n  province_code: \"24\"\n"
                           "  poor_income_line { rural_vnd: 1750000 }\n}\n";
  EXPECT_THAT(rules::ParseStandard(text, "old.textproto"),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("province_overrides")));
}

TEST(StandardLoaderTest, ALocalStandardFileNeedsItsNationalStandardAndProvinces) {
  EXPECT_OK(rules::ParseStandard(ReadFile(kBacNinh), "bac-ninh-2025.textproto"));
  const std::string header = "name: \"local\"\n";
  EXPECT_THAT(rules::ParseStandard(header + "local { province_codes: \"24\" }", "l"),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("local.based_on")));
  EXPECT_THAT(rules::ParseStandard(header + "local { based_on: \"decree-07-2021\" }", "l"),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("local.province_codes")));
  EXPECT_THAT(
      rules::ParseStandard(header + "local { based_on: \"d\" province_codes: \"Bac Ninh\" }", "l"),
      StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("two-digit")));
  EXPECT_THAT(rules::ParseStandard(
                  header + "local { based_on: \"d\" province_codes: [\"24\", \"24\"] }", "l"),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("listed twice")));
  EXPECT_THAT(rules::ParseStandard(header + "local { based_on: \"d\" province_codes: \"24\" }\n"
                                            "procedure { meeting_quorum: 0.6 }",
                                   "l"),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("procedure")));
}

TEST(StandardLoaderTest, ALocalStandardReplacesOnlyTheKnobsItSets) {
  const v1::PovertyStandard& national = Standard(Std::k07);
  v1::PovertyStandard local;
  local.set_name("local");
  local.mutable_local()->set_based_on("decree-07-2021");
  local.mutable_local()->add_province_codes("24");
  local.mutable_poor_income_line()->set_rural_vnd(1'750'000);  // urban left as it is
  local.mutable_thresholds()->set_floor_area_m2_per_person(10);
  local.mutable_thresholds()->add_hygienic_latrines(v1::LATRINE_FLUSH);
  ASSERT_OK_AND_ASSIGN(const v1::PovertyStandard resolved,
                       rules::ResolveLocalStandard(national, local));
  EXPECT_EQ(resolved.name(), "local");
  EXPECT_EQ(resolved.poor_income_line().rural_vnd(), 1'750'000);
  EXPECT_EQ(resolved.poor_income_line().urban_vnd(), national.poor_income_line().urban_vnd());
  EXPECT_EQ(resolved.thresholds().floor_area_m2_per_person(), 10);
  EXPECT_EQ(resolved.thresholds().insurance_min_age(), national.thresholds().insurance_min_age());
  // A list the local file sets replaces the national list.
  ASSERT_EQ(resolved.thresholds().hygienic_latrines_size(), 1);
  EXPECT_EQ(resolved.thresholds().hygienic_water_sources_size(),
            national.thresholds().hygienic_water_sources_size());
  EXPECT_EQ(resolved.indicators_size(), national.indicators_size());
  EXPECT_TRUE(resolved.procedure().meeting_quorum() > 0);

  local.mutable_poor_income_line()->set_rural_vnd(2'250'000);  // at the national average line
  EXPECT_THAT(rules::ResolveLocalStandard(national, local),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("local standard 'local'")));
  local.mutable_local()->set_based_on("decree-351-2025");
  EXPECT_THAT(rules::ResolveLocalStandard(national, local),
              StatusIs(absl::StatusCode::kFailedPrecondition, HasSubstr("decree-351-2025")));
}

TEST(StandardLoaderTest, ANationalStandardNeedsItsProcedure) {
  v1::PovertyStandard standard = Standard(Std::k07);
  standard.clear_procedure();
  EXPECT_THAT(rules::Validate(standard),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("procedure")));
  standard = Standard(Std::k07);
  standard.mutable_procedure()->set_meeting_quorum(1.5);
  EXPECT_THAT(rules::Validate(standard),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("meeting_quorum")));
  standard = Standard(Std::k07);
  standard.mutable_procedure()->set_posting_working_days(0);
  EXPECT_THAT(rules::Validate(standard),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("posting_working_days")));
}

TEST(StandardLoaderTest, ValidateRejectsIncoherentStandards) {
  const v1::PovertyStandard good = Standard(Std::k07);
  ASSERT_OK(rules::Validate(good));
  v1::PovertyStandard bad = good;
  bad.mutable_poor_income_line()->set_urban_vnd(0);
  EXPECT_THAT(rules::Validate(bad),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("poor_income_line")));
  bad = good;
  bad.mutable_average_income_line()->set_rural_vnd(1'500'000);
  EXPECT_THAT(rules::Validate(bad),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("average_income_line")));
  bad = good;
  bad.set_deprivations_for_poor(0);
  EXPECT_THAT(rules::Validate(bad),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("deprivations_for_poor")));
  bad = good;
  bad.add_indicators()->set_id(v1::INDICATOR_WATER);
  EXPECT_THAT(rules::Validate(bad),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("INDICATOR_WATER")));
  bad = good;
  bad.clear_max_household_members();
  EXPECT_THAT(rules::Validate(bad), StatusIs(absl::StatusCode::kInvalidArgument,
                                             "max_household_members must be positive"));
}

// Editing the data, not the code, changes the answer.
TEST(StandardLoaderTest, ChangingACopyOfTheFileChangesTheClass) {
  const std::string original = ReadFile(kDecree07);
  v1::Household household = MakeHousehold(kRural, 1'500'000, 2026);
  for (v1::Indicator knob : kTwo) Deprive(knob, 2026, household);
  EXPECT_EQ(rules::Classify(household, Standard(Std::k07), Day(2026, 10, 1)).poverty_class(),
            kNearPoor);

  std::string edited = original;
  const std::string from = "deprivations_for_poor: 3";
  const size_t at = edited.find(from);
  ASSERT_NE(at, std::string::npos);
  edited.replace(at, from.size(), "deprivations_for_poor: 2");
  testing::TempDir dir;
  const std::string path = dir.Sub("decree-07-2021.textproto");
  std::ofstream(path) << edited;
  ASSERT_OK_AND_ASSIGN(v1::PovertyStandard two, rules::LoadStandard(path));
  EXPECT_EQ(rules::Classify(household, two, Day(2026, 10, 1)).poverty_class(), kPoor);

  // A higher floor-area threshold makes the same dwelling a deprivation.
  v1::Household roomy = MakeHousehold(kRural, 1'500'000, 2026);
  for (v1::Indicator knob : kTwo) Deprive(knob, 2026, roomy);  // 60 m² for 4: 15 per person.
  edited = original;
  const std::string area = "floor_area_m2_per_person: 8";
  edited.replace(edited.find(area), area.size(), "floor_area_m2_per_person: 16");
  std::ofstream(path) << edited;
  ASSERT_OK_AND_ASSIGN(v1::PovertyStandard strict, rules::LoadStandard(path));
  const v1::Classification result = rules::Classify(roomy, strict, Day(2026, 10, 1));
  EXPECT_EQ(result.poverty_class(), kPoor) << result.explanation();
  EXPECT_EQ(result.deprivation_count(), 3);
}

}  // namespace
}  // namespace rasoat::testing
