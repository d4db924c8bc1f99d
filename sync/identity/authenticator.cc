#include "sync/identity/authenticator.h"

#include "absl/strings/str_cat.h"
#include "sync/base/status_macros.h"
#include "sync/identity/bearer_token.h"

namespace rasoat::identity {
namespace {

absl::Status Refused(std::string_view why) {
  return absl::UnauthenticatedError(
      absl::StrCat(std::string(why), "; ask an administrator for a new token"));
}

}  // namespace

absl::StatusOr<Principal> Authenticator::Authenticate(std::string_view presented) const {
  ASSIGN_OR_RETURN(TokenHash hash, HashBearerToken(presented));
  absl::StatusOr<v1::TokenInfo> token = identities_.ReadToken(hash);
  if (absl::IsNotFound(token.status())) return Refused("the token is unknown or was revoked");
  if (!token.ok()) return token.status();
  if (token->expires_at_unix_micros() != 0 &&
      absl::ToUnixMicros(now_()) >= token->expires_at_unix_micros()) {
    return Refused(token->kind() == v1::TOKEN_KIND_SESSION ? "the session has ended; log in again"
                                                           : "the token has expired");
  }
  absl::StatusOr<store::UserRecord> user = identities_.ReadUser(token->login());
  if (absl::IsNotFound(user.status())) return Refused("the token's user no longer exists");
  if (!user.ok()) return user.status();
  if (user->user().disabled()) return Refused("the token's user is disabled");
  if (!token->device_id().empty()) {
    absl::StatusOr<v1::Device> device = identities_.ReadDevice(token->device_id());
    if (absl::IsNotFound(device.status())) return Refused("the token's tablet is not enrolled");
    if (!device.ok()) return device.status();
    if (device->revoked()) return Refused("the token's tablet was revoked");
  }
  Principal principal;
  if (!token->device_id().empty()) {
    ASSIGN_OR_RETURN(principal.device_seen_unix_micros,
                     identities_.ReadDeviceSeen(token->device_id()));
  }
  principal.login = token->login();
  principal.role = user->user().role();
  principal.scopes.assign(user->user().scopes().begin(), user->user().scopes().end());
  principal.device_id = token->device_id();
  principal.token_hash = std::move(hash);
  principal.token_id = token->token_id();
  return principal;
}

}  // namespace rasoat::identity
