#include "sync/review/procedure_batch.h"

#include <memory>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "sync/base/status_macros.h"
#include "sync/store/committer.h"
#include "sync/store/keys.h"
#include "sync/store/store.h"

namespace rasoat {

audit::AuditEvent StepEvent(audit::Action action, std::string_view login,
                            const std::string& round_id, std::string subject,
                            const google::protobuf::MessageLite& request) {
  audit::AuditEvent event;
  event.action = action;
  event.login = std::string(login);
  event.round_id = round_id;
  event.subject = std::move(subject);
  event.digest = audit::Sha256(request.SerializeAsString());
  return event;
}

ProcedureBatch::ProcedureBatch(const Store* store, Committer* committer)
    : store_(store), committer_(committer) {}

absl::Status ProcedureBatch::Take(const std::string& round_id, std::span<const StepTarget> targets,
                                  const audit::AuditEvent& event, int64_t now_micros, Check check,
                                  Change change) {
  HouseholdLocks& locks = committer_->locks();
  std::vector<std::string> households;
  households.reserve(targets.size());
  for (const StepTarget& target : targets) {
    households.push_back(HouseholdKeyOf(round_id, target.household_id));
  }
  const HouseholdLocks::Held held = locks.Lock(std::move(households));

  std::vector<store::HouseholdHead> heads(targets.size());
  std::vector<std::string> refused;
  for (size_t i = 0; i < targets.size(); ++i) {
    const StepTarget& target = targets[i];
    absl::StatusOr<store::HouseholdHead> head = store_->ReadHead(round_id, target.household_id);
    if (absl::IsNotFound(head.status())) {
      return absl::NotFoundError(
          absl::StrCat("household ", target.household_id, " does not exist in round ", round_id));
    }
    if (!head.ok()) return head.status();
    if (head->current_version() != target.version) {
      refused.push_back(absl::StrCat(target.household_id, " is at version ",
                                     head->current_version(), ", not ", target.version));
    } else if (std::string why = check(target, *head); !why.empty()) {
      refused.push_back(absl::StrCat(target.household_id, " ", why));
    }
    heads[i] = *std::move(head);
  }
  if (!refused.empty()) {
    return absl::FailedPreconditionError(
        absl::StrCat(refused.size(), " of ", targets.size(),
                     " households cannot take this step; nothing was recorded (reload them and "
                     "try again without them): ",
                     absl::StrJoin(refused, "; ")));
  }

  CommitBatch batch(*store_);
  // FileChange keeps pointers until the commit.
  std::vector<std::unique_ptr<store::OutboxEntry>> publishes;
  std::vector<audit::HouseholdChange> changes;
  changes.reserve(targets.size());
  for (size_t i = 0; i < targets.size(); ++i) {
    const ChangeLocation old = ChangeLocationOf(heads[i]);
    auto publish = std::make_unique<store::OutboxEntry>();
    ASSIGN_OR_RETURN(const audit::Action action, change(i, &heads[i], publish.get()));
    batch.FileChange(round_id, targets[i].household_id, old, &heads[i],
                     publish->has_household() ? publish.get() : nullptr);
    publishes.push_back(std::move(publish));
    audit::HouseholdChange& audited = changes.emplace_back();
    audited.set_round_id(round_id);
    audited.set_household_id(targets[i].household_id);
    audited.set_action(action);
    audited.set_version(targets[i].version);
  }
  batch.AddAuditEntry(audit::EncodeUnsealed(event, std::move(changes), now_micros));
  return committer_->Commit(held, &batch);
}

}  // namespace rasoat
