// rasoatctl show: one household as a reviewer reads it before deciding (record, status,
// classification and why, validation issues, open conflicts, members, history) and the diff of
// its last change or of the versions asked for. National ID numbers are never printed in the text
// form.
//
// Thread-safety: as CommandContext: one command at a time on one thread.
#pragma once

#include <string>
#include <vector>

#include "server/rasoatctl/context.h"

namespace rasoat::ctl {

// show HOUSEHOLD [--diff=FROM:TO]: GetHousehold, then DiffVersions for FROM:TO or, without
// --diff, for the current version against the one it was made from (none for a first version).
// With --json, {"household": GetHouseholdResponse, "diff": DiffVersionsResponse} on one line, the
// diff left out when there is none. Returns kExitOk with that on out; kExitUsage when --diff is
// not FROM:TO (args.h), nothing sent; kExitFailed when either call fails (NOT_FOUND for an
// unknown household or version), "rasoatctl: CODE: message" on err and nothing on out.
// REQUIRES: args holds exactly HOUSEHOLD (RunCommand checks).
int RunShow(const CommandContext& context, const std::vector<std::string>& args);

}  // namespace rasoat::ctl
