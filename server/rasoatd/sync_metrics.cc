#include "server/rasoatd/sync_metrics.h"

namespace rasoat {
namespace {

prometheus::Counter* NewCounter(prometheus::Registry* registry, const char* name,
                                const char* help) {
  return &prometheus::BuildCounter().Name(name).Help(help).Register(*registry).Add({});
}

}  // namespace

SyncMetrics::SyncMetrics(prometheus::Registry* registry) {
  auto& outcomes = prometheus::BuildCounter()
                       .Name("rasoat_push_mutations_total")
                       .Help("Mutations pushed by tablets, by what became of them.")
                       .Register(*registry);
  static constexpr const char* kOutcomes[] = {"unspecified", "applied",   "merged",
                                              "conflict",    "duplicate", "rejected"};
  for (size_t i = 0; i < outcomes_.size(); ++i) {
    outcomes_[i] = &outcomes.Add({{"outcome", kOutcomes[i]}});
  }
  merges_ = NewCounter(registry, "rasoat_merges_total",
                       "Stale pushes merged cleanly into a newer version.");
  conflicts_ = NewCounter(registry, "rasoat_conflicts_total",
                          "Stale pushes that left a conflict for a reviewer.");
  pull_pages_ = NewCounter(registry, "rasoat_pull_pages_total", "Pages sent by pulls.");
  pull_households_ =
      NewCounter(registry, "rasoat_pull_households_total", "Households sent by pulls.");
  pull_bytes_ = NewCounter(registry, "rasoat_pull_bytes_total", "Bytes of the pages pulls sent.");
}

void SyncMetrics::Pushed(const v1::PushResponse& response) {
  std::array<int, 6> counts{};
  for (const v1::MutationResult& result : response.results()) {
    const int outcome = result.outcome();
    ++counts[outcome >= 0 && outcome < static_cast<int>(counts.size()) ? outcome : 0];
  }
  for (size_t i = 0; i < counts.size(); ++i) {
    if (counts[i] > 0) outcomes_[i]->Increment(counts[i]);
  }
  if (counts[v1::MUTATION_OUTCOME_MERGED] > 0)
    merges_->Increment(counts[v1::MUTATION_OUTCOME_MERGED]);
  if (counts[v1::MUTATION_OUTCOME_CONFLICT] > 0) {
    conflicts_->Increment(counts[v1::MUTATION_OUTCOME_CONFLICT]);
  }
}

void SyncMetrics::PulledPage(size_t households, size_t bytes) {
  pull_pages_->Increment();
  if (households > 0) pull_households_->Increment(static_cast<double>(households));
  pull_bytes_->Increment(static_cast<double>(bytes));
}

}  // namespace rasoat
