// PublisherOptions: how the publisher (publisher.h) reads the outbox, backs off while the
// program store is down, and how many calls may wait for its backlog to empty.
//
// Thread-safety: a plain value; immutable once the publisher starts.
#pragma once

#include <chrono>
#include <cstddef>

#include "absl/status/status.h"

namespace rasoat {

struct PublisherOptions {
  // Entries read from the outbox at a time. Trade-off: a larger batch reads the outbox less
  // often; the entries of one batch are delivered one by one either way.
  // Default: 64. At least 1 (0 would deliver nothing).
  size_t batch = 64;

  // Wait after the first failed delivery, doubled after each further failure up to
  // max_backoff; a success resets it.
  // Default: 50 ms and 10 s. Both positive, initial_backoff <= max_backoff.
  std::chrono::milliseconds initial_backoff{50};
  std::chrono::milliseconds max_backoff{10'000};

  // Most calls that may wait for the backlog to empty at once (Publisher::WhenDrained); one
  // more is refused with RESOURCE_EXHAUSTED. A waiting call holds no thread, only its callback.
  // Default: 256. At least 1.
  size_t max_drain_waiters = 256;

  // OK, or INVALID_ARGUMENT naming the first bad option.
  absl::Status Validate() const;
};

}  // namespace rasoat
