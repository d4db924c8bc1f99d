// ConsoleSessions: how a browser holds a session of the console (DESIGN.md "Identity,
// authorization, audit"). The session token a login made travels in the cookie rasoat_session
// (HttpOnly, so no script reads it; SameSite=Strict, so no other site's page sends it; Secure
// under TLS), and every request that acts with that cookie also carries X-CSRF-Token: an HMAC
// of the session token under a key of this process, which the console's script learns from the
// session routes. A page of another origin can neither read it nor compute it, so it cannot make
// the browser act; a restart only means the console asks for it again (GET /api/session).
//
// Thread-safety: immutable after Create; every method may be called from any thread.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "absl/status/statusor.h"

namespace rasoat {

class ConsoleSessions {
 public:
  static constexpr std::string_view kCookieName = "rasoat_session";
  static constexpr std::string_view kCsrfHeader = "X-CSRF-Token";

  // With a fresh random key. INTERNAL if libsodium cannot start.
  static absl::StatusOr<ConsoleSessions> Create();

  // The CSRF token of `session_token`: 64 hex digits.
  std::string CsrfTokenOf(std::string_view session_token) const;

  // Whether `presented` is the CSRF token of `session_token` (in constant time).
  bool CsrfMatches(std::string_view session_token, std::string_view presented) const;

  // The Set-Cookie value that hands `session_token` to the browser for `max_age_seconds`.
  static std::string SetCookie(std::string_view session_token, int64_t max_age_seconds,
                               bool secure);

  // The Set-Cookie value that makes the browser forget the session.
  static std::string ClearCookie(bool secure);

  // The session token in a Cookie header ("a=1; rasoat_session=TOKEN"), if it holds one.
  static std::optional<std::string> TokenOf(std::string_view cookie_header);

 private:
  ConsoleSessions() = default;

  std::array<unsigned char, 32> key_{};
};

}  // namespace rasoat
