// What the fields of users and their scopes may hold (DESIGN.md "Identity, authorization,
// audit"): a login is a short lower-case name, fixed once made, that approvals, versions and the
// audit log carry; display names and labels are bounded free text; a scope names a commune, and
// a collaborator's a village of it. Each check is INVALID_ARGUMENT naming the field, without
// quoting what was sent.
//
// Thread-safety: pure functions.
#pragma once

#include <cstddef>
#include <string_view>

#include "absl/status/status.h"
#include "rasoat/v1/identity.pb.h"
#include "rasoat/v1/sync.pb.h"
#include "sync/base/text.h"

namespace rasoat::identity {

// 1 to 64 of [a-z0-9._-].
absl::Status CheckLogin(std::string_view login);

// `text` of `kind`, at most `max_bytes`; the message starts with `field`.
absl::Status CheckBoundedText(std::string_view text, size_t max_bytes, TextKind kind,
                              std::string_view field);

// A commune, with ids as ids; for a collaborator (`role`), a village of it.
absl::Status CheckScope(const v1::Scope& scope, v1::Role role);

// Whether two scopes name the same commune and village.
bool SameScope(const v1::Scope& a, const v1::Scope& b);

}  // namespace rasoat::identity
