// JournalEntry: what a simulated tablet remembers of one mutation it made, for the consistency
// check (consistency_check.h) to hold the server to: which household, the base it was edited
// from, the record it carried, the fields it changed and the elements it added, and what the
// server answered.
//
// Thread-safety: plain values; a tablet's journal is read and written by its own thread, and
// read by the check once the tablet is at rest.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "rasoat/v1/household.pb.h"
#include "rasoat/v1/sync.pb.h"

namespace rasoat::tablet {

struct JournalEntry {
  std::string device_id;
  std::string mutation_id;
  std::string household_id;
  // The version the tablet edited from; 0 for a household it registered.
  uint64_t base_version = 0;
  // The whole record the mutation carried (the same on every retry).
  v1::Household record;
  // Field paths ("housing.floor_area_m2") whose value in `record` differs from the base's: the
  // edits that changed something. Edits that set a field to the value it had are not listed.
  std::vector<std::string> changed_paths;
  // Element paths ("members[m-tab-001-k3f9a2-e4]") of the elements it added.
  std::vector<std::string> added_elements;

  // Set once the server answered.
  bool acknowledged = false;
  // APPLIED, MERGED, CONFLICT or REJECTED; for a DUPLICATE answer, the original outcome.
  v1::MutationOutcome outcome = v1::MUTATION_OUTCOME_UNSPECIFIED;
  // The version the mutation made (0 if rejected).
  uint64_t version = 0;
  // The rejection's message, if rejected.
  std::string rejection;
};

// Fills changed_paths and added_elements of `entry` from the paths a collaborator edited
// (HouseholdGenerator::Edit's answers, each once), comparing entry.record with `base_record`,
// the record at the base version (empty for a new household).
void ListEdits(const std::vector<std::string>& edited_paths, const v1::Household& base_record,
               JournalEntry* entry);

}  // namespace rasoat::tablet
