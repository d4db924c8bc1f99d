// What the requests of the procedure's steps are checked for before anything is read: the
// households named (at least one, each once, each at a version), the days (real calendar
// days) and the text commune staff type (a minutes reference, a decision number, a note).
//
// Thread-safety: pure functions.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include <google/protobuf/repeated_ptr_field.h>

#include "absl/container/flat_hash_set.h"
#include "absl/status/statusor.h"
#include "absl/strings/str_cat.h"
#include "rasoat/v1/household.pb.h"
#include "sync/base/limits.h"
#include "sync/review/procedure_batch.h"

namespace rasoat {

// The households of `entries` (any message with household_id and version) as step targets.
// INVALID_ARGUMENT naming `field` when there are none, and naming the entry when one has no
// household id (or one longer than kMaxIdBytes), a version of 0, or is listed twice.
template <typename Entry>
absl::StatusOr<std::vector<StepTarget>> StepTargetsOf(
    const google::protobuf::RepeatedPtrField<Entry>& entries, const char* field) {
  if (entries.empty()) {
    return absl::InvalidArgumentError(absl::StrCat(field, ": name at least one household"));
  }
  std::vector<StepTarget> targets;
  targets.reserve(static_cast<size_t>(entries.size()));
  absl::flat_hash_set<std::string> seen;
  for (int i = 0; i < entries.size(); ++i) {
    const Entry& entry = entries[i];
    if (entry.household_id().empty() || entry.household_id().size() > kMaxIdBytes ||
        entry.version() == 0) {
      return absl::InvalidArgumentError(
          absl::StrCat(field, "[", i, "]: household_id and the version looked at are required"));
    }
    if (!seen.insert(entry.household_id()).second) {
      return absl::InvalidArgumentError(
          absl::StrCat(field, "[", i, "]: household ", entry.household_id(), " is listed twice"));
    }
    targets.push_back({entry.household_id(), entry.version()});
  }
  return targets;
}

// OK if `date` is a real calendar day; INVALID_ARGUMENT naming `field` otherwise.
absl::Status CheckDay(const v1::Date& date, const char* field);

// OK if `text` is 1 to `max_bytes` bytes of storable free text (CheckText kFreeText) with
// something but blanks in it; INVALID_ARGUMENT naming `field` and what it is for otherwise.
absl::Status CheckStepText(const std::string& text, const char* field, size_t max_bytes);

}  // namespace rasoat
