#include "server/rasoatctl/commands.h"

#include <limits>

#include "absl/strings/str_cat.h"
#include "server/rasoatctl/audit_commands.h"
#include "server/rasoatctl/backup_commands.h"
#include "server/rasoatctl/decisions.h"
#include "server/rasoatctl/identity_commands.h"
#include "server/rasoatctl/procedure_commands.h"
#include "server/rasoatctl/publishing.h"
#include "server/rasoatctl/report_command.h"
#include "server/rasoatctl/reports.h"
#include "server/rasoatctl/show.h"

namespace rasoat::ctl {
namespace {

constexpr size_t kAny = std::numeric_limits<size_t>::max();

// The flag each CommandFlag bit stands for, and whether it was given.
struct FlagUse {
  CommandFlag bit;
  const char* name;
  bool given;
};

}  // namespace

const std::vector<Command>& Commands() {
  static const std::vector<Command>* const commands = new std::vector<Command>{
      {"queue", "queue COMMUNE [--village=V] [--status=S[,S...]] [--page_size=N]",
       "the households of a commune, with their review status", 1, 1,
       kVillageFlag | kStatusFlag | kPageSizeFlag, &RunQueue},
      {"show", "show HOUSEHOLD [--diff=FROM:TO]",
       "one household as it is now, and what its last change (or FROM:TO) changed", 1, 1, kDiffFlag,
       &RunShow},
      {"approve", "approve HOUSEHOLD VERSION", "approve the version you looked at", 2, 2, 0,
       &RunApprove},
      {"return", "return HOUSEHOLD VERSION COMMENT...",
       "return the version you looked at to the collaborator, saying what to correct", 3, kAny, 0,
       &RunReturn},
      {"resolve", "resolve HOUSEHOLD VERSION PATH=head|incoming|value:TEXT|clear...",
       "resolve conflicts of the version you looked at; TEXT in protobuf text format,\n"
       "      e.g. 'members[m2].full_name=value:\"Lò Thị Lan\"'",
       3, kAny, 0, &RunResolve},
      {"meeting",
       "meeting COMMUNE/VILLAGE DAY ATTENDEES MINUTES HOUSEHOLD@VERSION[:AGREEING]... "
       "[note=TEXT]",
       "record a village meeting: each household agreed (by at least the quorum, or by\n"
       "      AGREEING of the ATTENDEES); one under the quorum goes back for re-survey with TEXT",
       5, kAny, 0, &RunMeeting},
      {"post", "post COMMUNE FIRST_DAY HOUSEHOLD@VERSION... [days=N]",
       "post households agreed by their meeting publicly for N working days (the standard's)", 3,
       kAny, 0, &RunPost},
      {"object", "object HOUSEHOLD@VERSION DAY by=NAME WHAT...",
       "record an objection received during a household's posting: it goes back to review", 4, kAny,
       0, &RunObject},
      {"recognise", "recognise COMMUNE DAY DECISION HOUSEHOLD@VERSION...",
       "the chairman's recognition (decision number and day) of households whose posting\n"
       "      ended without objection; publishes them",
       4, kAny, 0, &RunRecognise},
      {"report", "report COMMUNE|PROVINCE [--csv]",
       "the official figures over recognised households against the targets: poor and\n"
       "      near-poor (national, local) and their rates, outcomes, priority groups,\n"
       "      recently escaped; a two-digit code is a province (admins only)",
       1, 1, kCsvFlag, &RunReport},
      {"summary", "summary COMMUNE [--village=V]",
       "households by status and class, deprivations per indicator", 1, 1, kVillageFlag,
       &RunSummary},
      {"publish", "publish status | publish retry [HOUSEHOLD]",
       "status: how far the program store is behind the approvals (backlog, oldest, last error)\n"
       "      and the dead letters it refused; retry: put the dead letters (of HOUSEHOLD, or all)\n"
       "      back in the outbox once the cause is removed",
       1, 2, 0, &RunPublish},
      {"export", "export COMMUNE [--machine_names]",
       "the commune's published list as CSV on stdout: Vietnamese headers and labels for a\n"
       "      spreadsheet, or the machine names for scripts",
       1, 1, kMachineNamesFlag, &RunExport},
      {"posting", "posting COMMUNE [--village=V] [--html]",
       "the public posting list (households agreed by their meeting and posted), in\n"
       "      Vietnamese: CSV for a spreadsheet, or a printable A4 HTML page",
       1, 1, kVillageFlag | kHtmlFlag, &RunPosting},
      {"user",
       "user add LOGIN ROLE [SCOPE...] | list | disable|enable LOGIN | assign|unassign LOGIN "
       "SCOPE | passwd LOGIN",
       "users (admins only, but passwd of oneself): ROLE collaborator, reviewer, chairman or\n"
       "      admin; SCOPE COMMUNE, or COMMUNE/VILLAGE for a collaborator; passwd reads stdin",
       1, kAny, 0, &RunUser},
      {"device", "device enroll LOGIN DEVICE_ID | revoke DEVICE_ID | list [LOGIN]",
       "tablets: enroll prints the tablet's token once (and its QR code on a terminal);\n"
       "      revoke a lost one: its token fails on its next call",
       1, 3, 0, &RunDevice},
      {"token", "token create LOGIN [LABEL...] | revoke TOKEN_ID | list [LOGIN]",
       "tokens for people and programs; create prints the token once", 1, kAny, 0, &RunToken},
      {"whoami", "whoami", "the user and token rasoatctl calls with", 0, 0, 0, &RunWhoAmI},
      {"login", "login LOGIN",
       "the password from stdin; keeps the session's token in --token_file (12 h by default)", 1, 1,
       0, &RunLogin},
      {"backup", "backup create | list | verify ID",
       "backups of the store in rasoatd's --backup_dir (admins only): create makes one while\n"
       "      rasoatd serves; verify re-reads one against its checksums, exit 3 if damaged;\n"
       "      a restore is offline: rasoatd --restore_from=DIR --data_dir=NEW",
       1, 2, 0, &RunBackup},
      {"audit",
       "audit head | audit verify [--expect_head=SEQ:HEX] | audit show [--household=ID] "
       "[--round=ID] [--actor=LOGIN] [--since=TIME] [--limit=N]",
       "the audit log (admins only): head prints SEQ:HEX, to export regularly and keep\n"
       "      elsewhere; verify checks the hash chain (against an exported head), exit 3 if\n"
       "      it is not intact; show lists entries, oldest first, one per line",
       1, 1, kExpectHeadFlag | kHouseholdFlag | kActorFlag | kSinceFlag | kLimitFlag, &RunAudit},
  };
  return *commands;
}

const Command* FindCommand(absl::string_view name) {
  for (const Command& command : Commands()) {
    if (name == command.name) return &command;
  }
  return nullptr;
}

int RunCommand(CommandContext context, const std::vector<std::string>& words) {
  if (words.empty()) return context.Usage("no command given; see rasoatctl --help");
  context.command = FindCommand(words[0]);
  if (context.command == nullptr) {
    return context.Usage(absl::StrCat("unknown command '", words[0], "'; see rasoatctl --help"));
  }
  const std::vector<std::string> args(words.begin() + 1, words.end());
  const Command& command = *context.command;
  if (args.size() < command.min_args) return context.Usage("missing arguments");
  if (args.size() > command.max_args) {
    return context.Usage(absl::StrCat("unexpected argument '", args[command.max_args], "'"));
  }
  const Settings& settings = context.settings;
  const FlagUse uses[] = {
      {kVillageFlag, "--village", !settings.village.empty()},
      {kStatusFlag, "--status", !settings.statuses.empty()},
      {kPageSizeFlag, "--page_size", settings.page_size != 0},
      {kDiffFlag, "--diff", !settings.diff.empty()},
      {kExpectHeadFlag, "--expect_head", !settings.expect_head.empty()},
      {kHouseholdFlag, "--household", !settings.household.empty()},
      {kActorFlag, "--actor", !settings.actor.empty()},
      {kSinceFlag, "--since", !settings.since.empty()},
      {kLimitFlag, "--limit", settings.limit != 0},
      {kCsvFlag, "--csv", settings.csv},
      {kHtmlFlag, "--html", settings.html},
      {kMachineNamesFlag, "--machine_names", settings.machine_names},
  };
  for (const FlagUse& use : uses) {
    if (use.given && (command.flags & use.bit) == 0) {
      return context.Usage(absl::StrCat(use.name, " does not apply to ", command.name));
    }
  }
  return command.run(context, args);
}

}  // namespace rasoat::ctl
