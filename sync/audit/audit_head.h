// AuditHead: the last entry of the audit log, (seq, hash), which an operator exports with
// `rasoatctl audit head` and later hands back to `rasoatctl audit verify --expect_head`, so that
// a log cut short or rewritten since is caught (audit_verifier.h). Also the anchor a verification
// starts from when older entries are no longer kept. Written "SEQ:HEX": the seq in decimal, a
// colon, the 32-byte hash in 64 hex digits, e.g. "42:9f86d081884c7d65...". The empty log's head
// is seq 0 with a hash of 32 zero bytes ("0:000...0"), the prev_hash of entry 1.
//
// Thread-safety: a plain value and pure functions.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "absl/status/statusor.h"

namespace rasoat::audit {

struct AuditHead {
  uint64_t seq = 0;
  std::string hash;  // kAuditHashBytes (32) bytes, raw

  friend bool operator==(const AuditHead&, const AuditHead&) = default;
};

// The head of the empty log: seq 0, 32 zero bytes.
AuditHead EmptyLogHead();

// "SEQ:HEX", hex in lower case. REQUIRES: head.hash is 32 bytes.
std::string FormatAuditHead(const AuditHead& head);

// The head written by FormatAuditHead (hex digits in either case). INVALID_ARGUMENT, saying what
// is wrong, if `text` is not a decimal seq without sign or leading zero, a colon and exactly 64
// hex digits, or if its seq is 0 and its hash is not all zeros.
absl::StatusOr<AuditHead> ParseAuditHead(std::string_view text);

}  // namespace rasoat::audit
