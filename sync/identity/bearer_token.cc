#include "sync/identity/bearer_token.h"

#include "absl/strings/escaping.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include <openssl/rand.h>
#include <openssl/sha.h>

namespace rasoat::identity {
namespace {

// absl::string_view: Debian's abseil has its own, not std::string_view.
constexpr absl::string_view kPrefix = "rst1_";
constexpr size_t kSecretBytes = 32;
constexpr size_t kEncodedBytes = 43;  // 32 bytes in unpadded base64url

TokenHash Sha256(std::string_view text) {
  TokenHash hash(SHA256_DIGEST_LENGTH, '\0');
  SHA256(reinterpret_cast<const unsigned char*>(text.data()), text.size(),
         reinterpret_cast<unsigned char*>(hash.data()));
  return hash;
}

}  // namespace

absl::StatusOr<NewBearerToken> MakeBearerToken() {
  std::string secret(kSecretBytes, '\0');
  if (RAND_bytes(reinterpret_cast<unsigned char*>(secret.data()),
                 static_cast<int>(secret.size())) != 1) {
    return absl::InternalError("token: the system's random generator failed");
  }
  NewBearerToken token;
  token.text = absl::StrCat(kPrefix, absl::WebSafeBase64Escape(secret));
  token.hash = Sha256(token.text);
  return token;
}

absl::StatusOr<TokenHash> HashBearerToken(std::string_view presented) {
  const absl::string_view text(presented.data(), presented.size());
  std::string secret;
  if (!absl::StartsWith(text, kPrefix) || text.size() != kPrefix.size() + kEncodedBytes ||
      !absl::WebSafeBase64Unescape(text.substr(kPrefix.size()), &secret) ||
      secret.size() != kSecretBytes) {
    return absl::UnauthenticatedError(
        "the bearer token is not one rasoatd issued (rst1_ and 43 characters); ask an "
        "administrator for a new one");
  }
  return Sha256(presented);
}

}  // namespace rasoat::identity
