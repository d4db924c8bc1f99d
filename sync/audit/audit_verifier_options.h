// AuditVerifierOptions: where a verification of the audit log starts and the head it must reach
// (audit_verifier.h), as `rasoatctl audit verify` passes them.
//
// Thread-safety: a plain value.
#pragma once

#include <optional>

#include "absl/status/status.h"
#include "sync/audit/audit_head.h"

namespace rasoat::audit {

struct AuditVerifierOptions {
  // The entry verification starts after, taken on trust: the first entry checked must be
  // start.seq + 1 and carry start.hash as its prev_hash. When older entries are no longer kept,
  // a head exported earlier from this log (and kept where the server cannot rewrite it).
  // Default: EmptyLogHead(), so verification starts at entry 1, whose prev_hash is 32 zeros.
  AuditHead start = EmptyLogHead();

  // A head of this log exported earlier (`rasoatctl audit head`). When set, the log must still
  // hold entry expect_head->seq with exactly that hash: this catches a log whose last entries were
  // deleted, and a log rewritten (entries changed and every later hash recomputed) up to or past
  // that entry. The log may have grown since.
  // Default: none. Then such a truncated or rewritten tail passes: a hash chain that needs no
  // secret to extend can be checked only against a head kept somewhere else.
  std::optional<AuditHead> expect_head;

  // OK, or INVALID_ARGUMENT naming the first bad option: a hash that is not 32 bytes; a start at
  // seq 0 whose hash is not all zeros; an expected head before the start, or at the start with
  // another hash.
  absl::Status Validate() const;
};

}  // namespace rasoat::audit
