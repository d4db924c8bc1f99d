#include "sync/identity/identity_service.h"

#include <algorithm>

#include "absl/strings/escaping.h"
#include "absl/strings/str_cat.h"
#include "sync/audit/audit_event.h"
#include "sync/base/limits.h"
#include "sync/base/status_macros.h"
#include "sync/base/text.h"
#include "sync/identity/bearer_token.h"
#include "sync/identity/password_hash.h"
#include "sync/identity/user_fields.h"

namespace rasoat::identity {
namespace {

constexpr size_t kMaxDisplayNameBytes = 200;
constexpr size_t kMaxLabelBytes = 200;
// A token's id: this many bytes of its hash, in hex.
constexpr size_t kTokenIdBytes = 8;

// The user as it goes on the wire: without the password's hash.
v1::User Shown(const store::UserRecord& record) {
  v1::User user = record.user();
  user.set_has_password(!record.password_hash().empty());
  return user;
}

absl::Status NotAllowedForOthers() {
  return absl::PermissionDeniedError(
      "only an admin may change another user, or anything but their own password");
}

}  // namespace

absl::Status IdentityOptions::Validate() const {
  if (session_lifetime < absl::Minutes(1) || session_lifetime > absl::Hours(24 * 31)) {
    return absl::InvalidArgumentError("session lifetime: from 1 minute to 31 days");
  }
  return absl::OkStatus();
}

IdentityService::IdentityService(Committer* committer, const Store* store, IdentityOptions options,
                                 std::function<absl::Time()> now)
    : committer_(committer),
      store_(store),
      identities_(store),
      options_(options),
      now_(std::move(now)) {}

absl::Status IdentityService::AddToken(CommitBatch* batch, std::string_view login,
                                       std::string_view device_id, v1::TokenKind kind,
                                       int64_t now_micros, int64_t expires_at_micros,
                                       std::string_view label, std::string* text,
                                       v1::TokenInfo* info) const {
  ASSIGN_OR_RETURN(NewBearerToken token, MakeBearerToken());
  info->set_token_id(absl::BytesToHexString(
      absl::string_view(token.hash.data(), std::min(kTokenIdBytes, token.hash.size()))));
  info->set_login(std::string(login));
  info->set_device_id(std::string(device_id));
  info->set_kind(kind);
  info->set_created_at_unix_micros(now_micros);
  info->set_expires_at_unix_micros(expires_at_micros);
  info->set_label(std::string(label));
  batch->PutToken(token.hash, *info);
  *text = std::move(token.text);
  return absl::OkStatus();
}

absl::Status IdentityService::CommitIdentity(CommitBatch* batch, const audit::AuditEvent& event) {
  batch->AddAuditEntry(audit::EncodeUnsealed(event, NowMicros()));
  // Identity records are no household's: the commit holds no household lock.
  const HouseholdLocks::Held none = committer_->locks().Lock({});
  return committer_->Commit(none, batch);
}

absl::StatusOr<bool> IdentityService::BootstrapAdmin(
    const std::function<absl::Status(std::string_view)>& keep) {
  MutexLock lock(&mu_);
  ASSIGN_OR_RETURN(const bool has_users, identities_.HasUsers());
  if (has_users) return false;
  CommitBatch batch(*store_);
  store::UserRecord admin;
  admin.mutable_user()->set_login(std::string(kBootstrapAdminLogin));
  admin.mutable_user()->set_display_name("Administrator");
  admin.mutable_user()->set_role(v1::ROLE_ADMIN);
  admin.mutable_user()->set_created_at_unix_micros(NowMicros());
  batch.PutUser(admin);
  std::string token;
  v1::TokenInfo info;
  RETURN_IF_ERROR(AddToken(&batch, kBootstrapAdminLogin, "", v1::TOKEN_KIND_API, NowMicros(), 0,
                           "bootstrap admin token", &token, &info));
  RETURN_IF_ERROR(keep(token));
  RETURN_IF_ERROR(CommitIdentity(
      &batch,
      {audit::ACTION_USER_CREATED, "", "", "", "", std::string(kBootstrapAdminLogin), {}, ""}));
  return true;
}

absl::Status IdentityService::Login(const v1::LoginRequest& request, v1::LoginResponse* response) {
  const absl::Status refused = absl::UnauthenticatedError(
      "the login or the password is wrong, or the user may not log in; ask an administrator");
  if (!CheckLogin(request.login()).ok()) return refused;
  absl::StatusOr<store::UserRecord> user = identities_.ReadUser(request.login());
  if (absl::IsNotFound(user.status())) return refused;
  if (!user.ok()) return user.status();
  if (user->user().disabled() || user->password_hash().empty() ||
      !VerifyPassword(user->password_hash(), request.password())) {
    return refused;
  }
  MutexLock lock(&mu_);
  CommitBatch batch(*store_);
  std::string token;
  const int64_t now = NowMicros();
  RETURN_IF_ERROR(AddToken(&batch, request.login(), "", v1::TOKEN_KIND_SESSION, now,
                           now + absl::ToInt64Microseconds(options_.session_lifetime), "session",
                           &token, response->mutable_info()));
  RETURN_IF_ERROR(CommitIdentity(
      &batch, {audit::ACTION_LOGIN, request.login(), "", "", "", request.login(), {}, ""}));
  response->set_token(std::move(token));
  return absl::OkStatus();
}

absl::Status IdentityService::WhoAmI(const Principal& caller, v1::WhoAmIResponse* response) const {
  ASSIGN_OR_RETURN(store::UserRecord user, identities_.ReadUser(caller.login));
  *response->mutable_user() = Shown(user);
  if (!caller.token_hash.empty()) {
    ASSIGN_OR_RETURN(*response->mutable_token(), identities_.ReadToken(caller.token_hash));
  }
  return absl::OkStatus();
}

absl::Status IdentityService::Logout(const Principal& caller, v1::LogoutResponse* response) {
  if (caller.token_hash.empty()) {
    return absl::FailedPreconditionError("the call carries no token to end");
  }
  MutexLock lock(&mu_);
  ASSIGN_OR_RETURN(*response->mutable_token(), identities_.ReadToken(caller.token_hash));
  CommitBatch batch(*store_);
  batch.DeleteToken(caller.token_hash);
  return CommitIdentity(
      &batch,
      {audit::ACTION_LOGOUT, caller.login, "", "", "", response->token().token_id(), {}, ""});
}

absl::Status IdentityService::CreateUser(const Principal& caller,
                                         const v1::CreateUserRequest& request,
                                         v1::CreateUserResponse* response) {
  const v1::User& wanted = request.user();
  RETURN_IF_ERROR(CheckLogin(wanted.login()));
  RETURN_IF_ERROR(CheckBoundedText(wanted.display_name(), kMaxDisplayNameBytes, TextKind::kFreeText,
                                   "display_name"));
  if (wanted.role() == v1::ROLE_UNSPECIFIED || !v1::Role_IsValid(wanted.role())) {
    return absl::InvalidArgumentError(
        "role: one of ROLE_COLLABORATOR, ROLE_REVIEWER, ROLE_CHAIRMAN, ROLE_ADMIN");
  }
  for (const v1::Scope& scope : wanted.scopes()) RETURN_IF_ERROR(CheckScope(scope, wanted.role()));
  store::UserRecord record;
  *record.mutable_user() = wanted;
  record.mutable_user()->set_disabled(false);
  record.mutable_user()->set_has_password(false);
  record.mutable_user()->set_created_at_unix_micros(NowMicros());
  if (!request.password().empty()) {
    ASSIGN_OR_RETURN(*record.mutable_password_hash(), HashPassword(request.password()));
  }
  MutexLock lock(&mu_);
  absl::StatusOr<store::UserRecord> existing = identities_.ReadUser(wanted.login());
  if (existing.ok()) {
    return absl::AlreadyExistsError(absl::StrCat("user ", wanted.login(), ": the login is taken"));
  }
  if (!absl::IsNotFound(existing.status())) return existing.status();
  CommitBatch batch(*store_);
  batch.PutUser(record);
  RETURN_IF_ERROR(CommitIdentity(
      &batch, {audit::ACTION_USER_CREATED, caller.login, "", "", "", wanted.login(), {}, ""}));
  *response->mutable_user() = Shown(record);
  return absl::OkStatus();
}

absl::Status IdentityService::ListUsers(v1::ListUsersResponse* response) const {
  ASSIGN_OR_RETURN(std::vector<store::UserRecord> users, identities_.ListUsers());
  for (const store::UserRecord& user : users) *response->add_users() = Shown(user);
  return absl::OkStatus();
}

absl::Status IdentityService::UpdateUser(const Principal& caller,
                                         const v1::UpdateUserRequest& request,
                                         v1::UpdateUserResponse* response) {
  // Not from a tablet's token: a stolen tablet must not outlive its revocation through a
  // password it set and a session it made.
  const bool own_password = request.change_case() == v1::UpdateUserRequest::kPassword &&
                            request.login() == caller.login && caller.device_id.empty();
  if (!caller.is_admin() && !own_password) return NotAllowedForOthers();
  RETURN_IF_ERROR(CheckLogin(request.login()));
  std::string password_hash;
  if (request.change_case() == v1::UpdateUserRequest::CHANGE_NOT_SET) {
    return absl::InvalidArgumentError("change: nothing to change");
  }
  if (request.change_case() == v1::UpdateUserRequest::kPassword) {
    // Hashed before the lock: it takes a tenth of a second.
    ASSIGN_OR_RETURN(password_hash, HashPassword(request.password()));
  }
  if (request.change_case() == v1::UpdateUserRequest::kDisplayName) {
    RETURN_IF_ERROR(CheckBoundedText(request.display_name(), kMaxDisplayNameBytes,
                                     TextKind::kFreeText, "display_name"));
  }
  MutexLock lock(&mu_);
  ASSIGN_OR_RETURN(store::UserRecord record, identities_.ReadUser(request.login()));
  v1::User& user = *record.mutable_user();
  switch (request.change_case()) {
    case v1::UpdateUserRequest::kDisabled:
      if (request.disabled() && user.role() == v1::ROLE_ADMIN && !user.disabled()) {
        ASSIGN_OR_RETURN(std::vector<store::UserRecord> users, identities_.ListUsers());
        const bool another_admin = std::any_of(users.begin(), users.end(), [&](const auto& u) {
          return u.user().login() != user.login() && u.user().role() == v1::ROLE_ADMIN &&
                 !u.user().disabled();
        });
        if (!another_admin) {
          return absl::FailedPreconditionError(absl::StrCat(
              "user ", user.login(), " is the last enabled admin; make another first"));
        }
      }
      user.set_disabled(request.disabled());
      break;
    case v1::UpdateUserRequest::kAssignScope: {
      RETURN_IF_ERROR(CheckScope(request.assign_scope(), user.role()));
      const bool held =
          std::any_of(user.scopes().begin(), user.scopes().end(),
                      [&](const v1::Scope& s) { return SameScope(s, request.assign_scope()); });
      if (!held) *user.add_scopes() = request.assign_scope();
      break;
    }
    case v1::UpdateUserRequest::kUnassignScope: {
      auto* scopes = user.mutable_scopes();
      const auto kept = std::remove_if(scopes->begin(), scopes->end(), [&](const v1::Scope& s) {
        return SameScope(s, request.unassign_scope());
      });
      if (kept == scopes->end()) {
        return absl::NotFoundError(absl::StrCat("user ", user.login(), " has no such scope"));
      }
      scopes->erase(kept, scopes->end());
      break;
    }
    case v1::UpdateUserRequest::kPassword:
      record.set_password_hash(std::move(password_hash));
      break;
    case v1::UpdateUserRequest::kDisplayName:
      user.set_display_name(request.display_name());
      break;
    case v1::UpdateUserRequest::CHANGE_NOT_SET:
      break;
  }
  CommitBatch batch(*store_);
  batch.PutUser(record);
  RETURN_IF_ERROR(CommitIdentity(
      &batch, {audit::ACTION_USER_CHANGED, caller.login, "", "", "", request.login(), {}, ""}));
  *response->mutable_user() = Shown(record);
  return absl::OkStatus();
}

absl::Status IdentityService::EnrollDevice(const Principal& caller,
                                           const v1::EnrollDeviceRequest& request,
                                           v1::EnrollDeviceResponse* response) {
  RETURN_IF_ERROR(CheckLogin(request.login()));
  if (request.device_id().empty()) return absl::InvalidArgumentError("device_id: required");
  RETURN_IF_ERROR(CheckBoundedText(request.device_id(), kMaxIdBytes, TextKind::kId, "device_id"));
  MutexLock lock(&mu_);
  ASSIGN_OR_RETURN(store::UserRecord user, identities_.ReadUser(request.login()));
  if (user.user().role() != v1::ROLE_COLLABORATOR || user.user().disabled()) {
    return absl::FailedPreconditionError(absl::StrCat(
        "user ", request.login(), " is not an enabled collaborator: tablets are enrolled to one"));
  }
  absl::StatusOr<v1::Device> existing = identities_.ReadDevice(request.device_id());
  if (existing.ok() && !existing->revoked()) {
    return absl::AlreadyExistsError(absl::StrCat(
        "device ", request.device_id(), " is enrolled; revoke it first to enrol it again"));
  }
  if (!existing.ok() && !absl::IsNotFound(existing.status())) return existing.status();
  v1::Device& device = *response->mutable_device();
  device.set_device_id(request.device_id());
  device.set_login(request.login());
  device.set_enrolled_at_unix_micros(NowMicros());
  CommitBatch batch(*store_);
  batch.PutDevice(device);
  std::string token;
  RETURN_IF_ERROR(AddToken(&batch, request.login(), request.device_id(), v1::TOKEN_KIND_DEVICE,
                           NowMicros(), 0, "tablet", &token, response->mutable_info()));
  RETURN_IF_ERROR(CommitIdentity(
      &batch,
      {audit::ACTION_DEVICE_ENROLLED, caller.login, "", "", "", request.device_id(), {}, ""}));
  response->set_token(std::move(token));
  return absl::OkStatus();
}

absl::Status IdentityService::RevokeDevice(const Principal& caller,
                                           const v1::RevokeDeviceRequest& request,
                                           v1::RevokeDeviceResponse* response) {
  MutexLock lock(&mu_);
  ASSIGN_OR_RETURN(v1::Device device, identities_.ReadDevice(request.device_id()));
  if (!device.revoked()) {
    device.set_revoked(true);
    device.set_revoked_at_unix_micros(NowMicros());
    CommitBatch batch(*store_);
    batch.PutDevice(device);
    RETURN_IF_ERROR(CommitIdentity(
        &batch,
        {audit::ACTION_DEVICE_REVOKED, caller.login, "", "", "", request.device_id(), {}, ""}));
  }
  *response->mutable_device() = std::move(device);
  return absl::OkStatus();
}

absl::Status IdentityService::RecordSeen(const Principal& caller) {
  if (caller.device_id.empty()) return absl::OkStatus();
  const int64_t now = NowMicros();
  if (now - caller.device_seen_unix_micros < absl::ToInt64Microseconds(kDeviceSeenGranularity)) {
    return absl::OkStatus();
  }
  CommitBatch batch(*store_);
  batch.PutDeviceSeen(caller.device_id, now);
  // No household's lock; not synced: a sighting lost in a crash is written again on the next
  // call.
  const HouseholdLocks::Held none = committer_->locks().Lock({});
  return committer_->Commit(none, &batch, Committer::Durability::kUnsynced);
}

absl::Status IdentityService::ListDevices(const v1::ListDevicesRequest& request,
                                          v1::ListDevicesResponse* response) const {
  ASSIGN_OR_RETURN(std::vector<v1::Device> devices, identities_.ListDevices());
  for (v1::Device& device : devices) {
    if (request.login().empty() || device.login() == request.login()) {
      *response->add_devices() = std::move(device);
    }
  }
  return absl::OkStatus();
}

absl::Status IdentityService::CreateToken(const Principal& caller,
                                          const v1::CreateTokenRequest& request,
                                          v1::CreateTokenResponse* response) {
  RETURN_IF_ERROR(CheckLogin(request.login()));
  RETURN_IF_ERROR(CheckBoundedText(request.label(), kMaxLabelBytes, TextKind::kFreeText, "label"));
  if (request.expires_at_unix_micros() != 0 && request.expires_at_unix_micros() <= NowMicros()) {
    return absl::InvalidArgumentError("expires_at_unix_micros: in the past");
  }
  MutexLock lock(&mu_);
  RETURN_IF_ERROR(identities_.ReadUser(request.login()).status());
  CommitBatch batch(*store_);
  std::string token;
  RETURN_IF_ERROR(AddToken(&batch, request.login(), "", v1::TOKEN_KIND_API, NowMicros(),
                           request.expires_at_unix_micros(), request.label(), &token,
                           response->mutable_info()));
  RETURN_IF_ERROR(CommitIdentity(&batch, {audit::ACTION_TOKEN_CREATED,
                                          caller.login,
                                          "",
                                          "",
                                          "",
                                          response->info().token_id(),
                                          {},
                                          ""}));
  response->set_token(std::move(token));
  return absl::OkStatus();
}

absl::Status IdentityService::RevokeToken(const Principal& caller,
                                          const v1::RevokeTokenRequest& request,
                                          v1::RevokeTokenResponse* response) {
  MutexLock lock(&mu_);
  ASSIGN_OR_RETURN(std::vector<StoredToken> tokens, identities_.ListTokens());
  for (StoredToken& token : tokens) {
    if (token.info.token_id() != request.token_id()) continue;
    CommitBatch batch(*store_);
    batch.DeleteToken(token.hash);
    RETURN_IF_ERROR(CommitIdentity(
        &batch,
        {audit::ACTION_TOKEN_REVOKED, caller.login, "", "", "", token.info.token_id(), {}, ""}));
    *response->mutable_info() = std::move(token.info);
    return absl::OkStatus();
  }
  return absl::NotFoundError("no token has that id; ListTokens shows them");
}

absl::Status IdentityService::ListTokens(const v1::ListTokensRequest& request,
                                         v1::ListTokensResponse* response) const {
  ASSIGN_OR_RETURN(std::vector<StoredToken> tokens, identities_.ListTokens());
  const int64_t now = NowMicros();
  for (StoredToken& token : tokens) {
    const bool expired =
        token.info.expires_at_unix_micros() != 0 && token.info.expires_at_unix_micros() <= now;
    if (expired || (!request.login().empty() && token.info.login() != request.login())) continue;
    *response->add_tokens() = std::move(token.info);
  }
  std::sort(response->mutable_tokens()->begin(), response->mutable_tokens()->end(),
            [](const v1::TokenInfo& a, const v1::TokenInfo& b) {
              return a.created_at_unix_micros() < b.created_at_unix_micros();
            });
  return absl::OkStatus();
}

}  // namespace rasoat::identity
