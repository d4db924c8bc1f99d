// What a household's recognition in the round before its round was (DESIGN.md "Review,
// procedure, classification": outcomes come from the previous round's recognised class of the
// same household_id): read from that round's head, for the outcome of a recognition, of a
// posting list's entry and of a report.
//
// Thread-safety: a function of the store's state; any number of threads at once.
#pragma once

#include <optional>
#include <string>

#include "absl/status/statusor.h"
#include "sync/rules/household_outcome.h"
#include "sync/rules/rounds.h"

namespace rasoat {

class Store;

// The recognition of `household_id` in the round before `round_id` (Rounds::PreviousOf), or
// nullopt when the round has none, the household is not in it or was not recognised there.
// UNAVAILABLE, INTERNAL or DATA_LOSS if the store cannot be read.
absl::StatusOr<std::optional<rules::PreviousRecognition>> PreviousRecognitionOf(
    const Store& store, const rules::Rounds& rounds, const std::string& round_id,
    const std::string& household_id);

}  // namespace rasoat
