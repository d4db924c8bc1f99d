// rasoatctl's command table and RunCommand (server/rasoatctl/commands.h), without a server: a
// wrong command line must end in kExitUsage with the problem and the command's usage on err,
// before any request is made (the stubs here are null, so a request would crash the test).
#include "server/rasoatctl/commands.h"

#include <sstream>
#include <string>
#include <utility>
#include <vector>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "server/rasoatctl/context.h"

namespace rasoat::ctl {
namespace {

using ::testing::ElementsAre;

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

TEST(RasoatctlCommandsTest, TheTableListsEveryCommandInHelpOrder) {
  std::vector<std::string> names;
  for (const Command& command : Commands()) names.push_back(command.name);
  EXPECT_THAT(
      names, ElementsAre("queue", "show", "approve", "return", "resolve", "meeting", "post",
                         "object", "recognise", "report", "summary", "publish", "export", "posting",
                         "user", "device", "token", "whoami", "login", "backup", "audit"));
}

TEST(RasoatctlCommandsTest, FindCommandFindsByExactName) {
  const Command* approve = FindCommand("approve");
  ASSERT_NE(approve, nullptr);
  EXPECT_STREQ(approve->usage, "approve HOUSEHOLD VERSION");
  EXPECT_EQ(approve->min_args, 2u);
  EXPECT_EQ(approve->max_args, 2u);
  EXPECT_EQ(FindCommand("Approve"), nullptr);
  EXPECT_EQ(FindCommand("approv"), nullptr);
  EXPECT_EQ(FindCommand(""), nullptr);
}

TEST(RasoatctlCommandsTest, NoCommandOrAnUnknownOneIsAUsageError) {
  const Outcome none = RunWords({});
  EXPECT_EQ(none.exit_code, kExitUsage);
  EXPECT_EQ(none.err, "rasoatctl: no command given; see rasoatctl --help\n");
  EXPECT_EQ(none.out, "");

  const Outcome unknown = RunWords({"frobnicate", "h1"});
  EXPECT_EQ(unknown.exit_code, kExitUsage);
  EXPECT_EQ(unknown.err, "rasoatctl: unknown command 'frobnicate'; see rasoatctl --help\n");
  EXPECT_EQ(unknown.out, "");
}

TEST(RasoatctlCommandsTest, AWrongNumberOfArgumentsPrintsTheCommandsUsage) {
  const Outcome missing = RunWords({"approve", "h1"});
  EXPECT_EQ(missing.exit_code, kExitUsage);
  EXPECT_EQ(missing.err,
            "rasoatctl: missing arguments\n"
            "usage: rasoatctl approve HOUSEHOLD VERSION\n");

  const Outcome extra = RunWords({"show", "h1", "h2"});
  EXPECT_EQ(extra.exit_code, kExitUsage);
  EXPECT_EQ(extra.err,
            "rasoatctl: unexpected argument 'h2'\n"
            "usage: rasoatctl show HOUSEHOLD [--diff=FROM:TO]\n");
  EXPECT_EQ(extra.out, "");
}

TEST(RasoatctlCommandsTest, AFlagTheCommandDoesNotTakeIsAUsageError) {
  Settings diff;
  diff.diff = "1:2";
  EXPECT_EQ(RunWords({"approve", "h1", "3"}, diff).err,
            "rasoatctl: --diff does not apply to approve\n"
            "usage: rasoatctl approve HOUSEHOLD VERSION\n");
  Settings village;
  village.village = "thon-1";
  EXPECT_EQ(RunWords({"show", "h1"}, village).err,
            "rasoatctl: --village does not apply to show\n"
            "usage: rasoatctl show HOUSEHOLD [--diff=FROM:TO]\n");
  Settings statuses;
  statuses.statuses = "ready";
  const Outcome summary = RunWords({"summary", "01234"}, statuses);
  EXPECT_EQ(summary.exit_code, kExitUsage);
  EXPECT_EQ(summary.err,
            "rasoatctl: --status does not apply to summary\n"
            "usage: rasoatctl summary COMMUNE [--village=V]\n");
  Settings page_size;
  page_size.page_size = 10;
  EXPECT_EQ(RunWords({"export", "01234"}, page_size).err,
            "rasoatctl: --page_size does not apply to export\n"
            "usage: rasoatctl export COMMUNE [--machine_names]\n");
}

TEST(RasoatctlCommandsTest, MalformedWordsAreUsageErrorsBeforeAnyRequest) {
  const Outcome version = RunWords({"approve", "h1", "three"});
  EXPECT_EQ(version.exit_code, kExitUsage);
  EXPECT_EQ(version.err,
            "rasoatctl: 'three' is not a version (a number from 1)\n"
            "usage: rasoatctl approve HOUSEHOLD VERSION\n");

  const Outcome comment = RunWords({"return", "h1", "3", " ", "\t"});
  EXPECT_EQ(comment.exit_code, kExitUsage);
  EXPECT_EQ(comment.err,
            "rasoatctl: say what the collaborator must correct\n"
            "usage: rasoatctl return HOUSEHOLD VERSION COMMENT...\n");

  const Outcome resolution = RunWords({"resolve", "h1", "3", "note=head", "note=maybe"});
  EXPECT_EQ(resolution.exit_code, kExitUsage);
  EXPECT_THAT(resolution.err,
              ::testing::StartsWith("rasoatctl: 'maybe' for note: choose head, incoming, "
                                    "value:TEXT or clear\nusage: rasoatctl resolve "));

  const Outcome publish = RunWords({"publish", "now"});
  EXPECT_EQ(publish.exit_code, kExitUsage);
  EXPECT_EQ(publish.err,
            "rasoatctl: unknown publish command 'now'\n"
            "usage: rasoatctl publish status | publish retry [HOUSEHOLD]\n");
  EXPECT_EQ(publish.out, "");

  const Outcome status = RunWords({"publish", "status", "h1"});
  EXPECT_EQ(status.exit_code, kExitUsage);
  EXPECT_EQ(status.err,
            "rasoatctl: unexpected argument 'h1'\n"
            "usage: rasoatctl publish status | publish retry [HOUSEHOLD]\n");

  const Outcome retry = RunWords({"publish", "retry", "h1", "h2"});
  EXPECT_EQ(retry.exit_code, kExitUsage);
  EXPECT_THAT(retry.err, ::testing::StartsWith("rasoatctl: unexpected argument 'h2'\n"));
}

TEST(RasoatctlCommandsTest, MalformedFlagValuesAreUsageErrorsBeforeAnyRequest) {
  // --village and --status apply to queue, so the problem reported is the status itself.
  Settings queue;
  queue.village = "thon-1";
  queue.statuses = "ready,pending";
  const Outcome status = RunWords({"queue", "01234"}, queue);
  EXPECT_EQ(status.exit_code, kExitUsage);
  EXPECT_EQ(status.err,
            "rasoatctl: unknown status 'pending': one of ready, needs_correction, conflict, "
            "returned, approved\n"
            "usage: rasoatctl queue COMMUNE [--village=V] [--status=S[,S...]] [--page_size=N]\n");

  Settings show;
  show.diff = "2";
  const Outcome diff = RunWords({"show", "h1"}, show);
  EXPECT_EQ(diff.exit_code, kExitUsage);
  EXPECT_EQ(diff.err,
            "rasoatctl: --diff=2: give two versions, FROM:TO\n"
            "usage: rasoatctl show HOUSEHOLD [--diff=FROM:TO]\n");
}

}  // namespace
}  // namespace rasoat::ctl
