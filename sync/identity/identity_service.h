// IdentityService: the users, tablets and tokens of AdminService (DESIGN.md "Identity,
// authorization, audit"), the login that turns a password into a session, and the bootstrap of
// an empty store with its first admin. Tokens are made here (bearer_token.h) and shown once,
// in the response that made them; the store keeps their hashes.
//
// Every change is one batch through the committer. Identity changes are a handful a day: they
// serialize on one mutex of their own, held across their commit so that a read-modify-write of
// a user never loses a concurrent one; no push, pull or review ever takes it.
//
// Thread-safety: every method may be called from any thread.
#pragma once

#include <functional>
#include <string>
#include <string_view>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "rasoat/v1/admin.pb.h"
#include "sync/audit/audit_event.h"
#include "sync/base/mutex.h"
#include "sync/identity/principal.h"
#include "sync/store/committer.h"
#include "sync/store/identity_reader.h"

namespace rasoat::identity {

struct IdentityOptions {
  // How long a session made by Login lasts.
  // Default: 12 hours (a working day and the evening after it).
  absl::Duration session_lifetime = absl::Hours(12);

  // OK, or INVALID_ARGUMENT naming the bad option.
  absl::Status Validate() const;
};

// The login of the admin an empty store is bootstrapped with.
inline constexpr std::string_view kBootstrapAdminLogin = "admin";

// How stale a tablet's last sighting may be before a call writes it again (RecordSeen).
inline constexpr absl::Duration kDeviceSeenGranularity = absl::Minutes(10);

class IdentityService {
 public:
  // Neither is owned; both must outlive the service. `now` is the clock of creation times and
  // expiries.
  IdentityService(Committer* committer, const Store* store, IdentityOptions options,
                  std::function<absl::Time()> now = absl::Now);

  // If the store has no user yet: makes the admin kBootstrapAdminLogin and a token for it,
  // hands the token to `keep` (which writes it where the operator finds it) and, if `keep`
  // succeeded, commits both. Returns whether it made them. `keep`'s error if it failed (nothing
  // is committed: the next start tries again); UNAVAILABLE or INTERNAL if the store cannot be
  // read or written.
  absl::StatusOr<bool> BootstrapAdmin(const std::function<absl::Status(std::string_view)>& keep);

  // The rpcs of AdminService (proto/rasoat/v1/admin.proto says what each returns and fails
  // with), for `caller`, already authenticated and allowed by the authorization table.
  absl::Status Login(const v1::LoginRequest& request, v1::LoginResponse* response);
  absl::Status WhoAmI(const Principal& caller, v1::WhoAmIResponse* response) const;
  // Deletes the token `caller` called with (their session, or any token ending itself).
  absl::Status Logout(const Principal& caller, v1::LogoutResponse* response);
  absl::Status CreateUser(const Principal& caller, const v1::CreateUserRequest& request,
                          v1::CreateUserResponse* response);
  absl::Status ListUsers(v1::ListUsersResponse* response) const;
  absl::Status UpdateUser(const Principal& caller, const v1::UpdateUserRequest& request,
                          v1::UpdateUserResponse* response);
  absl::Status EnrollDevice(const Principal& caller, const v1::EnrollDeviceRequest& request,
                            v1::EnrollDeviceResponse* response);
  absl::Status RevokeDevice(const Principal& caller, const v1::RevokeDeviceRequest& request,
                            v1::RevokeDeviceResponse* response);
  // Writes that `caller`'s tablet, if the call is from one, was seen now, unless that was
  // written less than kDeviceSeenGranularity ago: at most one unsynced write per tablet per
  // ten minutes, so the hot paths pay nothing for it. The errors of Committer::Commit.
  absl::Status RecordSeen(const Principal& caller);
  absl::Status ListDevices(const v1::ListDevicesRequest& request,
                           v1::ListDevicesResponse* response) const;
  absl::Status CreateToken(const Principal& caller, const v1::CreateTokenRequest& request,
                           v1::CreateTokenResponse* response);
  absl::Status RevokeToken(const Principal& caller, const v1::RevokeTokenRequest& request,
                           v1::RevokeTokenResponse* response);
  absl::Status ListTokens(const v1::ListTokensRequest& request,
                          v1::ListTokensResponse* response) const;

 private:
  // A new token of `kind` for `login` (bound to `device_id` if not empty), made at `now_micros`,
  // added to `batch`; its text in `*text`, its info in `*info`.
  absl::Status AddToken(CommitBatch* batch, std::string_view login, std::string_view device_id,
                        v1::TokenKind kind, int64_t now_micros, int64_t expires_at_micros,
                        std::string_view label, std::string* text, v1::TokenInfo* info) const;
  // Commits `batch`, which holds identity records only, with `event` in the audit log.
  absl::Status CommitIdentity(CommitBatch* batch, const audit::AuditEvent& event)
      ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_);
  int64_t NowMicros() const { return absl::ToUnixMicros(now_()); }

  Committer* const committer_;  // not owned
  const Store* const store_;    // not owned
  const IdentityReader identities_;
  const IdentityOptions options_;
  const std::function<absl::Time()> now_;
  // Serializes identity changes (see the top of this file).
  Mutex mu_;
};

}  // namespace rasoat::identity
