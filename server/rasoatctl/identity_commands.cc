#include "server/rasoatctl/identity_commands.h"

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "absl/time/time.h"
#include "server/rasoatctl/format.h"
#include "server/rasoatctl/qr_code.h"
#include <sys/stat.h>
#include <unistd.h>

namespace rasoat::ctl {

using Stub = v1::AdminService::Stub;

namespace {

std::string Utc(int64_t unix_micros) {
  if (unix_micros == 0) return "-";
  return absl::FormatTime("%Y-%m-%d %H:%M UTC", absl::FromUnixMicros(unix_micros),
                          absl::UTCTimeZone());
}

std::string ScopeText(const v1::Scope& scope) {
  return scope.village_code().empty()
             ? scope.commune_code()
             : absl::StrCat(scope.commune_code(), "/", scope.village_code());
}

std::string UserLine(const v1::User& user) {
  std::vector<std::string> scopes;
  for (const v1::Scope& scope : user.scopes()) scopes.push_back(ScopeText(scope));
  return absl::StrCat(user.login(), "  ", Label(user.role()), user.disabled() ? "  DISABLED" : "",
                      scopes.empty() ? "" : "  ", absl::StrJoin(scopes, ","));
}

absl::StatusOr<v1::Role> ParseRole(const std::string& text) {
  if (text == "collaborator") return v1::ROLE_COLLABORATOR;
  if (text == "reviewer") return v1::ROLE_REVIEWER;
  if (text == "chairman") return v1::ROLE_CHAIRMAN;
  if (text == "admin") return v1::ROLE_ADMIN;
  return absl::InvalidArgumentError(
      absl::StrCat("unknown role '", text, "': collaborator, reviewer, chairman or admin"));
}

// One line from stdin, without its line break: a password typed or piped in. Echo is left as
// the terminal has it; pipe it in (or use the console) to keep it off the screen.
std::string ReadSecretLine(const CommandContext& context, const char* prompt) {
  if (isatty(STDIN_FILENO)) *context.err << prompt << std::flush;
  std::string line;
  std::getline(std::cin, line);
  if (!line.empty() && line.back() == '\r') line.pop_back();
  return line;
}

int PrintUser(const CommandContext& context, const v1::User& user) {
  if (context.settings.json) return context.PrintJson(user);
  *context.out << UserLine(user) << "\n";
  return kExitOk;
}

// The token just made: on out, once; with its QR code when out is a terminal, for a tablet to
// scan.
int PrintNewToken(const CommandContext& context, const std::string& token,
                  const v1::TokenInfo& info, const google::protobuf::Message& response) {
  if (context.settings.json) return context.PrintJson(response);
  *context.out << token << "\n";
  *context.err << "token " << info.token_id() << " for " << info.login()
               << (info.device_id().empty() ? "" : absl::StrCat(" on tablet ", info.device_id()))
               << ": shown only now; keep it like a password\n";
  if (!info.device_id().empty() && isatty(STDOUT_FILENO)) {
    absl::StatusOr<std::string> qr = TerminalQrCode(token, QrColors::kBlackAndWhite);
    if (qr.ok()) *context.out << *qr;
  }
  return kExitOk;
}

int UpdateUser(const CommandContext& context, v1::UpdateUserRequest request) {
  v1::UpdateUserResponse response;
  const grpc::Status status = context.Call(&Stub::UpdateUser, request, &response);
  if (!status.ok()) return context.RpcError(status);
  return PrintUser(context, response.user());
}

}  // namespace

absl::StatusOr<v1::Scope> ParseScope(const std::string& text) {
  std::vector<std::string> parts = absl::StrSplit(text, '/');
  if (parts.empty() || parts.size() > 2 || parts[0].empty() ||
      (parts.size() == 2 && parts[1].empty())) {
    return absl::InvalidArgumentError(
        absl::StrCat("scope '", text, "': COMMUNE, or COMMUNE/VILLAGE"));
  }
  v1::Scope scope;
  scope.set_commune_code(parts[0]);
  if (parts.size() == 2) scope.set_village_code(parts[1]);
  return scope;
}

int RunUser(const CommandContext& context, const std::vector<std::string>& args) {
  const std::string& verb = args[0];
  if (verb == "list" && args.size() == 1) {
    v1::ListUsersResponse response;
    const grpc::Status status = context.Call(&Stub::ListUsers, v1::ListUsersRequest(), &response);
    if (!status.ok()) return context.RpcError(status);
    if (context.settings.json) return context.PrintJson(response);
    Table table({"LOGIN", "ROLE", "SCOPES", "STATE", "PASSWORD"});
    for (const v1::User& user : response.users()) {
      std::vector<std::string> scopes;
      for (const v1::Scope& scope : user.scopes()) scopes.push_back(ScopeText(scope));
      table.AddRow({user.login(), Label(user.role()), absl::StrJoin(scopes, ","),
                    user.disabled() ? "disabled" : "enabled", user.has_password() ? "set" : "-"});
    }
    table.Print(*context.out);
    return kExitOk;
  }
  if (verb == "add" && args.size() >= 3) {
    v1::CreateUserRequest request;
    request.mutable_user()->set_login(args[1]);
    request.mutable_user()->set_display_name(args[1]);
    absl::StatusOr<v1::Role> role = ParseRole(args[2]);
    if (!role.ok()) return context.Usage(role.status().message());
    request.mutable_user()->set_role(*role);
    for (size_t i = 3; i < args.size(); ++i) {
      absl::StatusOr<v1::Scope> scope = ParseScope(args[i]);
      if (!scope.ok()) return context.Usage(scope.status().message());
      *request.mutable_user()->add_scopes() = *scope;
    }
    v1::CreateUserResponse response;
    const grpc::Status status = context.Call(&Stub::CreateUser, request, &response);
    if (!status.ok()) return context.RpcError(status);
    return PrintUser(context, response.user());
  }
  if ((verb == "disable" || verb == "enable") && args.size() == 2) {
    v1::UpdateUserRequest request;
    request.set_login(args[1]);
    request.set_disabled(verb == "disable");
    return UpdateUser(context, request);
  }
  if ((verb == "assign" || verb == "unassign") && args.size() == 3) {
    absl::StatusOr<v1::Scope> scope = ParseScope(args[2]);
    if (!scope.ok()) return context.Usage(scope.status().message());
    v1::UpdateUserRequest request;
    request.set_login(args[1]);
    *(verb == "assign" ? request.mutable_assign_scope() : request.mutable_unassign_scope()) =
        *scope;
    return UpdateUser(context, request);
  }
  if (verb == "passwd" && args.size() == 2) {
    v1::UpdateUserRequest request;
    request.set_login(args[1]);
    request.set_password(ReadSecretLine(context, "new password: "));
    return UpdateUser(context, request);
  }
  return context.Usage(absl::StrCat("unknown or incomplete user command '", verb, "'"));
}

int RunDevice(const CommandContext& context, const std::vector<std::string>& args) {
  const std::string& verb = args[0];
  if (verb == "enroll" && args.size() == 3) {
    v1::EnrollDeviceRequest request;
    request.set_login(args[1]);
    request.set_device_id(args[2]);
    v1::EnrollDeviceResponse response;
    const grpc::Status status = context.Call(&Stub::EnrollDevice, request, &response);
    if (!status.ok()) return context.RpcError(status);
    return PrintNewToken(context, response.token(), response.info(), response);
  }
  if (verb == "revoke" && args.size() == 2) {
    v1::RevokeDeviceRequest request;
    request.set_device_id(args[1]);
    v1::RevokeDeviceResponse response;
    const grpc::Status status = context.Call(&Stub::RevokeDevice, request, &response);
    if (!status.ok()) return context.RpcError(status);
    if (context.settings.json) return context.PrintJson(response);
    *context.out << "tablet " << response.device().device_id() << " of "
                 << response.device().login() << " revoked at "
                 << Utc(response.device().revoked_at_unix_micros()) << "\n";
    return kExitOk;
  }
  if (verb == "list" && args.size() <= 2) {
    v1::ListDevicesRequest request;
    if (args.size() == 2) request.set_login(args[1]);
    v1::ListDevicesResponse response;
    const grpc::Status status = context.Call(&Stub::ListDevices, request, &response);
    if (!status.ok()) return context.RpcError(status);
    if (context.settings.json) return context.PrintJson(response);
    Table table({"DEVICE", "USER", "ENROLLED", "LAST SEEN", "REVOKED"});
    for (const v1::Device& device : response.devices()) {
      table.AddRow({device.device_id(), device.login(), Utc(device.enrolled_at_unix_micros()),
                    device.last_seen_unix_micros() != 0 ? Utc(device.last_seen_unix_micros()) : "-",
                    device.revoked() ? Utc(device.revoked_at_unix_micros()) : "-"});
    }
    table.Print(*context.out);
    return kExitOk;
  }
  return context.Usage(absl::StrCat("unknown or incomplete device command '", verb, "'"));
}

int RunToken(const CommandContext& context, const std::vector<std::string>& args) {
  const std::string& verb = args[0];
  if (verb == "create" && args.size() >= 2) {
    v1::CreateTokenRequest request;
    request.set_login(args[1]);
    request.set_label(absl::StrJoin(args.begin() + 2, args.end(), " "));
    v1::CreateTokenResponse response;
    const grpc::Status status = context.Call(&Stub::CreateToken, request, &response);
    if (!status.ok()) return context.RpcError(status);
    return PrintNewToken(context, response.token(), response.info(), response);
  }
  if (verb == "revoke" && args.size() == 2) {
    v1::RevokeTokenRequest request;
    request.set_token_id(args[1]);
    v1::RevokeTokenResponse response;
    const grpc::Status status = context.Call(&Stub::RevokeToken, request, &response);
    if (!status.ok()) return context.RpcError(status);
    if (context.settings.json) return context.PrintJson(response);
    *context.out << "token " << response.info().token_id() << " of " << response.info().login()
                 << " revoked\n";
    return kExitOk;
  }
  if (verb == "list" && args.size() <= 2) {
    v1::ListTokensRequest request;
    if (args.size() == 2) request.set_login(args[1]);
    v1::ListTokensResponse response;
    const grpc::Status status = context.Call(&Stub::ListTokens, request, &response);
    if (!status.ok()) return context.RpcError(status);
    if (context.settings.json) return context.PrintJson(response);
    Table table({"TOKEN", "USER", "KIND", "TABLET", "MADE", "EXPIRES", "LABEL"});
    for (const v1::TokenInfo& token : response.tokens()) {
      table.AddRow({token.token_id(), token.login(), Label(token.kind()),
                    token.device_id().empty() ? "-" : token.device_id(),
                    Utc(token.created_at_unix_micros()), Utc(token.expires_at_unix_micros()),
                    token.label()});
    }
    table.Print(*context.out);
    return kExitOk;
  }
  return context.Usage(absl::StrCat("unknown or incomplete token command '", verb, "'"));
}

int RunWhoAmI(const CommandContext& context, const std::vector<std::string>& /*args*/) {
  v1::WhoAmIResponse response;
  const grpc::Status status = context.Call(&Stub::WhoAmI, v1::WhoAmIRequest(), &response);
  if (!status.ok()) return context.RpcError(status);
  if (context.settings.json) return context.PrintJson(response);
  *context.out << UserLine(response.user()) << "\n"
               << "token " << response.token().token_id() << " (" << Label(response.token().kind())
               << "), expires " << Utc(response.token().expires_at_unix_micros()) << "\n";
  return kExitOk;
}

int RunLogin(const CommandContext& context, const std::vector<std::string>& args) {
  if (context.settings.token_file.empty()) {
    return context.Usage("no file to keep the session in: give --token_file");
  }
  v1::LoginRequest request;
  request.set_login(args[0]);
  request.set_password(ReadSecretLine(context, "password: "));
  v1::LoginResponse response;
  const grpc::Status status = context.Call(&Stub::Login, request, &response);
  if (!status.ok()) return context.RpcError(status);
  const std::string& path = context.settings.token_file;
  std::error_code ignored;  // a directory that cannot be made fails the write below
  std::filesystem::create_directories(std::filesystem::path(path).parent_path(), ignored);
  const mode_t before = umask(077);
  {
    std::ofstream file(path, std::ios::trunc);
    file << response.token() << "\n";
    if (!file.flush()) {
      umask(before);
      return context.Fail(absl::UnavailableError(absl::StrCat("cannot write ", path)));
    }
  }
  umask(before);
  chmod(path.c_str(), 0600);
  if (context.settings.json) return context.PrintJson(response.info());
  *context.out << "logged in as " << response.info().login() << " until "
               << Utc(response.info().expires_at_unix_micros()) << "; the session is in " << path
               << "\n";
  return kExitOk;
}

}  // namespace rasoat::ctl
