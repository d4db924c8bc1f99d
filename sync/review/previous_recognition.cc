#include "sync/review/previous_recognition.h"

#include "sync/store/store.h"

namespace rasoat {

absl::StatusOr<std::optional<rules::PreviousRecognition>> PreviousRecognitionOf(
    const Store& store, const rules::Rounds& rounds, const std::string& round_id,
    const std::string& household_id) {
  std::optional<rules::PreviousRecognition> previous;
  const std::string& before = rounds.PreviousOf(round_id);
  if (before.empty()) return previous;
  absl::StatusOr<store::HouseholdHead> head = store.ReadHead(before, household_id);
  if (absl::IsNotFound(head.status())) return previous;
  if (!head.ok()) return head.status();
  const store::Recognition& recognition = head->recognition();
  if (recognition.version() == 0) return previous;
  previous.emplace();
  previous->poverty_class = recognition.poverty_class();
  if (recognition.has_escaped_on()) previous->escaped_on = recognition.escaped_on();
  return previous;
}

}  // namespace rasoat
