// rasoatctl's view of the audit log, the AdminService side of DESIGN.md "Identity,
// authorization, audit": `audit head`, `audit verify` and `audit show`.
//
//   audit head                              prints the head, SEQ:HEX: export it regularly and
//                                           keep it where rasoatd cannot rewrite it
//   audit verify [--expect_head=SEQ:HEX]    checks the hash chain (and that the log still holds
//                                           that head); exit 3 when it is not intact
//   audit show [--household=ID] [--actor=LOGIN] [--since=TIME] [--limit=N]
//                                           entries, oldest first, one per line
//
// Each runs with the words after its name and returns an exit code as context.h says: kExitOk
// with the result on out (with --json, the response as one JSON object); kExitUsage for a
// malformed word or a flag the verb does not take, nothing sent; kExitFailed when the server
// refused or could not be reached; kExitAuditBroken when verify found the log not intact.
//
// Thread-safety: as CommandContext: one command at a time on one thread.
#pragma once

#include <ostream>
#include <string>
#include <vector>

#include "rasoat/v1/audit.pb.h"
#include "server/rasoatctl/context.h"

namespace rasoat::ctl {

// audit head | verify | show, as above.
int RunAudit(const CommandContext& context, const std::vector<std::string>& args);

// What `audit verify` prints for `response`, without --json: what was checked and the head to
// export, or "NOT INTACT: " and the problem naming the first bad entry. Returns kExitOk when the
// log is intact, kExitAuditBroken when it is not.
int PrintAuditVerification(const v1::VerifyAuditResponse& response, std::ostream& out);

// What `audit show` prints for `entries`, without --json: a header, then one line per entry:
// seq, time (UTC, RFC 3339), actor (LOGIN@DEVICE), action (lower case, "approved"), target
// (ROUND/HOUSEHOLD, a subject, or for a push each ROUND/HOUSEHOLD:OUTCOME it stored, OUTCOME
// applied, merged or conflict), versions,
// and the digest's first 8 hex digits; "-" for what an entry has none of.
void PrintAuditEntries(const google::protobuf::RepeatedPtrField<v1::AuditEntry>& entries,
                       std::ostream& out);

}  // namespace rasoat::ctl
