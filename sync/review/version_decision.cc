#include "sync/review/version_decision.h"

#include <string>

#include "absl/strings/str_cat.h"
#include "sync/base/status_macros.h"
#include "sync/store/committer.h"
#include "sync/store/store.h"

namespace rasoat {
namespace {

// What a reviewer can do about a status that does not allow the decision.
std::string WhyNot(v1::ReviewStatus status) {
  switch (status) {
    case v1::REVIEW_STATUS_NEEDS_CORRECTION:
      return "validation found problems: return it for correction";
    case v1::REVIEW_STATUS_CONFLICT:
      return "it has open conflicts: resolve them first";
    case v1::REVIEW_STATUS_RETURNED:
      return "it was returned and awaits the collaborator's correction";
    case v1::REVIEW_STATUS_APPROVED:
      return "it is already approved";
    default:
      return "it is not ready for review";
  }
}

}  // namespace

VersionDecision::VersionDecision(const Store* store, Committer* committer)
    : store_(store), committer_(committer) {}

absl::StatusOr<store::HouseholdHead> VersionDecision::Decide(const v1::HouseholdKey& key,
                                                             uint64_t version, const char* action,
                                                             Allowed allowed, Change change) {
  const HouseholdLocks::Held held =
      committer_->locks().LockHousehold(key.round_id(), key.household_id());
  ASSIGN_OR_RETURN(store::HouseholdHead head, store_->ReadHead(key.round_id(), key.household_id()));
  if (head.current_version() != version) {
    return absl::FailedPreconditionError(absl::StrCat(
        "version: household ", key.household_id(), " is at version ", head.current_version(),
        ", not ", version, "; it changed since you looked: reload it before you ", action));
  }
  if (allowed != nullptr && !allowed(head.status())) {
    return absl::FailedPreconditionError(
        absl::StrCat("household ", key.household_id(), " is ", v1::ReviewStatus_Name(head.status()),
                     ": cannot ", action, " (", WhyNot(head.status()), ")"));
  }
  const ChangeLocation old = ChangeLocationOf(head);
  CommitBatch batch(*store_);
  store::OutboxEntry publish;
  RETURN_IF_ERROR(change(&head, &batch, &publish));
  batch.FileChange(key.round_id(), key.household_id(), old, &head,
                   publish.has_household() ? &publish : nullptr);
  RETURN_IF_ERROR(committer_->Commit(held, &batch));
  return head;
}

}  // namespace rasoat
