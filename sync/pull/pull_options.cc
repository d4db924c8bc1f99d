#include "sync/pull/pull_options.h"

namespace rasoat {

absl::Status PullOptions::Validate() const {
  if (default_page_households == 0 || default_page_households > max_page_households) {
    return absl::InvalidArgumentError(
        "default_page_households: must be between 1 and max_page_households");
  }
  if (max_page_bytes < 4096) return absl::InvalidArgumentError("max_page_bytes: at least 4096");
  if (max_pull_scopes == 0) return absl::InvalidArgumentError("max_pull_scopes: at least 1");
  return absl::OkStatus();
}

}  // namespace rasoat
