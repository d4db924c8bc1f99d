// rasoat-tablet: a fleet of simulated tablets against a running rasoatd (fleet.h), then the
// consistency check (consistency_check.h). Flags, the run with a progress line a second, the
// summary, the verdict.
#include <cstdint>
#include <cstdlib>
#include <iostream>
#include <string>
#include <vector>

#include "absl/flags/flag.h"
#include "absl/flags/reflection.h"
#include "absl/flags/usage.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "proto/client/client_channel.h"
#include "proto/client/program_version.h"
#include "tablet/fleet.h"

ABSL_FLAG(std::string, server, "127.0.0.1:50051", "rasoatd's address, HOST:PORT.");
ABSL_FLAG(std::string, token_file, "",
          "File holding the token the tablets present (an admin's: the fleet moves households "
          "between villages); default: $RASOAT_TOKEN_FILE.");
ABSL_FLAG(std::string, ca_file, "",
          "CA certificate (PEM) to trust when rasoatd serves TLS; empty: plaintext.");
ABSL_FLAG(int32_t, tablets, 10, "How many tablets: tab-000, tab-001, ...");
ABSL_FLAG(double, seconds, 20, "How long the tablets work before they settle and are checked.");
ABSL_FLAG(int32_t, villages, 0,
          "Villages thon-1 ... thon-N of the commune the tablets share; 0 means one per 5 "
          "tablets, rounded up (tablets of one village edit the same households: merges and "
          "conflicts).");
ABSL_FLAG(int32_t, batch, 20, "Most mutations per push.");
ABSL_FLAG(double, offline, 0.1,
          "Probability that a push is cut off mid-flight: the tablet goes offline a while, "
          "then resends the same batch with the same mutation ids.");
ABSL_FLAG(double, move, 0.02,
          "Probability that an edit records a family's move to another village of the commune: "
          "the old village's tablets must drop the household, the new one's receive it.");
ABSL_FLAG(uint64_t, seed, 1,
          "Seeds the households and edits: the same seed with a fresh --state_dir repeats a run.");
ABSL_FLAG(std::string, state_dir, "./tablet-state",
          "Where each tablet keeps its pull cursor and its copy of its village (DEVICE.state), "
          "reloaded by the next run. One fleet at a time per directory.");
ABSL_FLAG(std::string, round, "2026", "The review round; the server must accept it.");
ABSL_FLAG(std::string, commune, "00127", "The commune code the villages belong to.");
ABSL_FLAG(int32_t, pause_ms, 200,
          "A tablet's pause between syncs, in ms (drawn from half to 1.5 times this).");

