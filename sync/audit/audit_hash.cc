#include "sync/audit/audit_hash.h"

#include <cstdint>

#include <openssl/evp.h>

namespace rasoat::audit {
namespace {

// Appends `value` in `bytes` bytes, big-endian.
void AppendBigEndian(uint64_t value, int bytes, std::string& out) {
  for (int shift = 8 * (bytes - 1); shift >= 0; shift -= 8) {
    out.push_back(static_cast<char>((value >> shift) & 0xff));
  }
}

void AppendU8(uint8_t value, std::string& out) { AppendBigEndian(value, 1, out); }
void AppendU32(uint32_t value, std::string& out) { AppendBigEndian(value, 4, out); }
void AppendU64(uint64_t value, std::string& out) { AppendBigEndian(value, 8, out); }

// B(s): the length, then the bytes. A protobuf field is below 2 GiB, so the length fits.
void AppendBytes(std::string_view bytes, std::string& out) {
  AppendU32(static_cast<uint32_t>(bytes.size()), out);
  out.append(bytes);
}

// The target's tag in the hashed bytes.
constexpr uint8_t kNoTarget = 0;
constexpr uint8_t kHouseholdTarget = 1;
constexpr uint8_t kSubjectTarget = 2;

}  // namespace

std::string AuditHashedBytes(const AuditEntry& entry) {
  std::string out;
  out.reserve(128 + entry.actor().login().size() + entry.actor().device_id().size() +
              entry.household().round_id().size() + entry.household().household_id().size() +
              entry.subject().size() + 8 * entry.versions_size() + entry.digest().size() +
              96 * entry.changes_size());
  AppendBytes(kAuditHashDomain, out);
  AppendBytes(entry.prev_hash(), out);
  AppendU64(entry.seq(), out);
  AppendU64(static_cast<uint64_t>(entry.time_unix_micros()), out);
  AppendBytes(entry.actor().login(), out);
  AppendBytes(entry.actor().device_id(), out);
  AppendU32(static_cast<uint32_t>(entry.action()), out);
  switch (entry.target_case()) {
    case AuditEntry::kHousehold:
      AppendU8(kHouseholdTarget, out);
      AppendBytes(entry.household().round_id(), out);
      AppendBytes(entry.household().household_id(), out);
      break;
    case AuditEntry::kSubject:
      AppendU8(kSubjectTarget, out);
      AppendBytes(entry.subject(), out);
      break;
    case AuditEntry::TARGET_NOT_SET:
      AppendU8(kNoTarget, out);
      break;
  }
  AppendU32(static_cast<uint32_t>(entry.versions_size()), out);
  for (uint64_t version : entry.versions()) AppendU64(version, out);
  AppendBytes(entry.digest(), out);
  AppendU32(static_cast<uint32_t>(entry.changes_size()), out);
  for (const HouseholdChange& change : entry.changes()) {
    AppendBytes(change.round_id(), out);
    AppendBytes(change.household_id(), out);
    AppendU32(static_cast<uint32_t>(change.action()), out);
    AppendU64(change.version(), out);
    AppendBytes(change.digest(), out);
  }
  return out;
}

absl::StatusOr<std::string> AuditHash(const AuditEntry& entry) {
  const std::string hashed = AuditHashedBytes(entry);
  std::string hash(kAuditHashBytes, '\0');
  unsigned int length = 0;
  if (EVP_Digest(hashed.data(), hashed.size(), reinterpret_cast<unsigned char*>(hash.data()),
                 &length, EVP_sha256(), nullptr) != 1 ||
      length != kAuditHashBytes) {
    return absl::InternalError("audit: OpenSSL could not compute a SHA-256 hash");
  }
  return hash;
}

}  // namespace rasoat::audit
