// The targets loader against the shipped deploy/targets/2026.textproto and edited copies of it:
// the file and its built-in copy load and agree, every validation error names the entry and the
// field, a parse error names the file and the line, and a round without a file has no targets.
#include "sync/rules/targets_loader.h"

#include <cmath>
#include <fstream>
#include <functional>
#include <string>
#include <vector>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "rasoat/v1/targets.pb.h"
#include "tests/support/status_matchers.h"
#include "tests/support/temp_dir.h"

namespace rasoat::testing {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;

constexpr char kTargetsDir[] = RASOAT_TARGETS_DIR;

TEST(TargetsLoaderTest, ShippedFileLoadsAndValidates) {
  ASSERT_OK_AND_ASSIGN(v1::RoundTargets targets, rules::LoadRoundTargets(kTargetsDir, "2026"));
  EXPECT_EQ(targets.round_id(), "2026");
  ASSERT_OK(rules::ValidateTargets(targets));

  const v1::CommuneTargets* chon_thanh = rules::FindCommuneTargets(targets, "25000");
  ASSERT_NE(chon_thanh, nullptr);
  EXPECT_EQ(chon_thanh->province_code(), "75");
  EXPECT_EQ(chon_thanh->households(), 30'000u);
  EXPECT_EQ(chon_thanh->targets().poor_households_reduction(), 3u);
  EXPECT_TRUE(chon_thanh->targets().no_recently_escaped_falls_back());

  std::vector<std::string> codes;
  for (const v1::CommuneTargets* commune : rules::CommunesOfProvince(targets, "24")) {
    codes.push_back(commune->commune_code());
  }
  EXPECT_THAT(codes, ElementsAre("00001", "00002"));
  EXPECT_TRUE(rules::CommunesOfProvince(targets, "99").empty());
  ASSERT_NE(rules::FindProvinceTargets(targets, "24"), nullptr);
  EXPECT_TRUE(rules::FindProvinceTargets(targets, "24")->targets().has_max_poor_rate_percent());
  EXPECT_EQ(rules::FindProvinceTargets(targets, "99"), nullptr);
  EXPECT_EQ(rules::FindCommuneTargets(targets, "99999"), nullptr);

  // Without a directory, the copy built into the binary: the same file.
  ASSERT_OK_AND_ASSIGN(v1::RoundTargets built_in, rules::LoadRoundTargets("", "2026"));
  EXPECT_EQ(built_in.SerializeAsString(), targets.SerializeAsString());
}

TEST(TargetsLoaderTest, RoundWithoutFileHasEmptyTargets) {
  TempDir dir;
  ASSERT_OK_AND_ASSIGN(v1::RoundTargets none, rules::LoadRoundTargets(dir.path(), "2031"));
  EXPECT_EQ(none.round_id(), "2031");
  EXPECT_EQ(none.communes_size(), 0);
  EXPECT_EQ(none.provinces_size(), 0);
  ASSERT_OK_AND_ASSIGN(v1::RoundTargets built_in, rules::LoadRoundTargets("", "2031"));
  EXPECT_EQ(built_in.round_id(), "2031");
  EXPECT_EQ(built_in.communes_size(), 0);
}

TEST(TargetsLoaderTest, RoundIdThatCannotNameAFileIsRejected) {
  EXPECT_THAT(rules::LoadRoundTargets(kTargetsDir, ""),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("round id")));
  EXPECT_THAT(rules::LoadRoundTargets(kTargetsDir, "../2026"),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("../2026")));
}

TEST(TargetsLoaderTest, MalformedFileNamesFileAndLine) {
  TempDir dir;
  const std::string path = dir.Sub("2027.textproto");
  std::ofstream(path) << "round_id: \"2027\"\n# comment\ncommunes { households: many }\n";
  EXPECT_THAT(rules::LoadRoundTargets(dir.path(), "2027"),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("2027.textproto:3:")));
}

TEST(TargetsLoaderTest, FileOfAnotherRoundIsRejected) {
  TempDir dir;
  std::ofstream(dir.Sub("2027.textproto")) << "round_id: \"2026\"\n";
  EXPECT_THAT(rules::LoadRoundTargets(dir.path(), "2027"),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("round_id is '2026'")));
}

