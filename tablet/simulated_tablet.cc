#include "tablet/simulated_tablet.h"

#include <algorithm>
#include <filesystem>
#include <random>

#include "absl/strings/str_cat.h"

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

void SimulatedTablet::EditHousehold(LocalHouseholds::Household* household) {
  if (!household->draft.has_value()) {
    LocalHouseholds::Draft& draft = household->draft.emplace();
    draft.base_version = household->server.version();
    draft.base_record = household->server.record();
    draft.record = household->server.record();
  }
  LocalHouseholds::Draft& draft = *household->draft;
  std::string path =
      generator_->Edit(draft.record, absl::StrCat(id_prefix_, "-e", ++elements_made_));
  if (std::find(draft.edited_paths.begin(), draft.edited_paths.end(), path) ==
      draft.edited_paths.end()) {
    draft.edited_paths.push_back(std::move(path));
  }
}

}  // namespace rasoat::tablet
