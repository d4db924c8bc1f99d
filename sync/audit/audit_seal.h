// SealAuditEntry: how the committer makes the next entry of the audit log. It takes what happened
// (an AuditEntry without its chain) and the head of the log (the last entry's seq and hash, which
// the committer keeps), and returns the entry with seq, prev_hash and hash set, ready to be
// serialized into the same WriteBatch as the change it records. Sealing checks the content too,
// so that nothing is stored that the verifier (audit_verifier.h) would later refuse to parse and
// no field can carry a record in place of an id or a digest.
//
// Thread-safety: pure functions. The committer serializes appends itself: each entry must be
// sealed on the head the previous one produced.
#pragma once

#include <cstddef>

#include "absl/status/statusor.h"
#include "sync/audit/audit_entry.pb.h"
#include "sync/audit/audit_head.h"

namespace rasoat::audit {

// Longest digest an entry may carry: a SHA-512 digest. A digest, never the data itself.
inline constexpr size_t kMaxAuditDigestBytes = 64;

// `unsealed` with seq = previous.seq + 1, prev_hash = previous.hash and hash computed over it
// (audit_hash.h); any hash or prev_hash it had is replaced. Fails, and the change it would
// record should not be written, with
//   INVALID_ARGUMENT if previous.hash is not 32 bytes; if unsealed.seq() is neither 0 nor
//     previous.seq + 1; if the action is unspecified or not one of Action's values; if login,
//     device_id, round_id, household_id or subject is longer than kMaxIdBytes or not text of
//     kind kId (sync/base/text.h); if the digest is longer than kMaxAuditDigestBytes;
//   OUT_OF_RANGE if previous.seq is the largest uint64;
//   INTERNAL if OpenSSL fails.
absl::StatusOr<AuditEntry> SealAuditEntry(AuditEntry unsealed, const AuditHead& previous);

// The head of the log once `entry` is its last entry: its seq and hash.
AuditHead AuditHeadOf(const AuditEntry& entry);

}  // namespace rasoat::audit
