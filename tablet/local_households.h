// LocalHouseholds is a simulated tablet's own database: its copy of the village's households
// as the server last told it, the edits made on top of them that the server has not yet
// acknowledged, and the pull cursor; saved to and loaded from one state file.
//
// Per household it keeps `server`, the newest state the tablet has seen (from a pull page, or
// from a push result when that is newer), apart from `draft`, the record with local edits. So a
// pull never overwrites unsent edits, and an edit never pretends to be the server's. A draft is
// frozen when a push carries it: from then on it is resent unchanged until the server answers,
// and it is not edited.
//
// Thread-safety: none; the owning tablet's thread only.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "rasoat/v1/sync.pb.h"
#include "tablet/tablet_state.pb.h"

namespace rasoat::tablet {

// Local edits of one household, not yet acknowledged.
struct HouseholdDraft {
  // The server version they were made on (0: a household registered on this tablet), and its
  // record (empty for a new household).
  uint64_t base_version = 0;
  v1::Household base_record;
  // The record with the edits.
  v1::Household record;
  // The paths edited, each once, in the order first edited.
  std::vector<std::string> edited_paths;
  // Set when a push carries the draft; it then stays as it is until the server answers.
  std::string mutation_id;

  bool frozen() const { return !mutation_id.empty(); }
};

// One household of the tablet's village.
struct LocalHousehold {
  // Newest state seen from the server; version 0 while it has never been on the server.
  v1::HouseholdState server;
  std::optional<HouseholdDraft> draft;
  // A pull removed it from the village while it had a draft: it goes once the draft is
  // acknowledged.
  bool left = false;
};

class LocalHouseholds {
 public:
  using Draft = HouseholdDraft;
  using Household = LocalHousehold;

  std::map<std::string, Household>& households() { return households_; }
  const std::map<std::string, Household>& households() const { return households_; }

  const std::string& cursor() const { return cursor_; }
  void set_cursor(std::string cursor) { cursor_ = std::move(cursor); }

  // Takes a state from a pull page: it becomes the household's server state unless that is at a
  // newer version already (a push result that overtook the page). The same version replaces it:
  // a review decision changes the status without a new version, and a pulled state is exact.
  void ApplyPulled(const v1::HouseholdState& state);

  // Takes a removal from a pull page: the household left the tablet's village, and its copy
  // goes. One with a draft stays until the server has answered the draft (ApplyResult), so no
  // edit is lost; a pull that sends it again keeps it.
  void ApplyRemoval(const std::string& household_id);

  // Takes the server's answer to the frozen draft of `household_id`: the draft goes, and the
  // server state becomes the version the mutation made (APPLIED: the record sent; MERGED,
  // CONFLICT: merged_record; DUPLICATE: as its original outcome) unless a pull already brought
  // that version or a newer one. A rejected new household, and one a pull removed meanwhile,
  // are forgotten. Open conflicts are the
  // known ones plus those this push opened; the next pull brings the exact list.
  // REQUIRES: the household has a frozen draft.
  void ApplyResult(const std::string& household_id, const v1::MutationResult& result);

  // Forgets the cursor and what the server said of every household: a full resync follows.
  // Households with local edits keep them (a new household stays new; edits of a known one
  // keep their base version); the others go.
  void ForgetServer();

  // Writes the cursor and every household's server state to `path` (via a temporary file and
  // a rename, so a reader sees the old file or the new one). `header` gives the tablet's
  // identity fields. INTERNAL if the file cannot be written.
  absl::Status Save(const std::string& path, const TabletState& header) const;

  // Reads a state file written by Save and takes its cursor and households; returns the file's
  // header (identity fields, session). NOT_FOUND if there is no file; DATA_LOSS if it does not
  // parse.
  absl::StatusOr<TabletState> Load(const std::string& path);

 private:
  std::map<std::string, Household> households_;
  std::string cursor_;
};

}  // namespace rasoat::tablet
