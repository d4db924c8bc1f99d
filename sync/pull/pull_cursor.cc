#include "sync/pull/pull_cursor.h"

#include <algorithm>

#include "absl/strings/str_cat.h"
#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>

namespace rasoat {
namespace {

constexpr size_t kMacBytes = 32;  // HMAC-SHA-256
constexpr char kStartOver[] = "; pull with an empty cursor to sync from the beginning";

// HMAC-SHA-256 of `bytes` under `key` into `mac`.
void MacOf(std::string_view key, std::string_view bytes, unsigned char mac[kMacBytes]) {
  unsigned int length = kMacBytes;
  HMAC(EVP_sha256(), key.data(), static_cast<int>(key.size()),
       reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size(), mac, &length);
}

absl::Status Refused(std::string_view why) {
  return absl::InvalidArgumentError(absl::StrCat("cursor: ", std::string(why), kStartOver));
}

// Whether `bytes` are a cursor of format 1, which had no MAC.
bool IsUnauthenticatedCursor(std::string_view bytes) {
  store::PullCursor old;
  return old.ParseFromArray(bytes.data(), static_cast<int>(bytes.size())) && old.format() == 1;
}

}  // namespace

absl::StatusOr<store::PullCursor> DecodePullCursor(std::string_view bytes,
                                                   const CursorIdentity& issuer,
                                                   std::string_view round_id, uint64_t committed) {
  store::PullCursor cursor;
  if (bytes.empty()) {
    cursor.set_format(kPullCursorFormat);
    cursor.set_round_id(std::string(round_id));
    return cursor;
  }
  unsigned char mac[kMacBytes];
  const std::string_view body = bytes.substr(0, bytes.size() - std::min(bytes.size(), kMacBytes));
  MacOf(issuer.mac_key, body, mac);
  if (bytes.size() <= kMacBytes || CRYPTO_memcmp(mac, bytes.data() + body.size(), kMacBytes) != 0) {
    if (IsUnauthenticatedCursor(bytes)) {
      return Refused("made by an older version of rasoatd, whose cursors this one cannot check");
    }
    return Refused("not a cursor this server issued (damaged, or from another server)");
  }
  if (!cursor.ParseFromArray(body.data(), static_cast<int>(body.size())) ||
      cursor.format() != kPullCursorFormat) {
    return Refused("not a cursor this server issued");
  }
  if (cursor.store_id() != issuer.store_id) return Refused("issued by another server");
  if (cursor.epoch() != issuer.epoch) {
    return Refused("issued before this server's data was restored from a backup");
  }
  if (cursor.round_id() != round_id) {
    return absl::InvalidArgumentError(absl::StrCat("cursor: issued for round '", cursor.round_id(),
                                                   "', not '", std::string(round_id), "'"));
  }
  for (const store::PullCursor::Position& position : cursor.positions()) {
    if (position.seq() > committed || position.commune_code().empty()) {
      return Refused("points past this server's changes");
    }
  }
  return cursor;
}

std::string EncodePullCursor(const CursorIdentity& issuer, store::PullCursor* cursor) {
  cursor->set_format(kPullCursorFormat);
  cursor->set_store_id(std::string(issuer.store_id));
  cursor->set_epoch(issuer.epoch);
  std::string bytes = cursor->SerializeAsString();
  unsigned char mac[kMacBytes];
  MacOf(issuer.mac_key, bytes, mac);
  bytes.append(reinterpret_cast<const char*>(mac), kMacBytes);
  return bytes;
}

uint64_t PositionOf(const store::PullCursor& cursor, std::string_view commune_code,
                    std::string_view village_code) {
  uint64_t commune_position = 0;
  for (const store::PullCursor::Position& position : cursor.positions()) {
    if (position.commune_code() != commune_code) continue;
    if (position.village_code() == village_code) return position.seq();
    if (position.village_code().empty()) commune_position = position.seq();
  }
  return commune_position;
}

}  // namespace rasoat
