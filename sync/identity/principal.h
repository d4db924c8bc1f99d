// Principal: who a call is from, as its token says (DESIGN.md "Identity, authorization,
// audit") — the user, their role and scopes, the tablet the token is bound to — and the scope
// checks every component makes with it. Identity comes from here, never from a request field:
// the reviewer of a decision, the author of a version, the actor in the audit log.
//
// Thread-safety: a value; const methods may be called from any thread.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "rasoat/v1/identity.pb.h"
#include "rasoat/v1/sync.pb.h"

namespace rasoat::identity {

struct Principal {
  std::string login;
  v1::Role role = v1::ROLE_UNSPECIFIED;
  // Where the user acts (v1::User.scopes): villages, or whole communes (village_code empty).
  std::vector<v1::Scope> scopes;
  // The tablet the token is bound to; empty for a person's or a program's token.
  std::string device_id;
  // When that tablet was last seen, as stored (IdentityService::RecordSeen); 0 if never.
  int64_t device_seen_unix_micros = 0;
  // The SHA-256 hash of the token presented (the rate limiter's key) and its id.
  std::string token_hash;
  std::string token_id;

  bool is_admin() const { return role == v1::ROLE_ADMIN; }

  // Whether the principal may act on a household in `village_code` of `commune_code`: an admin
  // anywhere; anyone else where one of their scopes is that village or that whole commune.
  bool CoversVillage(std::string_view commune_code, std::string_view village_code) const;

  // Whether the principal may act on all of `commune_code`: an admin, or a scope that is the
  // whole commune.
  bool CoversCommune(std::string_view commune_code) const;
};

// A principal for work rasoatd does itself (a test's or a tool's in-process caller): an admin,
// named `login`, with no token.
Principal SystemPrincipal(std::string_view login);

}  // namespace rasoat::identity
