#include "sync/store/identity_reader.h"

#include <memory>

#include "absl/strings/str_cat.h"
#include "sync/base/status_macros.h"
#include "sync/store/keys.h"
#include "sync/store/rocks_status.h"
#include "sync/store/store_access.h"

namespace rasoat {
namespace {

// Reads and parses the identity record `kind`+`id` into `*message`. NOT_FOUND with no message
// if absent.
absl::Status ReadRecord(const Store& store, char kind, std::string_view id, const char* what,
                        google::protobuf::Message* message) {
  rocksdb::PinnableSlice value;
  RETURN_IF_ERROR(StoreAccess::Get(store, StoreAccess::kIdentity, IdentityKeyOf(kind, id), nullptr,
                                   &value, absl::StrCat("read ", what)));
  if (!message->ParseFromArray(value.data(), static_cast<int>(value.size()))) {
    return absl::DataLossError(absl::StrCat(what, " record: corrupt"));
  }
  return absl::OkStatus();
}

}  // namespace

absl::StatusOr<store::UserRecord> IdentityReader::ReadUser(std::string_view login) const {
  store::UserRecord user;
  const absl::Status read = ReadRecord(*store_, kIdentityUser, login, "user", &user);
  if (absl::IsNotFound(read)) {
    return absl::NotFoundError(absl::StrCat("user ", std::string(login), ": not found"));
  }
  if (!read.ok()) return read;
  return user;
}

absl::StatusOr<v1::Device> IdentityReader::ReadDevice(std::string_view device_id) const {
  v1::Device device;
  const absl::Status read = ReadRecord(*store_, kIdentityDevice, device_id, "device", &device);
  if (absl::IsNotFound(read)) {
    return absl::NotFoundError(absl::StrCat("device ", std::string(device_id), ": not enrolled"));
  }
  if (!read.ok()) return read;
  return device;
}

absl::StatusOr<int64_t> IdentityReader::ReadDeviceSeen(std::string_view device_id) const {
  rocksdb::PinnableSlice value;
  const absl::Status read = StoreAccess::Get(*store_, StoreAccess::kIdentity,
                                             IdentityKeyOf(kIdentityDeviceSeen, device_id), nullptr,
                                             &value, "read when a device was last seen");
  if (absl::IsNotFound(read)) return 0;
  RETURN_IF_ERROR(read);
  if (value.size() != 8) return absl::DataLossError("device sighting: not 8 bytes");
  return static_cast<int64_t>(DecodeFixed64BE(value.ToStringView()));
}

absl::StatusOr<v1::TokenInfo> IdentityReader::ReadToken(std::string_view token_hash) const {
  v1::TokenInfo token;
  RETURN_IF_ERROR(ReadRecord(*store_, kIdentityToken, token_hash, "token", &token));
  return token;
}

template <typename Each>
absl::Status IdentityReader::ForEach(char kind, const char* context, Each each) const {
  const std::string prefix(1, kind);
  std::unique_ptr<rocksdb::Iterator> it(StoreAccess::db(*store_)->NewIterator(
      rocksdb::ReadOptions(), StoreAccess::family(*store_, StoreAccess::kIdentity)));
  for (it->Seek(prefix); it->Valid() && it->key().starts_with(prefix); it->Next()) {
    std::string_view key = it->key().ToStringView();
    key.remove_prefix(1);
    RETURN_IF_ERROR(each(key, it->value().ToStringView()));
  }
  return FromRocksStatus(it->status(), context);
}

absl::StatusOr<bool> IdentityReader::HasUsers() const {
  const std::string prefix(1, kIdentityUser);
  std::unique_ptr<rocksdb::Iterator> it(StoreAccess::db(*store_)->NewIterator(
      rocksdb::ReadOptions(), StoreAccess::family(*store_, StoreAccess::kIdentity)));
  it->Seek(prefix);
  const bool any = it->Valid() && it->key().starts_with(prefix);
  RETURN_IF_ERROR(FromRocksStatus(it->status(), "list users"));
  return any;
}

absl::StatusOr<std::vector<store::UserRecord>> IdentityReader::ListUsers() const {
  std::vector<store::UserRecord> users;
  RETURN_IF_ERROR(
      ForEach(kIdentityUser, "list users", [&users](std::string_view, std::string_view value) {
        if (!users.emplace_back().ParseFromArray(value.data(), static_cast<int>(value.size()))) {
          return absl::DataLossError("user record: corrupt");
        }
        return absl::OkStatus();
      }));
  return users;
}

absl::StatusOr<std::vector<v1::Device>> IdentityReader::ListDevices() const {
  std::vector<v1::Device> devices;
  RETURN_IF_ERROR(ForEach(
      kIdentityDevice, "list devices", [&devices](std::string_view, std::string_view value) {
        if (!devices.emplace_back().ParseFromArray(value.data(), static_cast<int>(value.size()))) {
          return absl::DataLossError("device record: corrupt");
        }
        return absl::OkStatus();
      }));
  for (v1::Device& device : devices) {
    ASSIGN_OR_RETURN(const int64_t seen, ReadDeviceSeen(device.device_id()));
    device.set_last_seen_unix_micros(seen);
  }
  return devices;
}

absl::StatusOr<std::vector<StoredToken>> IdentityReader::ListTokens() const {
  std::vector<StoredToken> tokens;
  RETURN_IF_ERROR(ForEach(
      kIdentityToken, "list tokens", [&tokens](std::string_view hash, std::string_view value) {
        StoredToken& token = tokens.emplace_back();
        token.hash = std::string(hash);
        if (!token.info.ParseFromArray(value.data(), static_cast<int>(value.size()))) {
          return absl::DataLossError("token record: corrupt");
        }
        return absl::OkStatus();
      }));
  return tokens;
}

}  // namespace rasoat
