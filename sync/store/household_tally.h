// HouseholdTally: the households the store holds, per round, by review status and by procedure
// step, and their open conflicts: /metrics' rasoat_households and rasoat_open_conflicts. Reads
// and parses every head once, O(households) (about a second for a province), so its caller keeps
// the figures a while rather than tallying at every scrape.
//
// Thread-safety: TallyHouseholds may run on any thread, beside writers: it reads one snapshot.
#pragma once

#include <cstdint>
#include <map>
#include <string>

#include "absl/status/statusor.h"
#include "rasoat/v1/review.pb.h"

namespace rasoat {

class Store;

struct RoundTally {
  std::map<v1::ReviewStatus, uint64_t> by_status;
  std::map<v1::ProcedureStep, uint64_t> by_step;
  uint64_t open_conflicts = 0;  // of all its households together
};

// Round id -> its tally. UNAVAILABLE or INTERNAL if the store cannot be read; DATA_LOSS naming
// the household whose head does not parse.
absl::StatusOr<std::map<std::string, RoundTally>> TallyHouseholds(const Store& store);

}  // namespace rasoat
