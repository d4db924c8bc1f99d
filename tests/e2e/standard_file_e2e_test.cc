// Poverty standards are data: a real rasoatd reads them from --standards_dir at start, so a
// threshold corrected in the file changes the classification after a restart, with the same
// binary; and a round names its standard on the command line.
#include <filesystem>
#include <fstream>
#include <sstream>

#include <gmock/gmock.h>
#include <grpcpp/client_context.h>
#include <gtest/gtest.h>

#include "absl/strings/str_replace.h"
#include "tests/e2e/sync_client.h"
#include "tests/e2e/sync_e2e_fixture.h"
#include "tests/support/households.h"
#include <sys/wait.h>

namespace rasoat::testing {
namespace {

class StandardFileE2eTest : public SyncE2eTest {
 protected:
  void SetUp() override {
    standards_ = dir_.Sub("standards");
    std::filesystem::copy(RASOAT_STANDARDS_DIR, standards_);
    StartServer({"--standards_dir=" + standards_});
  }

  v1::GetHouseholdResponse Get(const std::string& household_id) {
    auto review = server_->NewReviewStub();
    v1::GetHouseholdRequest request;
    request.mutable_key()->set_round_id("2026");
    request.mutable_key()->set_household_id(household_id);
    grpc::ClientContext context;
    v1::GetHouseholdResponse response;
    const grpc::Status status = review->GetHousehold(&context, request, &response);
    EXPECT_TRUE(status.ok()) << status.error_message();
    return response;
  }

  void EditStandard(const std::string& name, const std::string& from, const std::string& to) {
    const std::string file = standards_ + "/" + name + ".textproto";
    std::stringstream text;
    text << std::ifstream(file).rdbuf();
    ASSERT_NE(text.str().find(from), std::string::npos) << from;
    std::ofstream(file) << absl::StrReplaceAll(text.str(), {{from, to}});
  }

  std::string standards_;
};

TEST_F(StandardFileE2eTest, ARaisedIncomeLineChangesTheClassificationAfterRestart) {
  // Rural, 1,700,000 đồng per person per month: above the 1,500,000 line of Decree 07/2021.
  v1::Household record = MakeHousehold(1);
  record.mutable_location()->set_area(v1::AREA_RURAL);
  record.clear_incomes();
  v1::IncomeItem* income = record.add_incomes();
  income->set_income_id("i1");
  income->set_source(v1::INCOME_SOURCE_WAGES);
  income->set_annual_amount_vnd(1'700'000LL * 12 * record.members_size());
  ASSERT_TRUE(Push(stub_.get(), "tab-1", {MakeMutation("h1", "m1", 0, record)}).ok());
  v1::Classification before = Get("h1").classification();
  EXPECT_EQ(before.poverty_class(), v1::POVERTY_CLASS_NOT_POOR);
  EXPECT_EQ(before.poor_income_line_vnd(), 1'500'000);

  StopServer();
  EditStandard("decree-07-2021", "poor_income_line { rural_vnd: 1500000",
               "poor_income_line { rural_vnd: 1800000");
  StartServer({"--standards_dir=" + standards_});

  const v1::Classification after = Get("h1").classification();
  EXPECT_EQ(after.poor_income_line_vnd(), 1'800'000);
  EXPECT_THAT(after.poverty_class(),
              ::testing::AnyOf(v1::POVERTY_CLASS_POOR, v1::POVERTY_CLASS_NEAR_POOR));
  EXPECT_NE(after.standard_digest(), before.standard_digest());
}

TEST_F(StandardFileE2eTest, ARoundNamesItsStandardAndABrokenFileStopsTheStart) {
  StopServer();
  StartServer({"--standards_dir=" + standards_, "--rounds=2026:decree-351-2025"});
  ASSERT_TRUE(Push(stub_.get(), "tab-1", {MakeMutation("h1", "m1", 0, MakeHousehold(1))}).ok());
  EXPECT_EQ(Get("h1").classification().standard_name(), "decree-351-2025");
  StopServer();

  EditStandard("decree-351-2025", "deprivations_for_poor: 3", "deprivations_for_poor: three");
  // rasoatd refuses to start, and says which file and where.
  const std::string command =
      std::string(RASOATD_PATH) + " --listen=127.0.0.1:0 --data_dir=" + dir_.Sub("data") +
      " --standards_dir=" + standards_ + " --rounds=2026:decree-351-2025 2>&1";
  FILE* output = popen(command.c_str(), "r");
  ASSERT_NE(output, nullptr);
  std::string said;
  char buffer[512];
  while (fgets(buffer, sizeof buffer, output) != nullptr) said += buffer;
  const int status = pclose(output);
  EXPECT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 1) << status;
  EXPECT_THAT(said,
              ::testing::HasSubstr("round 2026: " + standards_ + "/decree-351-2025.textproto:33:"));
}

}  // namespace
}  // namespace rasoat::testing
