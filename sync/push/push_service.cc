#include "sync/push/push_service.h"

#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "sync/base/limits.h"
#include "sync/base/text.h"
#include "sync/push/mutation_check.h"
#include "sync/push/mutation_rejection.h"
#include "sync/push/push_applier.h"
#include "sync/store/committer.h"
#include "sync/store/keys.h"

namespace rasoat {

PushService::PushService(const Store* store, Committer* committer, const rules::Rounds* rounds,
                         PushOptions options)
    : store_(store), committer_(committer), rounds_(rounds), options_(options) {}

absl::Status PushService::Push(const identity::Principal& caller, const v1::PushRequest& request,
                               v1::PushResponse* response) {
  if (!caller.device_id.empty() && caller.device_id != request.device_id()) {
    return absl::PermissionDeniedError(
        "device_id: this token belongs to another tablet; a tablet pushes only as itself");
  }
  // A collaborator pushes from a tablet enrolled to them, with its token: a login session or a
  // program's token could otherwise push as any tablet and use up its mutation ids.
  if (caller.role == v1::ROLE_COLLABORATOR && caller.device_id.empty()) {
    return absl::PermissionDeniedError(
        "a collaborator pushes from an enrolled tablet, with the tablet's token");
  }
  if (request.device_id().empty() || request.device_id().size() > kMaxIdBytes) {
    return absl::InvalidArgumentError(
        absl::StrCat("device_id: required, at most ", kMaxIdBytes, " bytes"));
  }
  if (absl::Status text = CheckText(request.device_id(), TextKind::kId); !text.ok()) {
    return absl::InvalidArgumentError(absl::StrCat("device_id: ", std::string(text.message())));
  }
  const int count = request.mutations_size();
  if (static_cast<size_t>(count) > options_.max_batch_mutations) {
    return absl::InvalidArgumentError(
        absl::StrCat("mutations: ", count, " in one push; the limit is ",
                     options_.max_batch_mutations, ", split the batch"));
  }

  // Check: a rejected mutation gets its result now and is not applied.
  response->Clear();
  response->mutable_results()->Reserve(count);
  HouseholdLocks& locks = committer_->locks();
  std::vector<int> accepted;
  std::vector<std::string> households;  // their households-family keys, to lock
  accepted.reserve(count);
  households.reserve(count);
  for (int i = 0; i < count; ++i) {
    const v1::Mutation& mutation = request.mutations(i);
    v1::MutationResult* result = response->add_results();
    if (std::optional<v1::Rejection> rejection = CheckMutation(mutation, i, *rounds_, options_)) {
      *result = RejectedResult(mutation, *std::move(rejection));
      continue;
    }
    accepted.push_back(i);
    households.push_back(HouseholdKeyOf(mutation.key().round_id(), mutation.key().household_id()));
  }
  if (accepted.empty()) return absl::OkStatus();

  // Lock, apply, commit.
  const HouseholdLocks::Held held = locks.Lock(std::move(households));
  PushApplier applier(store_, rounds_, options_, &caller, request.device_id(),
                      absl::ToUnixMicros(absl::Now()));
  if (absl::Status read = applier.Prefetch(request, accepted); !read.ok()) {
    response->Clear();
    return read;
  }
  for (int i : accepted) {
    absl::StatusOr<v1::MutationResult> result = applier.Apply(request.mutations(i), i);
    if (!result.ok()) {
      response->Clear();
      return result.status();
    }
    *response->mutable_results(i) = std::move(*result);
  }
  CommitBatch* batch = applier.Finish();
  if (batch->filed_changes() == 0) return absl::OkStatus();  // every mutation was a duplicate
  if (absl::Status committed = committer_->Commit(held, batch); !committed.ok()) {
    response->Clear();
    return committed;
  }
  return absl::OkStatus();
}

}  // namespace rasoat
