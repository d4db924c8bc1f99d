// rasoatctl's backup verbs (admins only; deploy/README.md "Backups"): `backup create` makes a
// backup into rasoatd's --backup_dir while it serves, `backup list` shows those kept, `backup
// verify ID` re-reads one against its checksums. A restore is offline, by rasoatd itself
// (`rasoatd --restore_from=DIR --data_dir=NEW`), since rasoatctl only talks to a running server.
//
// Returns an exit code (context.h): kExitOk with the result (or, with --json, the response);
// kExitUsage for a malformed word, nothing sent; kExitFailed when the server refused or could
// not be reached; kExitAuditBroken (3) when `verify` finds the backup damaged.
//
// Thread-safety: as CommandContext: one command at a time on one thread.
#pragma once

#include <string>
#include <vector>

#include "server/rasoatctl/context.h"

namespace rasoat::ctl {

int RunBackup(const CommandContext& context, const std::vector<std::string>& args);

}  // namespace rasoat::ctl
