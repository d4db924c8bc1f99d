// A province on one rasoatd: 800,000 households loaded through Push by 32 tablets, then the
// initial pull of its largest commune (20,000 households) against the no-op stream, a kill -9
// and the time until the restarted rasoatd serves again, the data directory's size, and
// rasoatd's peak memory against its default budget, before and after the restart.
// Thread-safety: runs on one thread; its load starts its own.
#pragma once

#include "absl/status/status.h"
#include "tests/bench/bench_config.h"

namespace rasoat::bench {

// Prints the province figures and adds their targets to `targets`.
absl::Status RunProvinceSection(const BenchConfig& config, TargetFigures& targets);

}  // namespace rasoat::bench
