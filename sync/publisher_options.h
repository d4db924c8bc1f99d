// PublisherOptions: how the publisher (publisher.h) reads the outbox and backs off while the
// program store is down.
//
// Thread-safety: a plain value.
#pragma once

#include <chrono>
#include <cstddef>

namespace rasoat {

struct PublisherOptions {
  // Entries read from the outbox at a time.
  size_t batch = 64;
  // Wait after the first failed delivery, doubled after each further failure up to
  // max_backoff; a success resets it.
  std::chrono::milliseconds initial_backoff{50};
  std::chrono::milliseconds max_backoff{10'000};
};

}  // namespace rasoat
