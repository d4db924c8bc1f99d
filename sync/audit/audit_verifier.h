// AuditVerifier: checks the audit log as stored, for `rasoatctl audit verify`. The caller reads
// the `audit` column family in key order, from the key after options.start.seq, and feeds each
// entry's key (decoded to its seq) and stored bytes to Add; then Finish says whether the log is
// whole and returns a summary. Memory does not grow with the log.
//
// What it catches, each reported as DATA_LOSS naming the seq, e.g. "audit entry 42: its hash
// does not match its content":
//   - an entry changed in any byte: it does not parse, holds fields its hash does not cover, or
//     its hash does not match its content (or, re-hashed by whoever changed it, the next entry
//     does not follow its hash);
//   - an entry deleted: a gap in the keys ("audit entry 43 is missing: 42 is followed by 44");
//   - entries swapped or moved to other keys: a key holds an entry of another seq ("audit entry
//     43: its key holds entry 44 (entries swapped or moved)"), and, should the seqs have been
//     rewritten too, a hash or a link breaks ("audit entry 44: does not follow entry 43's hash
//     (entries removed or reordered)");
//   - with options.expect_head: the last entries deleted, or the log rewritten with recomputed
//     hashes up to or past that head. Without it, such a tail passes (audit_verifier_options.h).
// The first failure is kept: Add and Finish return it from then on.
//
// Thread-safety: not thread-safe; one verification is fed by one thread at a time.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "sync/audit/audit_head.h"
#include "sync/audit/audit_verifier_options.h"

namespace rasoat::audit {

// What a verification that passed checked.
struct AuditSummary {
  uint64_t entries_checked = 0;
  // The first and last seq checked; both 0 when no entry was.
  uint64_t first_seq = 0;
  uint64_t last_seq = 0;
  // The last entry checked, or options.start when none was: what to export as the new head.
  AuditHead head;
  // Whether options.expect_head was set and found.
  bool expect_head_found = false;
};

class AuditVerifier {
 public:
  // A verifier starting after options.start. INVALID_ARGUMENT if options.Validate() fails.
  static absl::StatusOr<AuditVerifier> Create(AuditVerifierOptions options);

  // Checks the entry stored under `key_seq`; keys come in ascending order. OK if it parses, holds
  // seq key_seq, follows the previous entry (or options.start) without a gap and by its hash,
  // its hash matches its content, and, if it is options.expect_head's entry, has that hash.
  // Otherwise DATA_LOSS naming the seq and what is wrong; INVALID_ARGUMENT if key_seq is not
  // above the last seq fed (or options.start.seq): the caller read out of order. Once Add has
  // failed it returns that first failure again without looking at the entry.
  absl::Status Add(uint64_t key_seq, std::string_view stored_bytes);

  // The summary once every entry has been fed. Fails with the first failure of Add if there was
  // one; else DATA_LOSS if options.expect_head is set and the log ended before its seq (its last
  // entries were deleted).
  absl::StatusOr<AuditSummary> Finish() const;

 private:
  explicit AuditVerifier(AuditVerifierOptions options);

  // What Add checks, without keeping the failure.
  absl::Status Check(uint64_t key_seq, std::string_view stored_bytes);
  // What comes before a gap ending at `key_seq`, for its message: "42 is followed by 44".
  std::string Gap(uint64_t key_seq) const;

  AuditVerifierOptions options_;
  AuditHead last_;  // the last entry that passed, or options_.start
  uint64_t entries_checked_ = 0;
  uint64_t first_seq_ = 0;
  bool expect_head_found_ = false;
  absl::Status failure_;  // the first failure; OK while there is none
};

}  // namespace rasoat::audit
