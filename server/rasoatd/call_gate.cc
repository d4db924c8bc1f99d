#include "server/rasoatd/call_gate.h"

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "server/rasoatd/access_log.h"
#include "sync/base/status_macros.h"
#include "sync/identity/authorization_table.h"

namespace rasoat {
namespace {

constexpr std::string_view kBearer = "bearer ";

// The token of the call's "authorization: Bearer TOKEN" header.
absl::StatusOr<std::string_view> PresentedToken(const grpc::ServerContextBase& context) {
  const auto& metadata = context.client_metadata();
  const auto found = metadata.find("authorization");
  if (found == metadata.end()) {
    return absl::UnauthenticatedError(
        "no credential: send \"authorization: Bearer TOKEN\" with a token from an "
        "administrator (rasoatctl token create, or device enroll for a tablet)");
  }
  const std::string_view value(found->second.data(), found->second.size());
  if (value.size() <= kBearer.size() ||
      !absl::EqualsIgnoreCase(absl::string_view(value.data(), kBearer.size()),
                              absl::string_view(kBearer.data(), kBearer.size()))) {
    return absl::UnauthenticatedError(
        "the authorization header is not \"Bearer TOKEN\"; send the token rasoatd issued");
  }
  return value.substr(kBearer.size());
}

}  // namespace

absl::StatusOr<identity::Principal> CallGate::Admit(grpc::ServerContextBase* context,
                                                    std::string_view method) const {
  const identity::MethodRule* rule = identity::FindMethodRule(method);
  if (rule == nullptr) {
    return absl::PermissionDeniedError(
        absl::StrCat(std::string(method), " has no entry in the authorization table"));
  }
  if (rule->scope == identity::ScopeRule::kOpen) return identity::Principal();
  ASSIGN_OR_RETURN(const std::string_view token, PresentedToken(*context));
  ASSIGN_OR_RETURN(identity::Principal principal, authenticator_->Authenticate(token));
  context->AddTrailingMetadata(
      kAccessPrincipalKey,
      principal.device_id.empty()
          ? absl::StrCat("token:", principal.token_id)
          : absl::StrCat("token:", principal.token_id, " device:", principal.device_id));
  if (limiter_ != nullptr) RETURN_IF_ERROR(limiter_->Take(principal.token_hash));
  RETURN_IF_ERROR(identity::AuthorizeRole(*rule, principal));
  // A sighting that cannot be written does not refuse the call; the next one writes it.
  if (identity_ != nullptr) identity_->RecordSeen(principal).IgnoreError();
  return principal;
}

}  // namespace rasoat
