// The pull table and the memory figures, on one rasoatd that grows from a commune to a province,
// against the no-op server streaming the very pages rasoatd sent.
// Thread-safety: runs on one thread; its loads start their own.
#pragma once

#include "absl/status/status.h"
#include "tests/bench/bench_config.h"

namespace rasoat::bench {

// Prints the pull table and rasoatd's memory and disk use; fills the pull and memory figures of
// `targets`.
absl::Status RunPullAndMemorySection(const BenchConfig& config, TargetFigures& targets);

}  // namespace rasoat::bench
