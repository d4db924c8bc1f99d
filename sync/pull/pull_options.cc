#include "sync/pull/pull_options.h"

namespace rasoat {
namespace {

constexpr size_t kMaxPageBytesLimit = 3 << 20;

}  // namespace

absl::Status PullOptions::Validate() const {
  if (default_page_households == 0 || default_page_households > max_page_households) {
    return absl::InvalidArgumentError(
        "default_page_households: must be between 1 and max_page_households");
  }
  if (max_page_bytes < 4096 || max_page_bytes > kMaxPageBytesLimit) {
    return absl::InvalidArgumentError(
        "max_page_bytes: at least 4096, at most 3 MiB (a page must stay under a stock gRPC "
        "client's 4 MiB message limit)");
  }
  if (max_pull_scopes == 0) return absl::InvalidArgumentError("max_pull_scopes: at least 1");
  return absl::OkStatus();
}

}  // namespace rasoat
