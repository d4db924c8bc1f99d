#include "tablet/simulated_tablet.h"

#include <algorithm>
#include <filesystem>
#include <random>
#include <thread>

#include <grpcpp/client_context.h>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "tablet/cut_off_push.h"
#include "tablet/grpc_status.h"

namespace rasoat::tablet {
namespace {

constexpr size_t kFewestHouseholds = 3;

// splitmix64: a seed for each (tablet seed, session) that differs in every bit.
uint64_t Mix(uint64_t seed, uint64_t session) {
  uint64_t z = seed + 0x9E3779B97F4A7C15ull * (session + 1);
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
  return z ^ (z >> 31);
}

// Six random letters and digits: a tablet's ids differ from those of its other runs.
std::string RandomTag() {
  constexpr char kAlphabet[] = "abcdefghijklmnopqrstuvwxyz0123456789";
  std::random_device device;
  std::string tag;
  for (int i = 0; i < 6; ++i) tag += kAlphabet[device() % (sizeof kAlphabet - 1)];
  return tag;
}

// Whether `state` was saved by this tablet with this assignment.
bool SameTablet(const TabletState& state, const TabletOptions& options) {
  return state.device_id() == options.device_id && state.round_id() == options.round_id &&
         state.commune_code() == options.commune_code &&
         state.village_code() == options.village_code;
}

// Adds `path` to the draft's edited paths unless it is there.
void NoteEdited(LocalHouseholds::Draft& draft, std::string path) {
  if (std::find(draft.edited_paths.begin(), draft.edited_paths.end(), path) ==
      draft.edited_paths.end()) {
    draft.edited_paths.push_back(std::move(path));
  }
}

}  // namespace

SimulatedTablet::SimulatedTablet(TabletOptions options, std::shared_ptr<grpc::Channel> channel)
    : options_(std::move(options)),
      channel_(std::move(channel)),
      stub_(v1::SyncService::NewStub(channel_)) {}

absl::StatusOr<std::unique_ptr<SimulatedTablet>> SimulatedTablet::Open(
    TabletOptions options, std::shared_ptr<grpc::Channel> channel) {
  if (options.device_id.empty() || options.round_id.empty() || options.commune_code.empty() ||
      options.village_code.empty() || options.state_dir.empty() || options.batch < 1 ||
      options.max_edits < 1 || channel == nullptr) {
    return absl::InvalidArgumentError(
        "tablet options: device_id, round_id, commune_code, village_code, state_dir and a "
        "channel are required; batch and max_edits at least 1");
  }
  std::error_code error;
  std::filesystem::create_directories(options.state_dir, error);
  if (error) {
    return absl::InternalError(
        absl::StrCat("cannot create ", options.state_dir, ": ", error.message()));
  }
  std::unique_ptr<SimulatedTablet> tablet(
      new SimulatedTablet(std::move(options), std::move(channel)));
  absl::StatusOr<TabletState> loaded = tablet->local_.Load(tablet->StatePath());
  if (loaded.ok()) {
    tablet->session_ = loaded->session() + 1;
    // Assigned elsewhere since: that copy and cursor are of no use.
    if (!SameTablet(*loaded, tablet->options_)) tablet->local_.ForgetServer();
  } else if (!absl::IsNotFound(loaded.status())) {
    return loaded.status();
  }
  tablet->generator_.emplace(Mix(tablet->options_.seed, tablet->session_));
  tablet->id_prefix_ = absl::StrCat(tablet->options_.device_id, "-", RandomTag());
  if (absl::Status saved = tablet->SaveState(); !saved.ok()) return saved;
  return tablet;
}

std::string SimulatedTablet::StatePath() const {
  return absl::StrCat(options_.state_dir, "/", options_.device_id, ".state");
}

absl::Status SimulatedTablet::SaveState() {
  TabletState header;
  header.set_device_id(options_.device_id);
  header.set_round_id(options_.round_id);
  header.set_commune_code(options_.commune_code);
  header.set_village_code(options_.village_code);
  header.set_session(session_);
  last_save_ = std::chrono::steady_clock::now();
  return local_.Save(StatePath(), header);
}

bool SimulatedTablet::Chance(double probability) {
  return std::uniform_real_distribution<double>(0, 1)(generator_->rng()) < probability;
}

size_t SimulatedTablet::queued() const {
  size_t queued = 0;
  for (const auto& [id, household] : local_.households()) queued += household.draft.has_value();
  return queued;
}

void SimulatedTablet::EditOffline() {
  auto& households = local_.households();
  const int edits = 1 + static_cast<int>(generator_->rng()() % options_.max_edits);
  for (int i = 0; i < edits; ++i) {
    LocalHouseholds::Household* target = nullptr;
    if (households.size() >= kFewestHouseholds && !Chance(options_.create)) {
      // A few tries for one that no push is carrying.
      for (int attempt = 0; attempt < 4 && target == nullptr; ++attempt) {
        auto it = households.begin();
        std::advance(it, generator_->rng()() % households.size());
        if (!it->second.draft.has_value() || !it->second.draft->frozen()) target = &it->second;
      }
    }
    if (target == nullptr) {
      CreateHousehold();
    } else if (target->server.version() > 0 && !options_.other_villages.empty() &&
               Chance(options_.move)) {
      MoveHousehold(target);
    } else {
      EditHousehold(target);
    }
  }
}

void SimulatedTablet::CreateHousehold() {
  const std::string id = absl::StrCat(id_prefix_, "-h", ++households_made_);
  LocalHouseholds::Household& household = local_.households()[id];
  household.server.mutable_key()->set_round_id(options_.round_id);
  household.server.mutable_key()->set_household_id(id);
  household.draft.emplace();
  household.draft->record = generator_->Make(options_.commune_code, options_.village_code);
}

LocalHouseholds::Draft& SimulatedTablet::DraftOf(LocalHouseholds::Household* household) {
  if (!household->draft.has_value()) {
    LocalHouseholds::Draft& draft = household->draft.emplace();
    draft.base_version = household->server.version();
    draft.base_record = household->server.record();
    draft.record = household->server.record();
  }
  return *household->draft;
}

void SimulatedTablet::EditHousehold(LocalHouseholds::Household* household) {
  LocalHouseholds::Draft& draft = DraftOf(household);
  NoteEdited(draft,
             generator_->Edit(draft.record, absl::StrCat(id_prefix_, "-e", ++elements_made_)));
}

void SimulatedTablet::MoveHousehold(LocalHouseholds::Household* household) {
  LocalHouseholds::Draft& draft = DraftOf(household);
  const std::vector<std::string>& villages = options_.other_villages;
  draft.record.mutable_location()->set_village_code(
      villages[generator_->rng()() % villages.size()]);
  NoteEdited(draft, "location.village_code");
  ++stats_.moves;
}

// Going online: freezing queued edits into a batch, pushing it (perhaps cut off, then resent
// unchanged), taking the results into the journal and the local copy, and pulling the village
// from the cursor.
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
    for (const v1::HouseholdRemoval& removal : page.removals()) {
      local_.ApplyRemoval(removal.key().household_id());
    }
    received += page.households_size();
    stats_.pulled_removals += page.removals_size();
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
