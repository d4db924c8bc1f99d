// The hash that chains audit entries (audit_entry.proto), and the bytes it is taken over.
// Protobuf's serialization is not canonical across versions, so the hashed bytes are this
// encoding, written here once; tests/sync/audit/audit_hash_test.cc pins it with a fixed vector,
// so any change to it fails a test. A change to the encoding needs a new domain tag.
//
// The hashed bytes, version 1, where every integer is big-endian and
//   U8(x), U32(x), U64(x) are x in 1, 4, 8 bytes;
//   B(s) is U32(byte length of s) followed by s;
// are, in this order:
//   B("rasoat-audit-v1")                  the domain tag
//   B(prev_hash)
//   U64(seq)
//   U64(time_unix_micros)                 as two's complement
//   B(actor.login)  B(actor.device_id)
//   U32(action)                           the enum's number, as two's complement
//   U8(0)                                 no target, or
//   U8(1) B(household.round_id) B(household.household_id), or
//   U8(2) B(subject)
//   U32(number of versions) U64(versions[0]) U64(versions[1]) ...
//   B(digest)
//   U32(number of changes), then for each change in order:
//     B(round_id) B(household_id) U32(action) U64(version) B(digest)
// Every field but `hash` is covered; every variable-length part carries its length, so two
// different entries never encode to the same bytes. hash = SHA-256 of these bytes (32 bytes).
//
// Thread-safety: pure functions.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include "absl/status/statusor.h"
#include "sync/audit/audit_entry.pb.h"

namespace rasoat::audit {

// The domain tag that opens the hashed bytes.
inline constexpr std::string_view kAuditHashDomain = "rasoat-audit-v1";

// Bytes of an entry's hash and prev_hash.
inline constexpr size_t kAuditHashBytes = 32;

// The bytes an entry's hash is taken over (above). Ignores entry.hash().
std::string AuditHashedBytes(const AuditEntry& entry);

// SHA-256 of AuditHashedBytes(entry): 32 bytes. INTERNAL if OpenSSL fails (out of memory).
absl::StatusOr<std::string> AuditHash(const AuditEntry& entry);

}  // namespace rasoat::audit
