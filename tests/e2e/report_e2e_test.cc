// A commune's report against its targets through rasoatctl and a real rasoatd (DOMAIN.md: "reduce
// 3 poor households = 0.01 %", Chơn Thành 2024): a commune of 30,000 households (the targets
// file's denominator) with 5 households recognised poor in 2025 and 2 of them still poor in
// 2026, so 3 fewer poor households are 0.01 percentage points; one target met in each unit and
// one missed. And the public posting list of the households on the posting.
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "absl/strings/str_cat.h"
#include "tests/e2e/procedure_client.h"
#include "tests/e2e/program_run.h"
#include "tests/e2e/sync_client.h"
#include "tests/e2e/sync_e2e_fixture.h"
#include "tests/support/households.h"
#include "tests/support/status_matchers.h"

namespace rasoat::testing {
namespace {

using ::testing::HasSubstr;

class ReportE2eTest : public SyncE2eTest {
 protected:
  void SetUp() override {
    const std::string targets = dir_.Sub("targets");
    std::filesystem::create_directories(targets);
    std::ofstream(targets + "/2026.textproto") << R"pb(
      round_id: "2026"
      communes {
        commune_code: "00001"
        name: "Phường Thử"
        province_code: "01"
        households: 30000
        targets {
          poor_households_reduction: 3
          poor_rate_reduction_points: 0.01
          max_poor_rate_percent: 0.005
        }
      }
    )pb";
    StartServer({"--rounds=2025,2026", "--previous_rounds=2026:2025", "--targets_dir=" + targets});
    review_ = server_->NewReviewStub();
  }

  void PushAll(const std::string& round,
               const std::vector<std::pair<std::string, int64_t>>& incomes, uint64_t base) {
    std::vector<v1::Mutation> mutations;
    for (const auto& [id, per_capita] : incomes) {
      v1::Mutation mutation = MakeMutation(id, absl::StrCat(round, "-", id), base,
                                           ThreeDeprivationHousehold("01", per_capita));
      mutation.mutable_key()->set_round_id(round);
      mutations.push_back(std::move(mutation));
    }
    ASSERT_OK(Push(stub_.get(), "tab-1", mutations).status());
  }

  ProgramResult Ctl(std::vector<std::string> args) {
    args.insert(args.begin(), {RASOATCTL_PATH, absl::StrCat("--server=", server_->address()),
                               absl::StrCat("--token_file=", dir_.Sub("data"), "/admin.token")});
    return RunProgram(args);
  }

  std::unique_ptr<v1::ReviewService::Stub> review_;
};

TEST_F(ReportE2eTest, ThreeFewerPoorHouseholdsOfThirtyThousandAreAHundredthOfAPoint) {
  const std::vector<std::string> ids = {"h1", "h2", "h3", "h4", "h5"};
  std::vector<HouseholdAt> households;
  for (const std::string& id : ids) households.push_back({id, 1});
  ASSERT_NO_FATAL_FAILURE(PushAll("2025",
                                  {{"h1", 1'000'000},
                                   {"h2", 1'000'000},
                                   {"h3", 1'000'000},
                                   {"h4", 1'000'000},
                                   {"h5", 1'000'000}},
                                  0));
  ASSERT_OK(TakeThroughProcedure(review_.get(), "thon-1", households, "2025"));
  // In 2026 three of them earn 3,000,000 a person: they escape.
  ASSERT_NO_FATAL_FAILURE(PushAll("2026",
                                  {{"h1", 1'000'000},
                                   {"h2", 1'000'000},
                                   {"h3", 3'000'000},
                                   {"h4", 3'000'000},
                                   {"h5", 3'000'000}},
                                  0));
  ASSERT_OK(TakeThroughProcedure(review_.get(), "thon-1", households, "2026"));

  const ProgramResult csv = Ctl({"report", "00001", "--csv"});
  ASSERT_EQ(csv.exit_code, 0) << csv;
  for (const char* line : {
           "area,households,30000\r\n",
           "area,recognised_households,5\r\n",
           "national,poor_households,2\r\n",
           "national,poor_rate_percent,0.0067\r\n",
           "previous,poor_households,5\r\n",
           "previous,poor_rate_percent,0.0167\r\n",
           "outcome,escaped_poor,3\r\n",
           "outcome,unchanged,2\r\n",
           "escaped,recently_escaped,3\r\n",
           "target,at least 3 fewer poor households,3 of 3: met\r\n",
           "target,poor rate down by at least 0.01 points,0.01 of 0.01: met\r\n",
           "target,poor rate at most 0.005 %,0.0067 of 0.005: missed\r\n",
       }) {
    EXPECT_THAT(csv.out, HasSubstr(line)) << csv.out;
  }
  const ProgramResult table = Ctl({"report", "00001"});
  ASSERT_EQ(table.exit_code, 0) << table;
  EXPECT_THAT(table.out, HasSubstr("00001 Phường Thử, round 2026: 5 households recognised of "
                                   "30000"));
  EXPECT_THAT(table.out, HasSubstr("MISSED"));
}

TEST_F(ReportE2eTest, ThePostingListNamesThePostedHouseholdsInVietnamese) {
  ASSERT_NO_FATAL_FAILURE(PushAll("2026", {{"h1", 1'000'000}, {"h2", 3'000'000}}, 0));
  const std::vector<HouseholdAt> households = {{"h1", 1}, {"h2", 1}};
  ASSERT_OK(ApproveAll(review_.get(), households));
  ASSERT_OK(HoldMeeting(review_.get(), "thon-1", households));
  ASSERT_OK(PostAll(review_.get(), {{"h1", 1}}));  // h2 agreed, not yet posted: listed too

  const ProgramResult csv = Ctl({"posting", "00001"});
  ASSERT_EQ(csv.exit_code, 0) << csv;
  EXPECT_EQ(csv.out.substr(0, 3), "\xEF\xBB\xBF");
  const std::string head = ThreeDeprivationHousehold("01", 1).members(0).full_name();
  for (const std::string& text :
       {std::string("Họ tên chủ hộ"), std::string("Hộ nghèo"), std::string("Hộ không nghèo"),
        std::string("h1"), std::string("h2"), head}) {
    EXPECT_THAT(csv.out, HasSubstr(text)) << csv.out;
  }
  const ProgramResult html = Ctl({"posting", "00001", "--html"});
  ASSERT_EQ(html.exit_code, 0) << html;
  EXPECT_THAT(html.out, HasSubstr("<thead>"));
  EXPECT_THAT(html.out, HasSubstr("Phường Thử"));
}

}  // namespace
}  // namespace rasoat::testing
