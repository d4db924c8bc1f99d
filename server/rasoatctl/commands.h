// The command table of rasoatctl, the staff's command line to rasoatd's ReviewService and
// AdminService: one entry per command with its usage line, the arguments and flags it takes, and
// the function that runs it (declared in reports.h, show.h, decisions.h, publishing.h,
// identity_commands.h and audit_commands.h). Each
// command makes its requests, then prints a table for a person or, with --json, the response as
// one JSON object for a script.
//
// Thread-safety: the table is constant; commands run as CommandContext says.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "absl/strings/string_view.h"
#include "server/rasoatctl/context.h"

namespace rasoat::ctl {

// Command-specific flags, as a bit set in Command::flags.
enum CommandFlag : uint32_t {
  kVillageFlag = 1 << 0,
  kStatusFlag = 1 << 1,
  kPageSizeFlag = 1 << 2,
  kDiffFlag = 1 << 3,
  kExpectHeadFlag = 1 << 4,
  kHouseholdFlag = 1 << 5,
  kActorFlag = 1 << 6,
  kSinceFlag = 1 << 7,
  kLimitFlag = 1 << 8,
  kCsvFlag = 1 << 9,
  kHtmlFlag = 1 << 10,
  kMachineNamesFlag = 1 << 11,
};

struct Command {
  const char* name;
  // Everything after "rasoatctl ", e.g. "approve HOUSEHOLD VERSION".
  const char* usage;
  // One line for --help.
  const char* help;
  // Bounds on the words after the command's name.
  size_t min_args;
  size_t max_args;
  // CommandFlag bits: the command-specific flags it accepts.
  uint32_t flags;
  // Runs with the words after the name; returns the exit code. REQUIRES: the count of words is
  // within bounds and no flag it does not accept was given (RunCommand checks both).
  int (*run)(const CommandContext& context, const std::vector<std::string>& args);
};

// The commands, in the order --help lists them.
const std::vector<Command>& Commands();

// The command called `name`, or nullptr.
const Command* FindCommand(absl::string_view name);

// Runs `words[0]` with the rest as its arguments. kExitUsage (with the usage printed) for an
// unknown command, a wrong number of arguments or a flag the command does not take; otherwise
// what the command returns.
int RunCommand(CommandContext context, const std::vector<std::string>& words);

}  // namespace rasoat::ctl
