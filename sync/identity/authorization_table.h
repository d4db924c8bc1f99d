// The authorization table (DESIGN.md "Identity, authorization, audit"): for every RPC rasoatd
// serves, who may call it and how its scope is checked. One table, so that what a role may do
// is read in one place; a test walks every method of every service in the descriptor pool and
// fails if one has no entry, and a method without one is refused (fail closed).
//
// The role check happens at the edge, before any work; the scope check needs the data (the
// commune a household is in) and happens in the component that reads it, with the Principal
// (principal.h) the call was authenticated as. `scope` says which check that is.
//
// Thread-safety: immutable data and pure functions.
#pragma once

#include <cstdint>
#include <span>
#include <string_view>

#include "absl/status/status.h"
#include "sync/identity/principal.h"

namespace rasoat::identity {

// How a method's scope is checked once the role is allowed.
enum class ScopeRule {
  // No credential needed (health, login, the schema by reflection).
  kOpen,
  // Any authenticated caller, about themselves (WhoAmI; a user's own password).
  kSelf,
  // Admins only: everything, everywhere.
  kEverywhere,
  // The households a collaborator pushes must be, and stay, in their villages; a tablet's
  // token pushes only as its own device.
  kVillagesOfMutations,
  // The villages a pull asks for must be the caller's.
  kVillagesOfRequest,
  // The commune the request names must be one of the caller's.
  kCommuneOfRequest,
  // The commune the household is in must be one of the caller's.
  kCommuneOfHousehold,
};

// Roles as bits, so a rule lists several.
inline constexpr uint32_t RoleBit(v1::Role role) { return 1u << static_cast<int>(role); }

struct MethodRule {
  // "/package.Service/Method", as gRPC names it on the wire.
  std::string_view method;
  // RoleBit of each role allowed; unused when scope is kOpen, every role when kSelf.
  uint32_t roles = 0;
  ScopeRule scope = ScopeRule::kEverywhere;
};

// Every rule, in the table's order.
std::span<const MethodRule> AuthorizationTable();

// The rule of `method`, or null if it has none.
const MethodRule* FindMethodRule(std::string_view method);

// Whether `principal` may call the method of `rule`, as far as its role says. PERMISSION_DENIED
// naming the role and the method if not.
absl::Status AuthorizeRole(const MethodRule& rule, const Principal& principal);

// The lower-case word of a role ("collaborator") for messages.
std::string_view RoleName(v1::Role role);

}  // namespace rasoat::identity
