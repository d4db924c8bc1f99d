// rasoatctl: the commune staff's command line to rasoatd's ReviewService. Flags (anywhere on
// the line), help, then one command from commands.h over one channel.
#include <chrono>
#include <cstdlib>
#include <iostream>
#include <iterator>
#include <memory>
#include <string>
#include <vector>

#include <grpcpp/channel.h>

#include "absl/flags/flag.h"
#include "absl/flags/parse.h"
#include "absl/flags/reflection.h"
#include "absl/flags/usage.h"
#include "proto/client/client_channel.h"
#include "proto/client/program_version.h"
#include "server/rasoatctl/args.h"
#include "server/rasoatctl/commands.h"

ABSL_FLAG(std::string, server, "",
          "rasoatd's address, HOST:PORT; default: $RASOAT_SERVER, else 127.0.0.1:50051.");
ABSL_FLAG(std::string, token_file, "",
          "File holding the token to call with; default: $RASOAT_TOKEN_FILE, else "
          "~/.config/rasoat/token. rasoatd's first start writes the admin's to "
          "DATA_DIR/admin.token.");
ABSL_FLAG(std::string, ca_file, "",
          "CA certificate (PEM) to trust when rasoatd serves TLS; empty: plaintext.");
ABSL_FLAG(std::string, round, "2026", "The review round.");
ABSL_FLAG(bool, json, false,
          "Print the response as one JSON object (proto3 JSON mapping) on one line, for "
          "scripts.");
ABSL_FLAG(std::string, reviewer, "",
          "Ignored, kept so that old scripts run: rasoatd records the user of the token as "
          "the one who approves, returns or resolves.");
ABSL_FLAG(int32_t, timeout_seconds, 30, "Deadline of each call to the server, in seconds.");
ABSL_FLAG(std::string, village, "", "queue, summary: only this village of the commune.");
ABSL_FLAG(std::string, status, "",
          "queue: only these statuses, comma-separated: ready, needs_correction, conflict, "
          "returned, approved.");
ABSL_FLAG(uint32_t, page_size, 0, "queue: households per call (the server's default when 0).");
ABSL_FLAG(std::string, diff, "", "show: the changes between versions FROM:TO.");
ABSL_FLAG(std::string, expect_head, "",
          "audit verify: a head exported earlier with `audit head` (SEQ:HEX); the log must still "
          "hold that entry with that hash, which catches a log cut short or rewritten since.");
ABSL_FLAG(std::string, household, "",
          "audit show: only the entries about this household of --round: those whose target it "
          "is (a decision, a read, a delivery) and the pushes that changed it.");
ABSL_FLAG(std::string, actor, "", "audit show: only what this user (login) did.");
ABSL_FLAG(std::string, since, "",
          "audit show: only entries from this time on: RFC 3339 (2026-09-03T14:05:09Z) or a day, "
          "YYYY-MM-DD, from 00:00 UTC.");
ABSL_FLAG(uint32_t, limit, 0, "audit show: at most this many entries (100 when 0).");
ABSL_FLAG(bool, csv, false, "report: one line of CSV per figure, for a spreadsheet.");
ABSL_FLAG(bool, html, false, "posting: a printable HTML page (A4) instead of CSV.");
ABSL_FLAG(bool, machine_names, false,
          "export: the columns and values by their machine names (for scripts), no byte-order "
          "mark.");

