// ProcedureBatch: what every step of the procedure after approval has in common (DESIGN.md
// "Review, procedure, classification"): a village meeting, a posting or a recognition acts on
// many households at once, each at the exact version the commune staff looked at, all or
// nothing. Under the locks of every household named it reads their heads, asks the step whether
// each may take it, and refuses the whole batch — FAILED_PRECONDITION naming every household
// that may not, and why — when one may not; otherwise it lets the step change each head (and
// fill its publish event), files each household's change so tablets see the step, records one
// audit entry with a change per household, and commits the lot as one batch.
//
// Thread-safety: Take may be called from any number of threads at once; steps on one
// household serialize on its lock. Take blocks until the batch is durable.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>

#include <google/protobuf/message_lite.h>

#include "absl/functional/function_ref.h"
#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "sync/audit/audit_event.h"
#include "sync/store/store_records.pb.h"

namespace rasoat {

class Committer;
class Store;

// A household at the exact version a step acts on.
struct StepTarget {
  std::string household_id;
  uint64_t version = 0;
};

// The audit event of a step: `action` taken by `login` in round `round_id` on what `subject`
// names ("village 00001/thon-1"), with the digest of the `request` that asked for it.
audit::AuditEvent StepEvent(audit::Action action, std::string_view login,
                            const std::string& round_id, std::string subject,
                            const google::protobuf::MessageLite& request);

class ProcedureBatch {
 public:
  // Why the household of `head` may not take the step ("is not agreed by its village
  // meeting"), or "" when it may. The version was checked already.
  using Check =
      absl::FunctionRef<std::string(const StepTarget& target, const store::HouseholdHead& head)>;
  // Changes the head of the `index`-th target for the step and may fill `publish` (written to
  // the outbox when it has a household). Returns the audit action of what happened to this
  // household, or an error that fails the batch with nothing written.
  using Change = absl::FunctionRef<absl::StatusOr<audit::Action>(
      size_t index, store::HouseholdHead* head, store::OutboxEntry* publish)>;

  // Neither pointer is owned; both must outlive this.
  ProcedureBatch(const Store* store, Committer* committer);

  // Takes the step `event` (its action, caller, subject and digest; round_id names the round,
  // household_id stays empty) on `targets` (already checked: ids distinct, versions non-zero).
  // NOT_FOUND naming the first household that does not exist; FAILED_PRECONDITION naming each
  // household not at its version or refused by `check`, with nothing written; what `change`
  // returns; UNAVAILABLE, INTERNAL or DATA_LOSS if the store fails (nothing written).
  absl::Status Take(const std::string& round_id, std::span<const StepTarget> targets,
                    const audit::AuditEvent& event, int64_t now_micros, Check check, Change change);

 private:
  const Store* const store_;    // not owned
  Committer* const committer_;  // not owned
};

}  // namespace rasoat
