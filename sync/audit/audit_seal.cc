#include "sync/audit/audit_seal.h"

#include <limits>
#include <string>

#include "absl/strings/str_cat.h"
#include "sync/audit/audit_hash.h"
#include "sync/base/limits.h"
#include "sync/base/status_macros.h"
#include "sync/base/text.h"

namespace rasoat::audit {
namespace {

absl::Status CheckId(const char* field, const std::string& value) {
  if (value.size() > kMaxIdBytes) {
    return absl::InvalidArgumentError(
        absl::StrCat("audit entry: ", field, " is longer than ", kMaxIdBytes, " bytes"));
  }
  if (absl::Status status = CheckText(value, TextKind::kId); !status.ok()) {
    return absl::InvalidArgumentError(absl::StrCat("audit entry: ", field, " ", status.message()));
  }
  return absl::OkStatus();
}

absl::Status CheckContent(const AuditEntry& entry) {
  if (entry.action() == ACTION_UNSPECIFIED || !Action_IsValid(entry.action())) {
    return absl::InvalidArgumentError(
        absl::StrCat("audit entry: the action (", entry.action(), ") is not one of Action's"));
  }
  RETURN_IF_ERROR(CheckId("actor.login", entry.actor().login()));
  RETURN_IF_ERROR(CheckId("actor.device_id", entry.actor().device_id()));
  RETURN_IF_ERROR(CheckId("household.round_id", entry.household().round_id()));
  RETURN_IF_ERROR(CheckId("household.household_id", entry.household().household_id()));
  RETURN_IF_ERROR(CheckId("subject", entry.subject()));
  if (entry.digest().size() > kMaxAuditDigestBytes) {
    return absl::InvalidArgumentError(absl::StrCat("audit entry: the digest has ",
                                                   entry.digest().size(), " bytes, more than ",
                                                   kMaxAuditDigestBytes));
  }
  return absl::OkStatus();
}

}  // namespace

absl::StatusOr<AuditEntry> SealAuditEntry(AuditEntry unsealed, const AuditHead& previous) {
  if (previous.hash.size() != kAuditHashBytes) {
    return absl::InvalidArgumentError(absl::StrCat("audit entry: the previous head's hash has ",
                                                   previous.hash.size(), " bytes, not 32"));
  }
  if (previous.seq == std::numeric_limits<uint64_t>::max()) {
    return absl::OutOfRangeError("audit entry: the log has used every seq");
  }
  const uint64_t seq = previous.seq + 1;
  if (unsealed.seq() != 0 && unsealed.seq() != seq) {
    return absl::InvalidArgumentError(absl::StrCat("audit entry: seq ", unsealed.seq(),
                                                   " does not follow the head, ", previous.seq));
  }
  RETURN_IF_ERROR(CheckContent(unsealed));
  unsealed.set_seq(seq);
  unsealed.set_prev_hash(previous.hash);
  unsealed.clear_hash();
  ASSIGN_OR_RETURN(std::string hash, AuditHash(unsealed));
  unsealed.set_hash(std::move(hash));
  return unsealed;
}

AuditHead AuditHeadOf(const AuditEntry& entry) { return AuditHead{entry.seq(), entry.hash()}; }

}  // namespace rasoat::audit
