// PasswordHash: how a person's password is kept (DESIGN.md "Identity, authorization, audit"):
// argon2id through libsodium's crypto_pwhash_str, at its "interactive" cost (2 passes over
// 64 MiB, about 0.1 s on a server core), in the self-describing "$argon2id$..." string that
// carries its own salt and parameters. A hash made at a lower cost than today's still verifies,
// and NeedsRehash says to renew it at the next login.
//
// Thread-safety: functions of their arguments. libsodium is initialised once, on first use,
// thread-safely.
#pragma once

#include <string>
#include <string_view>

#include "absl/status/statusor.h"

namespace rasoat::identity {

// The stored form of `password`. INVALID_ARGUMENT if it is shorter than 10 bytes or longer than
// 1,024; RESOURCE_EXHAUSTED if the 64 MiB the hash needs cannot be had; INTERNAL if libsodium
// cannot start.
absl::StatusOr<std::string> HashPassword(std::string_view password);

// Whether `password` is the one `stored` was made from. False for a stored form that is not an
// argon2id hash; it never throws nor logs.
bool VerifyPassword(std::string_view stored, std::string_view password);

// Whether `stored` was made at another cost than HashPassword's today.
bool NeedsRehash(std::string_view stored);

}  // namespace rasoat::identity
