#include "sync/outbox/publisher_options.h"

namespace rasoat {

absl::Status PublisherOptions::Validate() const {
  if (batch == 0) return absl::InvalidArgumentError("publisher batch: at least 1");
  if (initial_backoff.count() <= 0) {
    return absl::InvalidArgumentError("publisher initial_backoff: must be positive");
  }
  if (max_backoff < initial_backoff) {
    return absl::InvalidArgumentError("publisher max_backoff: must be at least initial_backoff");
  }
  if (max_drain_waiters == 0) {
    return absl::InvalidArgumentError("publisher max_drain_waiters: at least 1");
  }
  return absl::OkStatus();
}

}  // namespace rasoat
