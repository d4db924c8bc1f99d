// SimulatedTablet going online: freezing queued edits into a batch, pushing it (perhaps cut off,
// then resent unchanged), taking the results into the journal and the local copy, and pulling
// the village from the cursor.
#include <thread>

#include <grpcpp/client_context.h>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "tablet/cut_off_push.h"
#include "tablet/grpc_status.h"
#include "tablet/simulated_tablet.h"

namespace rasoat::tablet {

void SimulatedTablet::FreezeBatch() {
  in_flight_.Clear();
  in_flight_sends_ = 0;
  in_flight_.set_device_id(options_.device_id);
  for (auto& [id, household] : local_.households()) {
    if (in_flight_.mutations_size() >= options_.batch) break;
    if (!household.draft.has_value() || household.draft->frozen()) continue;
    LocalHouseholds::Draft& draft = *household.draft;
    draft.mutation_id = absl::StrCat(id_prefix_, "-", ++mutations_made_);
    v1::Mutation* mutation = in_flight_.add_mutations();
    mutation->mutable_key()->set_round_id(options_.round_id);
    mutation->mutable_key()->set_household_id(id);
    mutation->set_mutation_id(draft.mutation_id);
    mutation->set_base_version(draft.base_version);
    *mutation->mutable_record() = draft.record;

    JournalEntry entry;
    entry.device_id = options_.device_id;
    entry.mutation_id = draft.mutation_id;
    entry.household_id = id;
    entry.base_version = draft.base_version;
    entry.record = draft.record;
    ListEdits(draft.edited_paths, draft.base_record, &entry);
    stats_.edits += entry.changed_paths.size() + entry.added_elements.size() +
                    (household.server.version() == 0 ? 1 : 0);
    ++stats_.mutations;
    journal_index_[entry.mutation_id] = journal_.size();
    journal_.push_back(std::move(entry));
  }
}

bool SimulatedTablet::PushInFlight(bool may_go_offline) {
  // Cut off: cancelled after a random short delay, or at once.
  std::optional<std::chrono::milliseconds> cut;
  if (may_go_offline && Chance(options_.offline)) {
    cut =
        Chance(0.25)
            ? std::chrono::milliseconds(0)
            : std::chrono::milliseconds(generator_->rng()() % (options_.max_cut_delay.count() + 1));
  }
  ++stats_.pushes;
  if (in_flight_sends_++ > 0) ++stats_.retries;

  v1::PushResponse response;
  const PushCall call =
      PushWithCutOff(stub_.get(), in_flight_, options_.rpc_deadline, cut, &response);
  if (!call.status.ok()) {
    if (call.cut_off && call.status.error_code() == grpc::StatusCode::CANCELLED) {
      ++stats_.cancelled_pushes;
    } else {
      ++stats_.failed_rpcs;
      last_error_ = absl::StrCat("push: ", FromGrpc(call.status).ToString());
    }
    return false;
  }
  if (response.results_size() != in_flight_.mutations_size()) {
    ++stats_.failed_rpcs;
    last_error_ = absl::StrCat("push: ", response.results_size(), " results for ",
                               in_flight_.mutations_size(), " mutations");
    return false;
  }
  for (int i = 0; i < response.results_size(); ++i) {
    ApplyResult(in_flight_.mutations(i), response.results(i));
  }
  in_flight_.Clear();
  in_flight_sends_ = 0;
  return true;
}

void SimulatedTablet::ApplyResult(const v1::Mutation& mutation, const v1::MutationResult& result) {
  JournalEntry& entry = journal_[journal_index_.at(mutation.mutation_id())];
  v1::MutationOutcome outcome = result.outcome();
  if (outcome == v1::MUTATION_OUTCOME_DUPLICATE) {
    ++stats_.duplicates;
    outcome = result.original_outcome();
  }
  entry.acknowledged = true;
  entry.outcome = outcome;
  entry.version = result.version();
  if (result.mutation_id() != mutation.mutation_id() ||
      result.key().household_id() != mutation.key().household_id()) {
    // Not this mutation's answer: the check reports it; the edits are not taken as applied.
    entry.outcome = v1::MUTATION_OUTCOME_UNSPECIFIED;
    entry.rejection = absl::StrCat("the server answered for mutation ", result.mutation_id(),
                                   " of household ", result.key().household_id());
    ++stats_.rejected;
    last_error_ = absl::StrCat("mutation ", mutation.mutation_id(), ": ", entry.rejection);
    v1::MutationResult unusable;
    unusable.set_outcome(v1::MUTATION_OUTCOME_REJECTED);
    local_.ApplyResult(mutation.key().household_id(), unusable);
    return;
  }
  switch (outcome) {
    case v1::MUTATION_OUTCOME_APPLIED:
      ++stats_.applied;
      break;
    case v1::MUTATION_OUTCOME_MERGED:
      ++stats_.merged;
      break;
    case v1::MUTATION_OUTCOME_CONFLICT:
      ++stats_.conflicts;
      break;
    default:
      ++stats_.rejected;
      if (entry.rejection.empty()) entry.rejection = result.rejection().message();
      last_error_ = absl::StrCat("mutation ", mutation.mutation_id(), " ",
                                 v1::MutationOutcome_Name(outcome), ": ", entry.rejection);
  }
  local_.ApplyResult(mutation.key().household_id(), result);
}

bool SimulatedTablet::Sync(bool may_go_offline) {
  while (true) {
    if (in_flight_.mutations_size() == 0) FreezeBatch();
    if (in_flight_.mutations_size() == 0) break;
    if (!PushInFlight(may_go_offline)) return false;
  }
  return Pull().ok();
}

absl::Status SimulatedTablet::PushAll(int attempts) {
  int failures = 0;
  while (true) {
    if (in_flight_.mutations_size() == 0) FreezeBatch();
    if (in_flight_.mutations_size() == 0) return absl::OkStatus();
    if (PushInFlight(false)) {
      failures = 0;
      continue;
    }
    if (++failures >= attempts) {
      return absl::UnavailableError(
          absl::StrCat(options_.device_id, ": ", failures, " failed pushes: ", last_error_));
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(100) * failures);
  }
}

absl::StatusOr<int> SimulatedTablet::Pull() {
  absl::StatusOr<int> pulled = PullOnce();
  if (absl::IsInvalidArgument(pulled.status()) && !local_.cursor().empty() &&
      absl::StrContains(pulled.status().message(), "cursor")) {
    last_error_ = absl::StrCat("pull: cursor refused, pulling the village again: ",
                               pulled.status().ToString());
    local_.ForgetServer();
    pulled = PullOnce();
  }
  if (pulled.ok() && std::chrono::steady_clock::now() - last_save_ >= options_.checkpoint_every) {
    if (absl::Status saved = SaveState(); !saved.ok()) return saved;
  }
  return pulled;
}

absl::StatusOr<int> SimulatedTablet::PullOnce() {
  grpc::ClientContext context;
  context.set_deadline(std::chrono::system_clock::now() + options_.rpc_deadline);
  v1::PullRequest request;
  request.set_round_id(options_.round_id);
  v1::Scope* scope = request.add_scopes();
  scope->set_commune_code(options_.commune_code);
  scope->set_village_code(options_.village_code);
  request.set_cursor(local_.cursor());
  std::unique_ptr<grpc::ClientReader<v1::PullResponse>> reader = stub_->Pull(&context, request);
  v1::PullResponse page;
  int received = 0;
  while (reader->Read(&page)) {
    // Page by page: a pull that breaks resumes after the last page applied.
    for (const v1::HouseholdState& state : page.households()) local_.ApplyPulled(state);
    received += page.households_size();
    local_.set_cursor(page.cursor());
  }
  const grpc::Status status = reader->Finish();
  if (!status.ok()) {
    ++stats_.failed_rpcs;
    last_error_ = absl::StrCat("pull: ", FromGrpc(status).ToString());
    return FromGrpc(status);
  }
  ++stats_.pulls;
  stats_.pulled_households += received;
  return received;
}

}  // namespace rasoat::tablet
