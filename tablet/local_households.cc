#include "tablet/local_households.h"

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <sstream>

#include "absl/strings/str_cat.h"

namespace rasoat::tablet {

void LocalHouseholds::ApplyPulled(const v1::HouseholdState& state) {
  Household& household = households_[state.key().household_id()];
  household.left = false;
  if (household.server.version() > state.version()) return;
  household.server = state;
}

void LocalHouseholds::ApplyRemoval(const std::string& household_id) {
  auto it = households_.find(household_id);
  if (it == households_.end()) return;
  if (it->second.draft.has_value()) {
    it->second.left = true;
  } else {
    households_.erase(it);
  }
}

void LocalHouseholds::ApplyResult(const std::string& household_id,
                                  const v1::MutationResult& result) {
  auto it = households_.find(household_id);
  if (it == households_.end() || !it->second.draft.has_value()) return;
  Household& household = it->second;
  Draft draft = std::move(*household.draft);
  household.draft.reset();
  if (household.left) {  // the edit is on the server; the household is no longer the village's
    households_.erase(it);
    return;
  }
  const v1::MutationOutcome outcome = result.outcome() == v1::MUTATION_OUTCOME_DUPLICATE
                                          ? result.original_outcome()
                                          : result.outcome();
  if (outcome == v1::MUTATION_OUTCOME_REJECTED || result.version() == 0) {
    if (household.server.version() == 0) households_.erase(it);
    return;
  }
  if (household.server.version() >= result.version()) return;  // a pull brought it already

  v1::HouseholdState& server = household.server;
  *server.mutable_key() = result.key();
  server.set_version(result.version());
  server.set_status(result.status());
  server.clear_reviewer_comment();  // a new version starts without one
  if (outcome == v1::MUTATION_OUTCOME_APPLIED) {
    *server.mutable_record() = std::move(draft.record);  // the head's conflicts stay as they were
  } else {
    *server.mutable_record() = result.merged_record();
    for (const v1::FieldConflict& conflict : result.conflicts()) *server.add_conflicts() = conflict;
  }
}

void LocalHouseholds::ForgetServer() {
  cursor_.clear();
  for (auto it = households_.begin(); it != households_.end();) {
    if (!it->second.draft.has_value()) {
      it = households_.erase(it);
      continue;
    }
    v1::HouseholdState& server = it->second.server;
    const v1::HouseholdKey key = server.key();
    server.Clear();
    *server.mutable_key() = key;
    ++it;
  }
}

absl::Status LocalHouseholds::Save(const std::string& path, const TabletState& header) const {
  TabletState state = header;
  state.set_cursor(cursor_);
  for (const auto& [id, household] : households_) {
    if (household.server.version() > 0) *state.add_households() = household.server;
  }
  const std::string temporary = absl::StrCat(path, ".tmp");
  {
    std::ofstream out(temporary, std::ios::binary | std::ios::trunc);
    if (!out || !state.SerializeToOstream(&out) || !out.flush()) {
      return absl::InternalError(absl::StrCat("cannot write ", temporary));
    }
  }
  if (std::rename(temporary.c_str(), path.c_str()) != 0) {
    return absl::InternalError(
        absl::StrCat("cannot rename ", temporary, " to ", path, ": ", std::strerror(errno)));
  }
  return absl::OkStatus();
}

absl::StatusOr<TabletState> LocalHouseholds::Load(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return absl::NotFoundError(absl::StrCat("no state file ", path));
  TabletState state;
  if (!state.ParseFromIstream(&in)) {
    return absl::DataLossError(absl::StrCat(path, ": not a tablet state file"));
  }
  ForgetServer();
  cursor_ = state.cursor();
  for (const v1::HouseholdState& household : state.households()) ApplyPulled(household);
  state.clear_households();
  state.clear_cursor();
  return state;
}

}  // namespace rasoat::tablet