namespace rasoat::tablet {
namespace {

constexpr int kExitConsistent = 0;
constexpr int kExitInconsistent = 1;
constexpr int kExitUsage = 2;
constexpr int kExitFailed = 3;
constexpr size_t kProblemsShown = 20;
constexpr const char* kUsage =
    "rasoat-tablet: a fleet of simulated tablets against rasoatd, then a consistency check.\n"
    "\n"
    "  rasoat-tablet --token_file=DATA_DIR/admin.token [--server=127.0.0.1:50051] [--tablets=10]\n"
    "                [--seconds=20] [--offline=0.1]\n"
    "\n"
    "Each tablet registers and revisits households of its village offline (now and then a\n"
    "family moves to another village), pushes its queued edits in batches (a push may be cut\n"
    "off: the same batch is resent later), and pulls its village from its own cursor, dropping\n"
    "the households that left it. When the time is up every tablet pushes what is left and\n"
    "pulls to the end, and the check verifies that every edit is on the server (or in an open\n"
    "conflict), as the merge rules say, and that every tablet's copy equals the server's, with\n"
    "no household of another village.\n"
    "The fleet must be the only writer of its villages while it runs: a change by anyone else\n"
    "to a field a tablet wrote is reported.\n"
    "\n"
    "exit status: 0 consistent; 1 INCONSISTENT (the first 20 problems are printed); 2 a usage\n"
    "error; 3 the fleet could not run (server unreachable, RPCs failing).\n";

constexpr const char* kFlags[] = {"server",   "token_file", "ca_file",   "tablets", "seconds",
                                  "villages", "batch",      "offline",   "move",    "seed",
                                  "round",    "commune",    "state_dir", "pause_ms"};

// Sets the flags from `args`: --NAME=VALUE, --NAME VALUE, --BOOL, --noBOOL. INVALID_ARGUMENT
// naming the first word that is not one of ours with a valid value.
absl::Status SetFlags(const std::vector<std::string>& args) {
  for (size_t i = 1; i < args.size(); ++i) {
    std::string arg = args[i];
    if (!absl::StartsWith(arg, "-")) {
      return absl::InvalidArgumentError(absl::StrCat("unexpected argument '", arg, "'"));
    }
    arg = arg.substr(arg.find_first_not_of('-'));
    const size_t equals = arg.find('=');
    const std::string name = arg.substr(0, equals);
    absl::CommandLineFlag* flag = absl::FindCommandLineFlag(name);
    bool known = false;
    for (const char* ours : kFlags) known |= name == ours;
    if (flag == nullptr || !known) {
      return absl::InvalidArgumentError(absl::StrCat("unknown flag --", name));
    }
    std::string value;
    if (equals != std::string::npos) {
      value = arg.substr(equals + 1);
    } else if (i + 1 < args.size()) {
      value = args[++i];
    } else {
      return absl::InvalidArgumentError(absl::StrCat("--", name, " needs a value"));
    }
    std::string error;
    if (!flag->ParseFrom(value, &error)) {
      return absl::InvalidArgumentError(absl::StrCat("--", name, ": ", error));
    }
  }
  return absl::OkStatus();
}

void PrintHelp() {
  std::cout << kUsage << "\nflags:\n";
  for (const char* name : kFlags) {
    const absl::CommandLineFlag* flag = absl::FindCommandLineFlag(name);
    std::cout << "  --" << name << "\n      " << flag->Help()
              << " Default: " << flag->DefaultValue() << ".\n";
  }
}

int Main(int argc, char** argv) {
  const std::vector<std::string> args(argv, argv + argc);
  for (size_t i = 1; i < args.size(); ++i) {
    if (args[i] == "--help" || args[i] == "-help" || args[i] == "-h") {
      PrintHelp();
      return kExitConsistent;
    }
    if (args[i] == "--version" || args[i] == "-version") {
      std::cout << VersionLine("rasoat-tablet");
      return kExitConsistent;
    }
  }
  if (absl::Status status = SetFlags(args); !status.ok()) {
    std::cerr << "rasoat-tablet: " << status.message() << " (--help lists the flags)\n";
    return kExitUsage;
  }
  FleetOptions options;
  options.server = absl::GetFlag(FLAGS_server);
  options.ca_file = absl::GetFlag(FLAGS_ca_file);
  std::string token_file = absl::GetFlag(FLAGS_token_file);
  if (token_file.empty() && std::getenv("RASOAT_TOKEN_FILE") != nullptr) {
    token_file = std::getenv("RASOAT_TOKEN_FILE");
  }
  if (token_file.empty()) {
    std::cerr << "rasoat-tablet: --token_file (or RASOAT_TOKEN_FILE) is required: rasoatd "
                 "answers only calls with a token; its first start wrote the admin's to "
                 "DATA_DIR/admin.token\n";
    return kExitUsage;
  }
  absl::StatusOr<std::string> token = ReadTokenFile(token_file);
  if (!token.ok()) {
    std::cerr << "rasoat-tablet: " << token.status().message() << "\n";
    return kExitUsage;
  }
  options.token = *std::move(token);
  options.tablets = absl::GetFlag(FLAGS_tablets);
  const double seconds = absl::GetFlag(FLAGS_seconds);
  options.duration = std::chrono::milliseconds(static_cast<int64_t>(seconds * 1000));
  options.villages = absl::GetFlag(FLAGS_villages);
  options.batch = absl::GetFlag(FLAGS_batch);
  options.offline = absl::GetFlag(FLAGS_offline);
  options.move = absl::GetFlag(FLAGS_move);
  options.seed = absl::GetFlag(FLAGS_seed);
  options.state_dir = absl::GetFlag(FLAGS_state_dir);
  options.round_id = absl::GetFlag(FLAGS_round);
  options.commune_code = absl::GetFlag(FLAGS_commune);
  options.pause = std::chrono::milliseconds(absl::GetFlag(FLAGS_pause_ms));
  if (absl::Status valid = options.Validate(); !valid.ok() || !(seconds >= 0 && seconds < 1e6)) {
    std::cerr << "rasoat-tablet: "
              << (valid.ok() ? std::string("seconds: 0 or more") : std::string(valid.message()))
              << " (--help lists the flags)\n";
    return kExitUsage;
  }

  std::cerr << "rasoat-tablet: " << options.tablets << " tablets in " << options.village_count()
            << " villages of commune " << options.commune_code << " against " << options.server
            << " for " << seconds << " s\n";
  absl::StatusOr<FleetOutcome> outcome = RunFleet(
      options, [](const FleetReport& report) { std::cerr << report.ProgressLine() << "\n"; });
  if (!outcome.ok()) {
    std::cerr << "rasoat-tablet: " << outcome.status() << "\n";
    return kExitFailed;
  }
  const FleetReport& report = outcome->report;
  const ConsistencyReport& check = outcome->check;
  std::cout << report.Summary();
  if (check.problems.empty()) {
    std::cout << "consistent: " << check.mutations << " mutations on the server as the merge rules "
              << "say (" << check.households_replayed << " households replayed exactly, "
              << check.households_not_replayed << " by the fallback rule); "
              << check.copies_compared << " tablet copies of " << report.households
              << " households equal the server's\n";
    return kExitConsistent;
  }
  std::cout << "INCONSISTENT: " << check.problems.size() << " problems\n";
  for (size_t i = 0; i < check.problems.size() && i < kProblemsShown; ++i) {
    std::cout << "  " << check.problems[i] << "\n";
  }
  return kExitInconsistent;
}

}  // namespace
}  // namespace rasoat::tablet

int main(int argc, char** argv) {
  absl::SetProgramUsageMessage(rasoat::tablet::kUsage);
  return rasoat::tablet::Main(argc, argv);
}
