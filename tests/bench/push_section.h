// The push tables: rasoatd against synced RocksDB writes and the no-op gRPC server, for every
// number of tablets and batch size, with new households only or (mixed) with stale bases.
// Thread-safety: runs on one thread; its loads start their own.
#pragma once

#include "absl/status/status.h"
#include "tests/bench/bench_config.h"

namespace rasoat::bench {

// Prints the push table (mixed: with 10 % stale bases), measuring each cell's baselines once
// into `baselines`; fills the push figures of `targets`.
absl::Status RunPushSection(const BenchConfig& config, bool mixed, PushBaselineCache& baselines,
                            TargetFigures& targets);

}  // namespace rasoat::bench
