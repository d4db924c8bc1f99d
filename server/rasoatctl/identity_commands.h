// rasoatctl's view of users, tablets and tokens, the AdminService side of DESIGN.md "Identity,
// authorization, audit": `user`, `device`, `token`, `whoami` and `login`.
//
//   user add LOGIN ROLE [SCOPE...]   ROLE: collaborator, reviewer, chairman or admin; SCOPE:
//                                    COMMUNE, or COMMUNE/VILLAGE for a collaborator
//   user list | disable LOGIN | enable LOGIN | assign LOGIN SCOPE | unassign LOGIN SCOPE
//   user passwd LOGIN                the new password is read from stdin
//   device enroll LOGIN DEVICE_ID    prints the tablet's token, and its QR code on a terminal
//   device revoke DEVICE_ID | device list [LOGIN]
//   token create LOGIN [LABEL...] | token revoke TOKEN_ID | token list [LOGIN]
//   whoami
//   login LOGIN                      the password from stdin; the session's token is written to
//                                    FILE (--token_file, $RASOAT_TOKEN_FILE, or
//                                    ~/.config/rasoat/token), readable by you only
//
// Each runs with the words after its name and returns an exit code as context.h says. A token
// is printed only by the command that made it, once.
//
// Thread-safety: as CommandContext: one command at a time on one thread.
#pragma once

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "rasoat/v1/sync.pb.h"
#include "server/rasoatctl/context.h"

namespace rasoat::ctl {

int RunUser(const CommandContext& context, const std::vector<std::string>& args);
int RunDevice(const CommandContext& context, const std::vector<std::string>& args);
int RunToken(const CommandContext& context, const std::vector<std::string>& args);
int RunWhoAmI(const CommandContext& context, const std::vector<std::string>& args);
int RunLogin(const CommandContext& context, const std::vector<std::string>& args);

// "COMMUNE" or "COMMUNE/VILLAGE" as a Scope; INVALID_ARGUMENT for anything else.
absl::StatusOr<v1::Scope> ParseScope(const std::string& text);

}  // namespace rasoat::ctl
