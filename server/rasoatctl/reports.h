// rasoatctl's reports on a commune: `queue` (the households to review, with their status) and
// `summary` (counts by status, by class, and deprivations per indicator).
//
// Each runs with the words after its name, as the command table (commands.h) bounds them, and
// returns an exit code (context.h): kExitOk with a table (or, with --json, the response) on out;
// kExitUsage for a malformed flag value, nothing sent; kExitFailed when the server refused or
// could not be reached, "rasoatctl: CODE: message" on err (review.proto lists each rpc's codes).
//
// Thread-safety: as CommandContext: one command at a time on one thread.
#pragma once

#include <string>
#include <vector>

#include "server/rasoatctl/context.h"

namespace rasoat::ctl {

// queue COMMUNE [--village] [--status] [--page_size]: every page of ListQueue, gathered into one
// table (or one ListQueueResponse). kExitUsage when --status is not a list of statuses (args.h);
// kExitFailed with INTERNAL if the server sends the same page token twice.
int RunQueue(const CommandContext& context, const std::vector<std::string>& args);

// summary COMMUNE [--village]: CommuneSummary as a heading and three tables, empty ones left out.
int RunSummary(const CommandContext& context, const std::vector<std::string>& args);

}  // namespace rasoat::ctl
