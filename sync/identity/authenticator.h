// Authenticator: from the bearer token a call presents to the Principal it is from (DESIGN.md
// "Identity, authorization, audit"). The token is hashed and looked up by its hash, then its
// user and, for a tablet's token, its device: two or three point reads of the store per call and
// no cache, so revoking a token, disabling a user or revoking a tablet takes effect on the very
// next call.
//
// Thread-safety: Authenticate may be called from any thread.
#pragma once

#include <functional>
#include <string_view>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "sync/identity/principal.h"
#include "sync/store/identity_reader.h"

namespace rasoat::identity {

class Authenticator {
 public:
  // `store` is not owned and must outlive it. `now` is the clock expiries are read against.
  explicit Authenticator(const Store* store, std::function<absl::Time()> now = absl::Now)
      : identities_(store), now_(std::move(now)) {}

  // The principal `presented` (the token after "Bearer ") stands for. UNAUTHENTICATED, with a
  // message that says what to do and never quotes the token, if it is malformed, unknown or
  // revoked, expired, its user is disabled or gone, or its tablet is revoked; UNAVAILABLE,
  // INTERNAL or DATA_LOSS if the store cannot answer.
  absl::StatusOr<Principal> Authenticate(std::string_view presented) const;

 private:
  const IdentityReader identities_;
  const std::function<absl::Time()> now_;
};

}  // namespace rasoat::identity
