// rasoatctl's view of publishing, the AdminService side: `publish status` (how far the program
// store is behind the approvals, and its dead letters), `publish retry` (dead letters back in
// the outbox) and `export` (a commune's published list as CSV, the shape of
// sync/publish/csv_export.h).
//
// Each runs with the words after its name, as the command table (commands.h) bounds them, and
// returns an exit code (context.h): kExitOk with the result (or, with --json, the response) on
// out; kExitUsage for a malformed word, nothing sent; kExitFailed when the server refused or
// could not be reached, "rasoatctl: CODE: message" on err (admin.proto lists each rpc's codes).
//
// Thread-safety: as CommandContext: one command at a time on one thread.
#pragma once

#include <ostream>
#include <string>
#include <vector>

#include "rasoat/v1/admin.pb.h"
#include "server/rasoatctl/context.h"

namespace rasoat::ctl {

// publish status: GetPublishStatus printed as backlog, oldest wait, dead letters, last error and
// last publication (UTC), then a table of the dead letters listed (household, version, when
// parked, the store's error or the version it is held behind).
// publish retry [HOUSEHOLD]: RetryDeadLetters for HOUSEHOLD of --round, or for every household;
// prints how many went back to the outbox and how many were superseded.
// kExitUsage when args[0] is neither, or `status` has an argument.
int RunPublish(const CommandContext& context, const std::vector<std::string>& args);

// What `publish status` prints for `response`, without --json.
void PrintPublishStatus(const v1::GetPublishStatusResponse& response, std::ostream& out);

// export COMMUNE [--machine_names]: every page of ListPublished; CSV on out — Vietnamese headers
// and labels with a byte-order mark for a spreadsheet (documents/published_list.h), or with
// --machine_names the enum names scripts read — or with --json one ListPublishedResponse
// holding every household. Nothing is printed on a failure.
int RunExport(const CommandContext& context, const std::vector<std::string>& args);

}  // namespace rasoat::ctl
