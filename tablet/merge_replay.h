// ReplayMerges predicts what the server must hold for a household whose every version was made
// by a push the tablets journaled: it replays the journaled mutations in version order through
// the three-way merge rules of DESIGN.md ("changed on one side only → that side; changed the
// same on both → it; changed differently → a conflict, the head's value kept"), for every field
// path some mutation changed. The consistency check then holds the server to the prediction:
// each such field's value, the open conflicts (path and the mutation that collided) and each
// mutation's outcome (APPLIED on the head, MERGED or CONFLICT on a stale base).
//
// It reads the journals only, never the server's merge code, so it checks the server rather
// than repeating it. Fields no mutation changed are not predicted.
//
// Thread-safety: a pure function.
#pragma once

#include <map>
#include <optional>
#include <set>
#include <string>
#include <tuple>
#include <vector>

#include "rasoat/v1/review.pb.h"
#include "tablet/mutation_journal.h"

namespace rasoat::tablet {

struct ReplayedHousehold {
  // For each field path some mutation changed: its value after the last version (nullopt:
  // absent), and the mutation that made it so (empty if none did after the record was created).
  std::map<std::string, std::optional<std::string>> values;
  std::map<std::string, const JournalEntry*> last_writers;
  // Open conflicts the merges must have left: (path, incoming device, incoming mutation), one
  // per path, the last mutation that collided there.
  std::set<std::tuple<std::string, std::string, std::string>> conflicts;
  // The outcome each mutation must have had, by mutation (in `entries`).
  std::map<const JournalEntry*, v1::MutationOutcome> outcomes;
};

// The prediction for the household `server` describes (its state and history from
// ReviewService.GetHousehold), from `entries`, every tablet's journal entries of it (not owned;
// they must outlive the result). nullopt if the prediction cannot be made: a version in the
// history was not made by a push in `entries` (a reviewer's resolution, another client's push,
// a run whose journal is gone), or a journal entry has no version in the history.
std::optional<ReplayedHousehold> ReplayMerges(const v1::GetHouseholdResponse& server,
                                              const std::vector<const JournalEntry*>& entries);

}  // namespace rasoat::tablet
