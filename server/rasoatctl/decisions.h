// rasoatctl's decisions on a household: approve, return and resolve. Each names the version the
// reviewer looked at, so that the server refuses a household changed since then
// (FAILED_PRECONDITION) rather than deciding on a record nobody read.
//
// Each runs with the words after its name, as the command table (commands.h) bounds them, and
// returns an exit code (context.h):
//   kExitOk      done; what was decided (or, with --json, the response) is on out.
//   kExitUsage   VERSION is not a version, or a word is malformed (see each function); nothing
//                was sent.
//   kExitFailed  the server refused or could not be reached; "rasoatctl: CODE: message" is on err
//                (review.proto lists each rpc's codes: NOT_FOUND, FAILED_PRECONDITION, ...).
//
// Thread-safety: as CommandContext: one command at a time on one thread.
#pragma once

#include <string>
#include <vector>

#include "server/rasoatctl/context.h"

namespace rasoat::ctl {

// approve HOUSEHOLD VERSION: Approve as --reviewer.
int RunApprove(const CommandContext& context, const std::vector<std::string>& args);

// return HOUSEHOLD VERSION COMMENT...: Return as --reviewer with the comment words joined by
// spaces; kExitUsage when the comment is blank.
int RunReturn(const CommandContext& context, const std::vector<std::string>& args);

// resolve HOUSEHOLD VERSION PATH=CHOICE...: ResolveConflict with one resolution per word (parsed
// by ParseResolution, args.h); kExitUsage for a word that is not one. Prints the new version and
// the conflicts still open.
int RunResolve(const CommandContext& context, const std::vector<std::string>& args);

}  // namespace rasoat::ctl