namespace rasoat::ctl {
namespace {

constexpr const char* kGlobalFlags[] = {"server", "round", "json", "reviewer", "timeout_seconds"};
constexpr const char* kCommandFlags[] = {"village",   "status", "page_size", "diff", "expect_head",
                                         "household", "actor",  "since",     "limit"};
constexpr const char* kUsageLine = "usage: rasoatctl [FLAGS] COMMAND ARGS...";

void PrintFlags(const char* const* names, size_t count, std::ostream& out) {
  for (size_t i = 0; i < count; ++i) {
    const absl::CommandLineFlag* flag = absl::FindCommandLineFlag(names[i]);
    out << "  --" << names[i] << "\n      " << flag->Help();
    if (!flag->DefaultValue().empty()) out << " Default: " << flag->DefaultValue() << ".";
    out << "\n";
  }
}

void PrintHelp(std::ostream& out) {
  out << "rasoatctl: review the households of a commune on rasoatd.\n\n" << kUsageLine << "\n\n";
  out << "commands:\n";
  for (const Command& command : Commands()) {
    out << "  " << command.usage << "\n      " << command.help << "\n";
  }
  out << "\nflags (before or after the command):\n";
  PrintFlags(kGlobalFlags, std::size(kGlobalFlags), out);
  PrintFlags(kCommandFlags, std::size(kCommandFlags), out);
  out << "\nexit status: 0 done; 1 the server refused or could not be reached (stderr says\n"
         "\"rasoatctl: CODE: message\", e.g. FAILED_PRECONDITION when the household changed\n"
         "since you looked); 2 a usage error; 3 audit verify found the audit log not intact\n"
         "(stdout names the first bad entry).\n";
}

bool WantsHelp(const std::vector<std::string>& args) {
  for (size_t i = 1; i < args.size(); ++i) {
    const std::string& arg = args[i];
    if (arg == "--") return false;
    if (arg == "--help" || arg == "-help" || arg == "-h" || arg == "--helpshort") return true;
  }
  return false;
}

// The flag's value, else the environment variable's, else `fallback`.
std::string FlagOrEnvironment(const std::string& flag, const char* variable,
                              const std::string& fallback) {
  if (!flag.empty()) return flag;
  const char* value = std::getenv(variable);
  return value != nullptr && *value != '\0' ? value : fallback;
}

std::string DefaultTokenFile() {
  const char* home = std::getenv("HOME");
  return home != nullptr && *home != '\0' ? std::string(home) + "/.config/rasoat/token" : "";
}

std::string DefaultReviewer() {
  const char* user = std::getenv("USER");
  return user != nullptr && *user != '\0' ? user : "reviewer";
}

int Main(int argc, char** argv) {
  const std::vector<std::string> raw(argv, argv + argc);
  if (WantsHelp(raw)) {
    PrintHelp(std::cout);
    return kExitOk;
  }
  if (absl::Status status = CheckFlags(raw); !status.ok()) {
    std::cerr << "rasoatctl: " << status.message() << "\n" << kUsageLine << "\n";
    return kExitUsage;
  }
  const std::vector<char*> positional = absl::ParseCommandLine(argc, argv);
  const std::vector<std::string> words(positional.begin() + 1, positional.end());
  if (!words.empty() && words[0] == "help") {
    PrintHelp(std::cout);
    return kExitOk;
  }

  CommandContext context;
  Settings& settings = context.settings;
  settings.round_id = absl::GetFlag(FLAGS_round);
  settings.json = absl::GetFlag(FLAGS_json);
  settings.reviewer = absl::GetFlag(FLAGS_reviewer);
  if (settings.reviewer.empty()) settings.reviewer = DefaultReviewer();
  settings.village = absl::GetFlag(FLAGS_village);
  settings.statuses = absl::GetFlag(FLAGS_status);
  settings.page_size = absl::GetFlag(FLAGS_page_size);
  settings.diff = absl::GetFlag(FLAGS_diff);
  settings.expect_head = absl::GetFlag(FLAGS_expect_head);
  settings.household = absl::GetFlag(FLAGS_household);
  settings.actor = absl::GetFlag(FLAGS_actor);
  settings.since = absl::GetFlag(FLAGS_since);
  settings.limit = absl::GetFlag(FLAGS_limit);
  settings.csv = absl::GetFlag(FLAGS_csv);
  settings.html = absl::GetFlag(FLAGS_html);
  settings.machine_names = absl::GetFlag(FLAGS_machine_names);
  const int32_t timeout_seconds = absl::GetFlag(FLAGS_timeout_seconds);
  if (timeout_seconds <= 0 || settings.round_id.empty()) {
    std::cerr << "rasoatctl: --timeout_seconds must be positive; --round not empty\n"
              << kUsageLine << "\n";
    return kExitUsage;
  }
  settings.timeout = std::chrono::seconds(timeout_seconds);

  ClientChannelOptions channel;
  channel.server =
      FlagOrEnvironment(absl::GetFlag(FLAGS_server), "RASOAT_SERVER", "127.0.0.1:50051");
  channel.ca_file = absl::GetFlag(FLAGS_ca_file);
  // A token file named by the flag or the environment must be read; the default one is used if
  // it is there (without a token, rasoatd answers UNAUTHENTICATED and says what to do).
  const std::string named =
      FlagOrEnvironment(absl::GetFlag(FLAGS_token_file), "RASOAT_TOKEN_FILE", "");
  context.settings.token_file = named.empty() ? DefaultTokenFile() : named;
  absl::StatusOr<std::string> token = ReadTokenFile(context.settings.token_file);
  if (token.ok()) {
    channel.token = *std::move(token);
  } else if (!named.empty()) {
    std::cerr << "rasoatctl: " << token.status().message()
              << "; say which token to use with --token_file or RASOAT_TOKEN_FILE\n";
    return kExitUsage;
  }
  absl::StatusOr<std::shared_ptr<grpc::Channel>> opened = NewClientChannel(channel);
  if (!opened.ok()) {
    std::cerr << "rasoatctl: " << opened.status().message() << "\n";
    return kExitUsage;
  }
  std::unique_ptr<v1::ReviewService::Stub> stub = v1::ReviewService::NewStub(*opened);
  context.stub = stub.get();
  std::unique_ptr<v1::AdminService::Stub> admin = v1::AdminService::NewStub(*opened);
  context.admin = admin.get();
  std::unique_ptr<v1::ReportService::Stub> reports = v1::ReportService::NewStub(*opened);
  context.reports = reports.get();
  context.out = &std::cout;
  context.err = &std::cerr;
  return RunCommand(context, words);
}

}  // namespace
}  // namespace rasoat::ctl

int main(int argc, char** argv) {
  absl::SetProgramUsageMessage(
      "the commune staff's command line to rasoatd: rasoatctl [FLAGS] COMMAND ARGS... "
      "(rasoatctl --help lists the commands)");
  rasoat::SetVersionFlag("rasoatctl");
  return rasoat::ctl::Main(argc, argv);
}
