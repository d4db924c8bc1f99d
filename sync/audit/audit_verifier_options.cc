#include "sync/audit/audit_verifier_options.h"

#include "sync/audit/audit_hash.h"

namespace rasoat::audit {

absl::Status AuditVerifierOptions::Validate() const {
  if (start.hash.size() != kAuditHashBytes) {
    return absl::InvalidArgumentError("start: the hash is not 32 bytes");
  }
  if (start.seq == 0 && start != EmptyLogHead()) {
    return absl::InvalidArgumentError("start: seq 0 is the empty log, whose hash is 32 zeros");
  }
  if (expect_head.has_value()) {
    if (expect_head->hash.size() != kAuditHashBytes) {
      return absl::InvalidArgumentError("expect_head: the hash is not 32 bytes");
    }
    if (expect_head->seq < start.seq) {
      return absl::InvalidArgumentError(
          "expect_head: before the start, so verification cannot reach it");
    }
    if (expect_head->seq == start.seq && expect_head->hash != start.hash) {
      return absl::InvalidArgumentError("expect_head: the start's seq with another hash");
    }
  }
  return absl::OkStatus();
}

}  // namespace rasoat::audit
