// rasoatctl's audit verbs without a server (server/rasoatctl/audit_commands.h): the line of
// each kind of entry (a push naming its households and outcomes, a decision, a subject, the
// bootstrap without an actor), what verify prints and the exit code it returns, and the words
// and flags refused before any request (the stubs here are null, so a request would crash the
// test). Against a real rasoatd: tests/e2e/rasoatctl_audit_e2e_test.cc.
#include "server/rasoatctl/audit_commands.h"

#include <sstream>
#include <string>
#include <utility>
#include <vector>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "absl/strings/str_cat.h"
#include "server/rasoatctl/commands.h"
#include "server/rasoatctl/context.h"

namespace rasoat::ctl {
namespace {

using ::testing::HasSubstr;

// 2026-09-03T07:05:09Z.
constexpr int64_t kTime = 1788419109000000;

v1::AuditEntry Push() {
  v1::AuditEntry entry;
  entry.set_seq(12);
  entry.set_time_unix_micros(kTime);
  entry.mutable_actor()->set_login("ctv.hoa");
  entry.mutable_actor()->set_device_id("tab-hoa");
  entry.set_action(v1::AUDIT_ACTION_PUSH);
  for (const auto& [id, action, version, digest] :
       {std::tuple{"h1", v1::AUDIT_ACTION_PUSH_APPLIED, 2, "\x9f\x86\xd0\x81\x88"},
        std::tuple{"h2", v1::AUDIT_ACTION_PUSH_CONFLICT, 5, "\x01\x02\x03\x04\x05"}}) {
    v1::AuditHouseholdChange* change = entry.add_changes();
    change->mutable_household()->set_round_id("2026");
    change->mutable_household()->set_household_id(id);
    change->set_action(action);
    change->set_version(version);
    change->set_digest(digest);
  }
  return entry;
}

TEST(RasoatctlAuditTest, EachEntryIsOneLineInUtcWithShortNamesAndDigests) {
  v1::ListAuditResponse response;
  *response.add_entries() = Push();
  v1::AuditEntry* approval = response.add_entries();
  approval->set_seq(13);
  approval->set_time_unix_micros(kTime + 61'000'000);
  approval->mutable_actor()->set_login("canbo.lan");
  approval->set_action(v1::AUDIT_ACTION_APPROVED);
  approval->mutable_household()->set_round_id("2026");
  approval->mutable_household()->set_household_id("h1");
  approval->add_versions(2);
  approval->set_digest(std::string("\xab\xcd\xef\x01\x23\x45", 6));
  v1::AuditEntry* user = response.add_entries();
  user->set_seq(14);
  user->set_time_unix_micros(kTime + 3'600'000'000);
  user->mutable_actor()->set_login("admin");
  user->set_action(v1::AUDIT_ACTION_USER_CREATED);
  user->set_subject("canbo.lan");
  v1::AuditEntry* bootstrap = response.add_entries();
  bootstrap->set_seq(1);
  bootstrap->set_time_unix_micros(kTime);
  bootstrap->set_action(v1::AUDIT_ACTION_USER_CREATED);
  bootstrap->set_subject("admin");

  std::ostringstream out;
  PrintAuditEntries(response.entries(), out);
  // Columns: SEQ, TIME, ACTOR, ACTION | TARGET, VERSIONS, DIGEST.
  EXPECT_EQ(out.str(),
            "SEQ  TIME                  ACTOR            ACTION        "
            "TARGET                            VERSIONS  DIGEST\n"
            "12   2026-09-03T07:05:09Z  ctv.hoa@tab-hoa  push          "
            "2026/h1:applied,2026/h2:conflict  2,5       9f86d081,01020304\n"
            "13   2026-09-03T07:06:10Z  canbo.lan        approved      "
            "2026/h1                           2         abcdef01\n"
            "14   2026-09-03T08:05:09Z  admin            user_created  "
            "canbo.lan                         -         -\n"
            "1    2026-09-03T07:05:09Z  -                user_created  "
            "admin                             -         -\n");
}

TEST(RasoatctlAuditTest, VerifyPrintsWhatItCheckedOrTheProblemAndReturnsTheExitCode) {
  v1::VerifyAuditResponse intact;
  intact.set_intact(true);
  intact.set_entries_checked(42);
  intact.set_first_seq(1);
  intact.set_last_seq(42);
  intact.mutable_head()->set_text("42:9f86");
  intact.set_expect_head_found(true);
  std::ostringstream out;
  EXPECT_EQ(PrintAuditVerification(intact, out), kExitOk);
  EXPECT_EQ(out.str(),
            "intact: 42 entries checked (1 to 42)\n"
            "expected head found\n"
            "head 42:9f86\n");

  v1::VerifyAuditResponse empty;
  empty.set_intact(true);
  empty.mutable_head()->set_text("0:0000");
  std::ostringstream empty_out;
  EXPECT_EQ(PrintAuditVerification(empty, empty_out), kExitOk);
  EXPECT_EQ(empty_out.str(), "intact: 0 entries checked\nhead 0:0000\n");

  v1::VerifyAuditResponse broken;
  broken.set_problem("audit entry 7: its hash does not match its content");
  std::ostringstream broken_out;
  EXPECT_EQ(PrintAuditVerification(broken, broken_out), kExitAuditBroken);
  EXPECT_EQ(broken_out.str(), "NOT INTACT: audit entry 7: its hash does not match its content\n");
  EXPECT_EQ(kExitAuditBroken, 3);  // documented in --help and context.h
}

// What RunCommand printed and returned for `words`.
struct Outcome {
  int exit_code;
  std::string out;
  std::string err;
};

Outcome RunWords(const std::vector<std::string>& words, Settings settings = Settings()) {
  std::ostringstream out;
  std::ostringstream err;
  CommandContext context;
  context.settings = std::move(settings);
  context.out = &out;
  context.err = &err;
  const int exit_code = RunCommand(context, words);
  return {exit_code, out.str(), err.str()};
}

constexpr char kUsage[] =
    "usage: rasoatctl audit head | audit verify [--expect_head=SEQ:HEX] | audit show "
    "[--household=ID] [--round=ID] [--actor=LOGIN] [--since=TIME] [--limit=N]\n";

TEST(RasoatctlAuditTest, AnUnknownVerbOrAFlagOfAnotherVerbIsAUsageError) {
  const Outcome unknown = RunWords({"audit", "tail"});
  EXPECT_EQ(unknown.exit_code, kExitUsage);
  EXPECT_EQ(unknown.err, absl::StrCat("rasoatctl: unknown audit command 'tail'\n", kUsage));
  EXPECT_EQ(unknown.out, "");

  Settings expect;
  expect.expect_head = "1:00";
  EXPECT_EQ(RunWords({"audit", "head"}, expect).err,
            absl::StrCat("rasoatctl: --expect_head does not apply to audit head\n", kUsage));
  EXPECT_EQ(RunWords({"audit", "show"}, expect).exit_code, kExitUsage);

  Settings limit;
  limit.limit = 5;
  const Outcome verify = RunWords({"audit", "verify"}, limit);
  EXPECT_EQ(verify.exit_code, kExitUsage);
  EXPECT_EQ(verify.err,
            absl::StrCat("rasoatctl: --household, --actor, --since and --limit do not apply to "
                         "audit verify\n",
                         kUsage));

  Settings household;
  household.household = "h1";
  EXPECT_EQ(RunWords({"approve", "h1", "1"}, household).err,
            "rasoatctl: --household does not apply to approve\n"
            "usage: rasoatctl approve HOUSEHOLD VERSION\n");
}

TEST(RasoatctlAuditTest, AMalformedSinceIsAUsageErrorBeforeAnyRequest) {
  Settings since;
  since.since = "03/09/2026";
  const Outcome outcome = RunWords({"audit", "show"}, since);
  EXPECT_EQ(outcome.exit_code, kExitUsage);
  EXPECT_THAT(outcome.err, HasSubstr("rasoatctl: --since=03/09/2026: give a day, YYYY-MM-DD"));
  EXPECT_EQ(outcome.out, "");
}

}  // namespace
}  // namespace rasoat::ctl