v1::RoundTargets ValidTargets() {
  v1::RoundTargets targets;
  targets.set_round_id("2026");
  v1::CommuneTargets* commune = targets.add_communes();
  commune->set_commune_code("00001");
  commune->set_province_code("24");
  commune->set_households(2000);
  commune->mutable_targets()->set_max_poor_rate_percent(2.0);
  v1::ProvinceTargets* province = targets.add_provinces();
  province->set_province_code("24");
  province->mutable_targets()->set_poor_rate_reduction_points(0.15);
  return targets;
}

struct InvalidCase {
  std::function<void(v1::RoundTargets&)> edit;
  std::string message;
};

TEST(TargetsLoaderTest, EachValidationErrorNamesTheField) {
  ASSERT_OK(rules::ValidateTargets(ValidTargets()));
  const std::vector<InvalidCase> cases = {
      {[](v1::RoundTargets& t) { t.clear_round_id(); }, "round_id is empty"},
      {[](v1::RoundTargets& t) { t.mutable_communes(0)->set_commune_code("0001"); },
       "communes[0].commune_code '0001' must be 5 digits"},
      {[](v1::RoundTargets& t) { t.mutable_communes(0)->set_commune_code("0000a"); },
       "communes[0].commune_code '0000a' must be 5 digits"},
      {[](v1::RoundTargets& t) { *t.add_communes() = t.communes(0); },
       "communes[00001] listed twice"},
      {[](v1::RoundTargets& t) { t.mutable_communes(0)->set_province_code("245"); },
       "communes[00001].province_code '245' must be 2 digits"},
      {[](v1::RoundTargets& t) { t.mutable_communes(0)->clear_province_code(); },
       "communes[00001].province_code '' must be 2 digits"},
      {[](v1::RoundTargets& t) { t.mutable_communes(0)->set_households(0); },
       "communes[00001].households must be positive"},
      {[](v1::RoundTargets& t) {
         t.mutable_communes(0)->mutable_targets()->set_max_poor_rate_percent(101);
       },
       "communes[00001].targets.max_poor_rate_percent 101 must be in [0, 100]"},
      {[](v1::RoundTargets& t) {
         t.mutable_communes(0)->mutable_targets()->set_poor_rate_reduction_points(-0.1);
       },
       "communes[00001].targets.poor_rate_reduction_points -0.1 must be in [0, 100]"},
      {[](v1::RoundTargets& t) {
         t.mutable_communes(0)->mutable_targets()->set_near_poor_rate_reduction_points(
             std::nan(""));
       },
       "communes[00001].targets.near_poor_rate_reduction_points"},
      {[](v1::RoundTargets& t) { t.mutable_provinces(0)->set_province_code("2"); },
       "provinces[0].province_code '2' must be 2 digits"},
      {[](v1::RoundTargets& t) { *t.add_provinces() = t.provinces(0); },
       "provinces[24] listed twice"},
      {[](v1::RoundTargets& t) {
         t.mutable_provinces(0)->mutable_targets()->set_poor_rate_reduction_points(100.5);
       },
       "provinces[24].targets.poor_rate_reduction_points 100.5 must be in [0, 100]"},
  };
  for (const InvalidCase& c : cases) {
    v1::RoundTargets targets = ValidTargets();
    c.edit(targets);
    EXPECT_THAT(rules::ValidateTargets(targets),
                StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr(c.message)));
    // A file with the same content fails the same way, behind the file's name.
    EXPECT_THAT(
        rules::ParseTargets(targets.DebugString(), "edited.textproto"),
        StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("edited.textproto: " + c.message)));
  }
  // Every rate at its bounds is valid, and so is a previous count of 0 or any other.
  v1::RoundTargets bounds = ValidTargets();
  bounds.mutable_communes(0)->mutable_targets()->set_max_poor_rate_percent(0);
  bounds.mutable_communes(0)->mutable_targets()->set_poor_rate_reduction_points(100);
  bounds.mutable_communes(0)->set_previous_households(1);
  EXPECT_OK(rules::ValidateTargets(bounds));
}

}  // namespace
}  // namespace rasoat::testing
