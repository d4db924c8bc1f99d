#include "sync/identity/password_hash.h"

#include <sodium.h>

namespace rasoat::identity {
namespace {

constexpr size_t kShortest = 10;
constexpr size_t kLongest = 1024;

bool SodiumReady() {
  static const bool ready = sodium_init() >= 0;  // thread-safe, and idempotent in libsodium
  return ready;
}

}  // namespace

absl::StatusOr<std::string> HashPassword(std::string_view password) {
  if (password.size() < kShortest || password.size() > kLongest) {
    return absl::InvalidArgumentError(
        "password: give between 10 and 1,024 characters; a phrase of several words is easiest "
        "to remember");
  }
  if (!SodiumReady()) return absl::InternalError("password: libsodium could not start");
  char stored[crypto_pwhash_STRBYTES];
  if (crypto_pwhash_str_alg(stored, password.data(), password.size(),
                            crypto_pwhash_OPSLIMIT_INTERACTIVE, crypto_pwhash_MEMLIMIT_INTERACTIVE,
                            crypto_pwhash_ALG_ARGON2ID13) != 0) {
    return absl::ResourceExhaustedError(
        "password: not enough memory for the hash (64 MiB); try again shortly");
  }
  return std::string(stored);
}

bool VerifyPassword(std::string_view stored, std::string_view password) {
  if (!SodiumReady() || stored.size() >= crypto_pwhash_STRBYTES) return false;
  const std::string terminated(stored);  // libsodium reads a NUL-terminated string
  return crypto_pwhash_str_verify(terminated.c_str(), password.data(), password.size()) == 0;
}

bool NeedsRehash(std::string_view stored) {
  if (!SodiumReady() || stored.size() >= crypto_pwhash_STRBYTES) return true;
  const std::string terminated(stored);
  return crypto_pwhash_str_needs_rehash(terminated.c_str(), crypto_pwhash_OPSLIMIT_INTERACTIVE,
                                        crypto_pwhash_MEMLIMIT_INTERACTIVE) != 0;
}

}  // namespace rasoat::identity
