// rasoatctl's audit verbs against a real rasoatd, as an operator runs them: `audit head` prints
// SEQ:HEX and nothing else, `audit verify` says what it checked and exits 0, or names the first
// bad entry and exits 3 (with --expect_head at a head the log never reached), `audit show`
// lists one line per entry with its filters and its limit; the usage errors exit 2 before any
// call, a malformed head is the server's INVALID_ARGUMENT (exit 1), and a reviewer is refused.
#include <fstream>
#include <regex>
#include <string>
#include <vector>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "absl/strings/strip.h"
#include "rasoat/v1/admin.grpc.pb.h"
#include "tests/e2e/program_run.h"
#include "tests/e2e/rasoatctl_fixture.h"
#include "tests/e2e/sync_client.h"
#include "tests/e2e/sync_e2e_fixture.h"
#include "tests/support/households.h"
#include "tests/support/status_matchers.h"

namespace rasoat::testing {
namespace {

using ::testing::AllOf;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::SizeIs;
using ::testing::StartsWith;

class RasoatctlAuditE2eTest : public SyncE2eTest {
 protected:
  void SetUp() override {
    SyncE2eTest::SetUp();
    ASSERT_NE(server_, nullptr);
    // h1 pushed by the admin's loader, taken through the procedure with rasoatctl and delivered
    // to the program store; a user made.
    ASSERT_OK(Push(stub_.get(), "loader", {MakeMutation("h1", "l1", 0, MakeHousehold(1))}));
    for (const std::vector<std::string>& step : std::vector<std::vector<std::string>>{
             {"approve", "h1", "1"},
             {"meeting", "00001/thon-1", "2026-10-01", "25", "BB-01", "h1@1:20"},
             {"post", "00001", "2026-10-05", "h1@1"},
             {"recognise", "00001", "2026-10-09", "45/QĐ-UBND", "h1@1"}}) {
      const ProgramResult done = AdminCtl(step);
      ASSERT_EQ(done.exit_code, 0) << done;
    }
    std::unique_ptr<v1::AdminService::Stub> admin = server_->NewAdminStub();
    v1::GetPublishStatusRequest wait;
    wait.set_wait_drained_seconds(120);
    v1::GetPublishStatusResponse published;
    grpc::ClientContext context;
    ASSERT_TRUE(admin->GetPublishStatus(&context, wait, &published).ok());
    ASSERT_EQ(published.backlog(), 0u) << published.last_error();
    const ProgramResult user = AdminCtl({"user", "add", "canbo.lan", "reviewer", "00001"});
    ASSERT_EQ(user.exit_code, 0) << user;
  }

  // rasoatctl ARGS with the admin's token file.
  ProgramResult AdminCtl(std::vector<std::string> args) {
    args.insert(args.begin(), {RASOATCTL_PATH, absl::StrCat("--server=", server_->address()),
                               absl::StrCat("--token_file=", dir_.Sub("data"), "/admin.token")});
    return RunProgram(args);
  }

  // The head as AdminService answers it.
  std::string HeadText() {
    std::unique_ptr<v1::AdminService::Stub> admin = server_->NewAdminStub();
    v1::AuditHeadResponse response;
    grpc::ClientContext context;
    EXPECT_TRUE(admin->AuditHead(&context, v1::AuditHeadRequest(), &response).ok());
    return response.head().text();
  }

  // `row`'s cells: the words between its runs of blanks.
  static std::vector<std::string> Words(const std::string& row) {
    return absl::StrSplit(row, ' ', absl::SkipEmpty());
  }

