// What the tablets' calls did, counted as they pass through SyncService, as Prometheus
// counters: pushed mutations by outcome (rasoat_push_mutations_total{outcome}), merges and
// conflicts among them, and the pages, households and bytes pulls sent. Counting is an atomic
// add per figure, with no lock: it runs on the push and pull paths.
//
// Thread-safety: thread-safe; the registry must outlive it.
#pragma once

#include <array>
#include <cstddef>

#include "rasoat/v1/sync.pb.h"
#include <prometheus/counter.h>
#include <prometheus/registry.h>

namespace rasoat {

class SyncMetrics {
 public:
  // Registers the counters in `registry`.
  explicit SyncMetrics(prometheus::Registry* registry);

  // A push answered with `response`: each mutation's outcome.
  void Pushed(const v1::PushResponse& response);
  // A pull page of `households` households and `bytes` bytes on the wire, about to be sent.
  void PulledPage(size_t households, size_t bytes);

 private:
  // By v1::MutationOutcome, 0 (unspecified) to 5 (rejected).
  std::array<prometheus::Counter*, 6> outcomes_{};
  prometheus::Counter* merges_;
  prometheus::Counter* conflicts_;
  prometheus::Counter* pull_pages_;
  prometheus::Counter* pull_households_;
  prometheus::Counter* pull_bytes_;
};

}  // namespace rasoat
