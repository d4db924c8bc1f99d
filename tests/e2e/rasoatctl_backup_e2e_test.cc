// rasoatctl's backup verbs against a real rasoatd, as an operator runs them: `backup create`
// names the backup it made, `backup list` shows it, `backup verify ID` says it is intact and
// exits 0 (and the audit log says who made it), or, once a file in it is damaged, says DAMAGED and
// exits 3; `backup restore` is a usage error (exit 2) that tells how a restore is done; a reviewer
// is refused.
#include <filesystem>
#include <fstream>
#include <memory>
#include <string>
#include <vector>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "tests/e2e/program_run.h"
#include "tests/e2e/rasoatd_process.h"
#include "tests/e2e/sync_client.h"
#include "tests/support/damaged_files.h"
#include "tests/support/households.h"
#include "tests/support/status_matchers.h"
#include "tests/support/temp_dir.h"

namespace rasoat::testing {
namespace {

using ::testing::HasSubstr;
using ::testing::MatchesRegex;
using ::testing::SizeIs;

class RasoatctlBackupE2eTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_OK_AND_ASSIGN(
        server_, RasoatdProcess::Start(dir_.Sub("data"), {"--backup_dir=" + dir_.Sub("backups")}));
    std::unique_ptr<v1::SyncService::Stub> sync = server_->NewSyncStub();
    ASSERT_OK(Push(sync.get(), "loader", {MakeMutation("h1", "l1", 0, MakeHousehold(1))}));
  }

  // rasoatctl ARGS with the token in `token_file` (the admin's by default).
  ProgramResult Ctl(std::vector<std::string> args, std::string token_file = "") {
    if (token_file.empty()) token_file = dir_.Sub("data") + "/admin.token";
    args.insert(args.begin(), {RASOATCTL_PATH, absl::StrCat("--server=", server_->address()),
                               "--token_file=" + token_file});
    return RunProgram(args);
  }

  TempDir dir_;
  std::unique_ptr<RasoatdProcess> server_;
};

TEST_F(RasoatctlBackupE2eTest, CreateListAndVerifyThenADamagedFileIsFound) {
  const ProgramResult created = Ctl({"backup", "create"});
  ASSERT_EQ(created.exit_code, 0) << Describe(created);
  EXPECT_THAT(created.out, MatchesRegex("backup 1 made: [0-9]+ files, .* MB\n"));

  // Who made it is in the audit log.
  const ProgramResult audit = Ctl({"audit", "show"});
  ASSERT_EQ(audit.exit_code, 0) << Describe(audit);
  EXPECT_THAT(audit.out, HasSubstr("backup_created"));

  const ProgramResult listed = Ctl({"backup", "list"});
  ASSERT_EQ(listed.exit_code, 0) << Describe(listed);
  const std::vector<std::string> rows = absl::StrSplit(listed.out, '\n', absl::SkipEmpty());
  ASSERT_THAT(rows, SizeIs(2)) << listed.out;
  EXPECT_THAT(rows[0], MatchesRegex("ID +MADE +FILES +SIZE *"));
  EXPECT_THAT(rows[1], MatchesRegex("1 +[0-9-]+ [0-9:]+ UTC +[0-9]+ +.* MB *"));

  const ProgramResult intact = Ctl({"backup", "verify", "1"});
  EXPECT_EQ(intact.exit_code, 0) << Describe(intact);
  EXPECT_THAT(intact.out, HasSubstr("backup 1 intact"));

  ASSERT_GT(DamageFiles(dir_.Sub("backups"), ".sst"), 0);
  const ProgramResult broken = Ctl({"backup", "verify", "1"});
  EXPECT_EQ(broken.exit_code, 3) << Describe(broken);
  EXPECT_THAT(broken.out, HasSubstr("backup 1 is DAMAGED"));
}

TEST_F(RasoatctlBackupE2eTest, UsageErrorsExitTwoAndARestoreIsShownTheOfflineWay) {
  const ProgramResult restore = Ctl({"backup", "restore", "1"});
  EXPECT_EQ(restore.exit_code, 2) << Describe(restore);
  EXPECT_THAT(restore.err, HasSubstr("rasoatd --restore_from="));
  const ProgramResult not_an_id = Ctl({"backup", "verify", "latest"});
  EXPECT_EQ(not_an_id.exit_code, 2) << Describe(not_an_id);
  EXPECT_THAT(not_an_id.err, HasSubstr("'latest' is not a backup id"));
  const ProgramResult unknown = Ctl({"backup", "prune"});
  EXPECT_EQ(unknown.exit_code, 2) << Describe(unknown);
  EXPECT_THAT(unknown.err, HasSubstr("unknown backup command 'prune'"));
}

TEST_F(RasoatctlBackupE2eTest, AReviewerIsRefused) {
  ASSERT_OK_AND_ASSIGN(
      const std::string token,
      server_->MakeUserToken("canbo.lan", v1::ROLE_REVIEWER, {CommuneScope("00001")}));
  const std::string token_file = dir_.Sub("reviewer.token");
  std::ofstream(token_file) << token << "\n";
  const ProgramResult refused = Ctl({"backup", "create"}, token_file);
  EXPECT_EQ(refused.exit_code, 1) << Describe(refused);
  EXPECT_THAT(refused.err, HasSubstr("PERMISSION_DENIED"));
  EXPECT_FALSE(std::filesystem::exists(dir_.Sub("backups") + "/meta/1"));
}

}  // namespace
}  // namespace rasoat::testing