  // The lines of `out` after the header.
  static std::vector<std::string> Rows(const std::string& out) {
    std::vector<std::string> lines = absl::StrSplit(out, '\n', absl::SkipEmpty());
    EXPECT_FALSE(lines.empty());
    if (lines.empty()) return lines;
    EXPECT_THAT(lines[0], StartsWith("SEQ  "));
    lines.erase(lines.begin());
    return lines;
  }
};

TEST_F(RasoatctlAuditE2eTest, HeadPrintsSeqColonHexAndNothingElse) {
  const ProgramResult head = AdminCtl({"audit", "head"});
  ASSERT_EQ(head.exit_code, 0) << head;
  EXPECT_TRUE(std::regex_match(head.out, std::regex("[1-9][0-9]*:[0-9a-f]{64}\n"))) << head;
  EXPECT_EQ(head.out, HeadText() + "\n");
  EXPECT_THAT(head.err, IsEmpty());

  const ProgramResult json = AdminCtl({"audit", "head", "--json"});
  ASSERT_EQ(json.exit_code, 0) << json;
  ASSERT_OK_AND_ASSIGN(const v1::AuditHeadResponse parsed,
                       ParseJson<v1::AuditHeadResponse>(json.out));
  EXPECT_EQ(parsed.head().text(), HeadText());
}

TEST_F(RasoatctlAuditE2eTest, VerifySaysWhatItCheckedOrNamesTheFirstBadEntryAndExitsThree) {
  const std::string head = HeadText();
  const std::string seq = head.substr(0, head.find(':'));
  const ProgramResult intact = AdminCtl({"audit", "verify"});
  ASSERT_EQ(intact.exit_code, 0) << intact;
  EXPECT_EQ(intact.out,
            absl::StrCat("intact: ", seq, " entries checked (1 to ", seq, ")\nhead ", head, "\n"));

  ASSERT_OK(Push(stub_.get(), "loader", {MakeMutation("h2", "l2", 0, MakeHousehold(2))}));
  const ProgramResult expected = AdminCtl({"audit", "verify", "--expect_head=" + head});
  ASSERT_EQ(expected.exit_code, 0) << expected;
  EXPECT_THAT(expected.out, AllOf(HasSubstr("expected head found\n"), HasSubstr(HeadText())));

  const std::string made_up = absl::StrCat("9999:", std::string(64, 'e'));
  const ProgramResult cut = AdminCtl({"audit", "verify", "--expect_head", made_up});
  EXPECT_EQ(cut.exit_code, 3) << cut;
  EXPECT_THAT(cut.out, StartsWith("NOT INTACT: audit log ends at entry "));
  EXPECT_THAT(cut.out, HasSubstr(made_up));
  EXPECT_THAT(cut.out, HasSubstr("removed"));

  const ProgramResult cut_json =
      AdminCtl({"audit", "verify", "--expect_head=" + made_up, "--json"});
  EXPECT_EQ(cut_json.exit_code, 3) << cut_json;
  ASSERT_OK_AND_ASSIGN(const v1::VerifyAuditResponse parsed,
                       ParseJson<v1::VerifyAuditResponse>(cut_json.out));
  EXPECT_FALSE(parsed.intact());
  EXPECT_THAT(parsed.problem(), HasSubstr("removed"));

  const ProgramResult malformed = AdminCtl({"audit", "verify", "--expect_head=12:abc"});
  EXPECT_EQ(malformed.exit_code, 1) << malformed;
  EXPECT_THAT(malformed.err, StartsWith("rasoatctl: INVALID_ARGUMENT: expect_head: "));
  EXPECT_THAT(malformed.out, IsEmpty());
}

TEST_F(RasoatctlAuditE2eTest, ShowListsOneLinePerEntryWithItsFilters) {
  const ProgramResult household = AdminCtl({"audit", "show", "--household=h1"});
  ASSERT_EQ(household.exit_code, 0) << household;
  EXPECT_THAT(household.err, IsEmpty());
  const std::vector<std::string> rows = Rows(household.out);
  ASSERT_THAT(rows, SizeIs(6)) << household.out;
  // SEQ TIME ACTOR ACTION TARGET VERSIONS DIGEST, in UTC whatever the machine's zone.
  const std::regex time(" [0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}Z ");
  for (const std::string& row : rows) EXPECT_TRUE(std::regex_search(row, time)) << row;
  // The push and the approval carry the digest of the record, its first 8 hex digits shown.
  const std::regex digest(" [0-9a-f]{8}$");
  EXPECT_TRUE(std::regex_search(rows[0], digest)) << rows[0];
  EXPECT_TRUE(std::regex_search(rows[1], digest)) << rows[1];
  EXPECT_TRUE(
      std::regex_search(rows[0], std::regex("^[0-9]+ .* admin@loader +push +2026/h1:applied +1 ")))
      << rows[0];
  EXPECT_TRUE(std::regex_search(rows[1], std::regex("^[0-9]+ .* admin +approved +2026/h1 +1 ")))
      << rows[1];
  // The procedure's steps, each naming what it acted on and each household's version.
  EXPECT_TRUE(std::regex_search(
      rows[2], std::regex("^[0-9]+ .* admin +village_meeting +village 00001/thon-1,"
                          "2026/h1:village_meeting +1 +[0-9a-f]{8}$")))
      << rows[2];
  EXPECT_TRUE(
      std::regex_search(rows[3], std::regex("^[0-9]+ .* admin +posting_opened +commune 00001,"
                                            "2026/h1:posting_opened +1 ")))
      << rows[3];
  EXPECT_TRUE(std::regex_search(
      rows[4], std::regex("^[0-9]+ .* admin +recognised +commune 00001,2026/h1:recognised +1 ")))
      << rows[4];
  // The delivery to the program store: no digest.
  EXPECT_TRUE(
      std::regex_search(rows[5], std::regex("^[0-9]+ .* rasoatd +published +2026/h1 +1 +-$")))
      << rows[5];
  EXPECT_THAT(Rows(AdminCtl({"--round=2025", "audit", "show", "--household=h1"}).out), IsEmpty());

  const ProgramResult everything = AdminCtl({"audit", "show"});
  ASSERT_EQ(everything.exit_code, 0) << everything;
  const std::vector<std::string> all = Rows(everything.out);
  ASSERT_GE(all.size(), 3u);
  EXPECT_TRUE(std::regex_search(all.back(), std::regex(" user_created +canbo.lan "))) << all.back();

  for (const std::string& row : Rows(AdminCtl({"audit", "show", "--actor=admin"}).out)) {
    EXPECT_TRUE(std::regex_search(row, std::regex("^[0-9]+ +[^ ]+ +admin(@loader)? "))) << row;
  }
  EXPECT_THAT(Rows(AdminCtl({"audit", "show", "--actor=canbo.lan"}).out), IsEmpty());

  EXPECT_THAT(Rows(AdminCtl({"audit", "show", "--since=2000-01-01"}).out), SizeIs(all.size()));
  EXPECT_THAT(Rows(AdminCtl({"audit", "show", "--since=2999-01-01T00:00:00Z"}).out), IsEmpty());
}

TEST_F(RasoatctlAuditE2eTest, ShowFollowsPagesUpToTheLimitAndSaysWhenMoreFollow) {
  const std::vector<std::string> all = Rows(AdminCtl({"audit", "show"}).out);
  ASSERT_GE(all.size(), 3u);

  const ProgramResult one = AdminCtl({"audit", "show", "--limit=1"});
  ASSERT_EQ(one.exit_code, 0) << one;
  // The columns are as wide as the entries printed need: compare the words.
  const std::vector<std::string> first = Rows(one.out);
  ASSERT_THAT(first, SizeIs(1)) << one.out;
  EXPECT_EQ(Words(first[0]), Words(all[0]));
  EXPECT_THAT(one.err, HasSubstr("more follow"));

  const ProgramResult exact = AdminCtl({"audit", "show", absl::StrCat("--limit=", all.size())});
  ASSERT_EQ(exact.exit_code, 0) << exact;
  EXPECT_EQ(Rows(exact.out), all);
  EXPECT_THAT(exact.err, IsEmpty());

  const ProgramResult json = AdminCtl({"audit", "show", "--limit=2", "--json"});
  ASSERT_EQ(json.exit_code, 0) << json;
  ASSERT_OK_AND_ASSIGN(const v1::ListAuditResponse parsed,
                       ParseJson<v1::ListAuditResponse>(json.out));
  ASSERT_EQ(parsed.entries_size(), 2);
  EXPECT_EQ(parsed.entries(1).seq(), 2u);
  EXPECT_EQ(parsed.next_page_seq(), 2u);
}

TEST_F(RasoatctlAuditE2eTest, UsageErrorsExitTwoAndAReviewerIsRefused) {
  const struct {
    std::vector<std::string> args;
    const char* problem;
  } cases[] = {
      {{"audit"}, "missing arguments"},
      {{"audit", "tail"}, "unknown audit command 'tail'"},
      {{"audit", "head", "now"}, "unexpected argument 'now'"},
      {{"audit", "head", "--expect_head=1:00"}, "--expect_head does not apply to audit head"},
      {{"audit", "show", "--expect_head=1:00"}, "--expect_head does not apply to audit show"},
      {{"audit", "verify", "--actor=admin"}, "do not apply to audit verify"},
      {{"audit", "show", "--since=yesterday"}, "--since=yesterday: give a day"},
      {{"audit", "show", "--limit=many"}, "--limit=many"},
      {{"queue", "00001", "--actor=admin"}, "--actor does not apply to queue"},
  };
  for (const auto& c : cases) {
    const ProgramResult result = AdminCtl(c.args);
    EXPECT_EQ(result.exit_code, 2) << absl::StrJoin(c.args, " ") << "\n" << result;
    EXPECT_THAT(result.err, HasSubstr(c.problem)) << absl::StrJoin(c.args, " ");
    EXPECT_THAT(result.out, IsEmpty());
  }

  ASSERT_OK_AND_ASSIGN(const std::string token,
                       server_->MakeUserToken("canbo.lan", v1::ROLE_REVIEWER));
  const std::string path = dir_.Sub("reviewer.token");
  std::ofstream(path) << token << "\n";
  for (const char* verb : {"head", "verify", "show"}) {
    const ProgramResult refused =
        RunProgram({RASOATCTL_PATH, absl::StrCat("--server=", server_->address()),
                    absl::StrCat("--token_file=", path), "audit", verb});
    EXPECT_EQ(refused.exit_code, 1) << refused;
    EXPECT_THAT(refused.err, StartsWith("rasoatctl: PERMISSION_DENIED: ")) << verb;
  }
}

TEST(RasoatctlAuditHelpTest, HelpListsTheAuditVerbsAndExitCodeThree) {
  const ProgramResult help = RunProgram({RASOATCTL_PATH, "--help"});
  EXPECT_EQ(help.exit_code, 0) << help;
  for (const char* text :
       {"audit head", "audit verify [--expect_head=SEQ:HEX]", "audit show [--household=ID]",
        "--expect_head", "--since", "--limit", "3 audit verify found the audit log not intact"}) {
    EXPECT_THAT(help.out, HasSubstr(text));
  }
}

}  // namespace
}  // namespace rasoat::testing
