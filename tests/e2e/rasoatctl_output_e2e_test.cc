// rasoatctl against a real rasoatd: what a person reads (the queue table with Vietnamese names,
// a resolution given path by path), the exit codes and error lines of refusals and usage
// errors, and the help.
#include <map>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "rasoat/v1/review.pb.h"
#include "tests/e2e/program_run.h"
#include "tests/e2e/rasoatctl_fixture.h"
#include "tests/e2e/sync_client.h"
#include "tests/e2e/sync_e2e_fixture.h"
#include "tests/support/households.h"
#include "tests/support/status_matchers.h"

namespace rasoat::testing {
namespace {

using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::SizeIs;
using ::testing::StartsWith;

size_t CodePointColumn(const std::string& line, const std::string& needle) {
  const size_t byte = line.rfind(needle);
  if (byte == std::string::npos) return std::string::npos;
  size_t column = 0;
  for (size_t i = 0; i < byte; ++i) {
    if ((static_cast<unsigned char>(line[i]) & 0xC0) != 0x80) ++column;
  }
  return column;
}

TEST_F(RasoatctlE2eTest, QueueTableHasAHeaderAndAlignsVietnameseNames) {
  std::map<std::string, std::string> heads;
  for (int seed = 1; seed <= 4; ++seed) {
    const std::string id = absl::StrCat("h", seed);
    const v1::Household record = MakeHousehold(seed, kCommune, seed % 2 ? "thon-1" : "thon-10");
    heads[id] = record.members(0).full_name();
    ASSERT_OK(PushApplied(id, absl::StrCat(id, "-m1"), 0, record, 1));
  }
  const ProgramResult result = Ctl({"queue", kCommune});
  ASSERT_EQ(result.exit_code, 0) << result;
  const std::vector<std::string> lines = absl::StrSplit(result.out, '\n', absl::SkipEmpty());
  ASSERT_THAT(lines, SizeIs(1 + heads.size())) << result;
  EXPECT_THAT(lines[0], StartsWith("HOUSEHOLD"));
  for (const char* column : {"VILLAGE", "VERSION", "STATUS", "CONFLICTS", "ISSUES", "CLASS"}) {
    EXPECT_THAT(lines[0], HasSubstr(column));
  }
  const size_t head_column = CodePointColumn(lines[0], "HEAD");
  for (size_t i = 1; i < lines.size(); ++i) {
    const std::string id = lines[i].substr(0, lines[i].find(' '));
    ASSERT_TRUE(heads.contains(id)) << lines[i];
    EXPECT_EQ(CodePointColumn(lines[i], heads[id]), head_column) << result.out;
  }
}

TEST_F(RasoatctlE2eTest, ResolveTakesAValuePerConflictingPath) {
  const v1::Household base = MakeHousehold(3, kCommune, kVillage);
  ASSERT_OK(PushApplied("h1", "a1", 0, base, 1));
  v1::Household head = base;
  head.set_collaborator_note("hộ đi vắng");
  ASSERT_OK(PushApplied("h1", "a2", 1, head, 2));
  v1::Household offline = base;
  offline.set_collaborator_note("hộ chuyển đi");
  ASSERT_OK_AND_ASSIGN(v1::PushResponse stale,
                       Push(stub_.get(), "tab-2", {MakeMutation("h1", "b1", 1, offline)}));
  ASSERT_EQ(stale.results(0).outcome(), v1::MUTATION_OUTCOME_CONFLICT);
  ASSERT_EQ(stale.results(0).version(), 3u);

  ASSERT_OK_AND_ASSIGN(v1::ListQueueResponse conflicts,
                       CtlJson<v1::ListQueueResponse>({"queue", kCommune, "--status=conflict"}));
  ASSERT_THAT(conflicts.entries(), SizeIs(1));
  EXPECT_EQ(conflicts.entries(0).open_conflicts(), 1u);

  const std::string agreed = "Chủ hộ xác nhận: hộ đi vắng đến tháng 12";
  ASSERT_OK_AND_ASSIGN(
      v1::ResolveConflictResponse resolved,
      CtlJson<v1::ResolveConflictResponse>(
          {"resolve", "h1", "3", absl::StrCat("collaborator_note=value:\"", agreed, "\"")}));
  EXPECT_EQ(resolved.version(), 4u);
  EXPECT_THAT(resolved.open_conflicts(), IsEmpty());
  EXPECT_NE(resolved.status(), v1::REVIEW_STATUS_CONFLICT);

  ASSERT_OK_AND_ASSIGN(PullResult pull,
                       PullAll(stub_.get(), "2026", {VillageScope(kCommune, kVillage)}));
  ASSERT_THAT(pull.households, SizeIs(1));
  EXPECT_EQ(pull.households[0].record().collaborator_note(), agreed);

  // Version 3 is no longer the head: the reviewer must look again.
  const ProgramResult again = Ctl({"resolve", "h1", "3", "collaborator_note=head"});
  EXPECT_EQ(again.exit_code, 1) << again;
  EXPECT_THAT(again.err, StartsWith("rasoatctl: FAILED_PRECONDITION: ")) << again;
}

TEST_F(RasoatctlE2eTest, ServerRefusalsExitOneWithTheirCode) {
  const ProgramResult unknown_round = Ctl({"--round=1999", "queue", kCommune});
  EXPECT_EQ(unknown_round.exit_code, 1) << unknown_round;
  EXPECT_THAT(unknown_round.err, StartsWith("rasoatctl: INVALID_ARGUMENT: ")) << unknown_round;
  EXPECT_THAT(unknown_round.out, IsEmpty());

  const ProgramResult missing = Ctl({"show", "no-such-household"});
  EXPECT_EQ(missing.exit_code, 1) << missing;
  EXPECT_THAT(missing.err, StartsWith("rasoatctl: NOT_FOUND: ")) << missing;

  const ProgramResult approve_missing = Ctl({"approve", "no-such-household", "1"});
  EXPECT_EQ(approve_missing.exit_code, 1) << approve_missing;
  EXPECT_THAT(approve_missing.err, StartsWith("rasoatctl: NOT_FOUND: ")) << approve_missing;
}

TEST(RasoatctlTest, UnreachableServerExitsOneWithUnavailable) {
  // Port 1 on loopback: nothing listens there.
  const ProgramResult result = RunProgram(
      {RASOATCTL_PATH, "--server=127.0.0.1:1", "--timeout_seconds=5", "queue", kCommune});
  EXPECT_EQ(result.exit_code, 1) << result;
  EXPECT_THAT(result.err, StartsWith("rasoatctl: UNAVAILABLE: ")) << result;
}

TEST(RasoatctlTest, UsageErrorsExitTwoWithTheCommandsUsage) {
  const struct {
    std::vector<std::string> args;
    const char* usage;
  } cases[] = {
      {{}, "rasoatctl: no command given"},
      {{"frobnicate"}, "rasoatctl: unknown command 'frobnicate'"},
      {{"approve", "h1"}, "usage: rasoatctl approve HOUSEHOLD VERSION"},
      {{"approve", "h1", "three"}, "usage: rasoatctl approve HOUSEHOLD VERSION"},
      {{"approve", "h1", "3", "extra"}, "usage: rasoatctl approve HOUSEHOLD VERSION"},
      {{"return", "h1", "3"}, "usage: rasoatctl return HOUSEHOLD VERSION COMMENT..."},
      {{"return", "h1", "3", " "}, "usage: rasoatctl return HOUSEHOLD VERSION COMMENT..."},
      {{"resolve", "h1", "3", "note=maybe"}, "usage: rasoatctl resolve HOUSEHOLD VERSION"},
      {{"queue", "01234", "--status=pending"}, "usage: rasoatctl queue COMMUNE"},
      {{"show", "h1", "--diff=2"}, "usage: rasoatctl show HOUSEHOLD"},
      {{"approve", "h1", "3", "--village=thon-1"}, "--village does not apply to approve"},
      {{"--vilage=thon-1", "queue", "01234"}, "unknown flag --vilage"},
      {{"queue", "01234", "--page_size=many"}, "--page_size=many"},
      {{"--timeout_seconds=0", "queue", "01234"}, "--timeout_seconds must be positive"},
  };
  for (const auto& c : cases) {
    std::vector<std::string> args = {RASOATCTL_PATH, "--server=127.0.0.1:1"};
    args.insert(args.end(), c.args.begin(), c.args.end());
    const ProgramResult result = RunProgram(args);
    EXPECT_EQ(result.exit_code, 2) << absl::StrJoin(c.args, " ") << "\n" << result;
    EXPECT_THAT(result.err, HasSubstr(c.usage)) << absl::StrJoin(c.args, " ");
    EXPECT_THAT(result.out, IsEmpty());
  }
}

TEST(RasoatctlTest, HelpListsEveryCommandAndExitsZero) {
  for (const char* help : {"--help", "help"}) {
    const ProgramResult result = RunProgram({RASOATCTL_PATH, help});
    EXPECT_EQ(result.exit_code, 0) << result;
    for (const char* command : {"queue COMMUNE", "show HOUSEHOLD", "approve HOUSEHOLD VERSION",
                                "return HOUSEHOLD VERSION COMMENT", "resolve HOUSEHOLD VERSION",
                                "summary COMMUNE", "--server", "--json", "--reviewer"}) {
      EXPECT_THAT(result.out, HasSubstr(command)) << help;
    }
  }
}

}  // namespace
}  // namespace rasoat::testing
