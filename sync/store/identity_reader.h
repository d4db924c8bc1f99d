// IdentityReader: the identity family of the store (DESIGN.md "Storage") read back — users by
// login, tablets by device id, tokens by the hash of the token — and listed for the admin. Each
// read is a point read that the block cache usually answers: the authenticator makes two or
// three per call, and no cache of its own, so a revocation counts from the next call.
//
// Thread-safety: every method may be called from any thread; the Store must outlive it.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "rasoat/v1/identity.pb.h"
#include "sync/store/store.h"
#include "sync/store/store_records.pb.h"

namespace rasoat {

// A token as the store keeps it: the SHA-256 hash of the token, and what is known of it.
struct StoredToken {
  std::string hash;
  v1::TokenInfo info;
};

class IdentityReader {
 public:
  // `store` is not owned and must outlive the reader.
  explicit IdentityReader(const Store* store) : store_(store) {}

  // The user `login`. NOT_FOUND "user L: not found"; DATA_LOSS if it does not parse;
  // UNAVAILABLE or INTERNAL if it cannot be read.
  absl::StatusOr<store::UserRecord> ReadUser(std::string_view login) const;
  // The tablet `device_id`. NOT_FOUND "device D: not enrolled"; otherwise as ReadUser.
  absl::StatusOr<v1::Device> ReadDevice(std::string_view device_id) const;
  // The token whose hash is `token_hash`. NOT_FOUND, without a message (the caller says what
  // the presenter should hear); otherwise as ReadUser.
  absl::StatusOr<v1::TokenInfo> ReadToken(std::string_view token_hash) const;
  // When the tablet `device_id` was last seen, in Unix microseconds; 0 if never. DATA_LOSS if
  // the value is not 8 bytes.
  absl::StatusOr<int64_t> ReadDeviceSeen(std::string_view device_id) const;

  // Whether any user exists: an empty store is bootstrapped with an admin.
  absl::StatusOr<bool> HasUsers() const;
  // Every user, by login; every tablet, by device id, with when it was last seen; every token,
  // by hash. DATA_LOSS naming what does not parse.
  absl::StatusOr<std::vector<store::UserRecord>> ListUsers() const;
  absl::StatusOr<std::vector<v1::Device>> ListDevices() const;
  absl::StatusOr<std::vector<StoredToken>> ListTokens() const;

 private:
  // Calls `each(key_after_kind, value)` for every key of `kind`; stops at the first error it
  // returns.
  template <typename Each>
  absl::Status ForEach(char kind, const char* context, Each each) const;

  const Store* const store_;  // not owned
};

}  // namespace rasoat
