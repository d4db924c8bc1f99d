#include "server/rasoatd/console_session.h"

#include "absl/strings/ascii.h"
#include "absl/strings/escaping.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include <sodium.h>

namespace rasoat {

absl::StatusOr<ConsoleSessions> ConsoleSessions::Create() {
  if (sodium_init() < 0) return absl::InternalError("libsodium could not start");
  static_assert(sizeof(key_) == crypto_auth_hmacsha256_KEYBYTES);
  ConsoleSessions sessions;
  crypto_auth_hmacsha256_keygen(sessions.key_.data());
  return sessions;
}

std::string ConsoleSessions::CsrfTokenOf(std::string_view session_token) const {
  unsigned char mac[crypto_auth_hmacsha256_BYTES];
  crypto_auth_hmacsha256(mac, reinterpret_cast<const unsigned char*>(session_token.data()),
                         session_token.size(), key_.data());
  return absl::BytesToHexString(absl::string_view(reinterpret_cast<const char*>(mac), sizeof(mac)));
}

bool ConsoleSessions::CsrfMatches(std::string_view session_token,
                                  std::string_view presented) const {
  const std::string expected = CsrfTokenOf(session_token);
  return presented.size() == expected.size() &&
         sodium_memcmp(presented.data(), expected.data(), expected.size()) == 0;
}

std::string ConsoleSessions::SetCookie(std::string_view session_token, int64_t max_age_seconds,
                                       bool secure) {
  return absl::StrCat(std::string(kCookieName), "=", std::string(session_token),
                      "; Path=/; Max-Age=", max_age_seconds, "; HttpOnly; SameSite=Strict",
                      secure ? "; Secure" : "");
}

std::string ConsoleSessions::ClearCookie(bool secure) {
  return absl::StrCat(std::string(kCookieName), "=; Path=/; Max-Age=0; HttpOnly; SameSite=Strict",
                      secure ? "; Secure" : "");
}

std::optional<std::string> ConsoleSessions::TokenOf(std::string_view cookie_header) {
  for (absl::string_view pair :
       absl::StrSplit(absl::string_view(cookie_header.data(), cookie_header.size()), ';')) {
    pair = absl::StripAsciiWhitespace(pair);
    const size_t equals = pair.find('=');
    if (equals == absl::string_view::npos) continue;
    if (pair.substr(0, equals) != absl::string_view(kCookieName.data(), kCookieName.size())) {
      continue;
    }
    const absl::string_view value = pair.substr(equals + 1);
    if (value.empty()) return std::nullopt;
    return std::string(value);
  }
  return std::nullopt;
}

}  // namespace rasoat
