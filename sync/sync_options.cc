#include "sync/sync_options.h"

#include <algorithm>

#include "absl/strings/str_cat.h"
#include "sync/keys.h"

namespace rasoat {

absl::Status SyncOptions::Validate() const {
  if (data_dir.empty()) return absl::InvalidArgumentError("data_dir: required");
  if (rounds.empty()) return absl::InvalidArgumentError("rounds: at least one round is required");
  for (const std::string& round : rounds) {
    if (round.empty() || round.size() > kMaxIdBytes) {
      return absl::InvalidArgumentError(
          absl::StrCat("rounds: '", round, "' must be 1 to ", kMaxIdBytes, " bytes"));
    }
  }
  for (const auto& [round, standard] : round_standards) {
    if (std::find(rounds.begin(), rounds.end(), round) == rounds.end()) {
      return absl::InvalidArgumentError(
          absl::StrCat("round_standards: round '", round, "' is not one of the rounds"));
    }
    if (standard.empty()) {
      return absl::InvalidArgumentError(
          absl::StrCat("round_standards: round '", round, "' names no standard"));
    }
  }
  if (default_standard.empty()) return absl::InvalidArgumentError("default_standard: required");
  if (max_batch_mutations == 0) {
    return absl::InvalidArgumentError("max_batch_mutations: must be at least 1");
  }
  if (max_record_bytes < 1024) {
    return absl::InvalidArgumentError("max_record_bytes: must be at least 1024");
  }
  if (default_page_households == 0 || default_page_households > max_page_households) {
    return absl::InvalidArgumentError(
        "default_page_households: must be between 1 and max_page_households");
  }
  if (max_page_bytes < 4096) return absl::InvalidArgumentError("max_page_bytes: at least 4096");
  if (max_pull_scopes == 0) return absl::InvalidArgumentError("max_pull_scopes: at least 1");
  return absl::OkStatus();
}

}  // namespace rasoat
