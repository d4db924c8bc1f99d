// BearerToken: the secret a tablet, an operator or a console session presents as
// "authorization: Bearer TOKEN" (DESIGN.md "Identity, authorization, audit"). A token is 256
// random bits from the operating system, written as "rst1_" and 43 characters of unpadded
// base64url. It is shown once, when made. The store keeps only its SHA-256 hash, which is also
// the key it is found by, so a copy of the store gives no one a working token.
//
// Thread-safety: functions of their arguments; MakeBearerToken reads the OS's random source,
// which is thread-safe.
#pragma once

#include <string>
#include <string_view>

#include "absl/status/statusor.h"

namespace rasoat::identity {

// The hash the store keeps of a token: 32 bytes of SHA-256.
using TokenHash = std::string;

struct NewBearerToken {
  std::string text;  // what the holder presents; never stored, never logged
  TokenHash hash;
};

// A fresh token and its hash. INTERNAL if the OS's random source fails.
absl::StatusOr<NewBearerToken> MakeBearerToken();

// The hash of a presented token. UNAUTHENTICATED, without quoting it, if `presented` is not a token
// of this form (so a malformed header costs no store lookup).
absl::StatusOr<TokenHash> HashBearerToken(std::string_view presented);

}  // namespace rasoat::identity
