// The benchmark's sections and their report: each section starts what it measures (rasoatd with
// a fresh data directory, the no-op server, a raw RocksDB), prints its table with every figure
// next to its baseline and the ratio, and notes the figures the targets are judged on; the
// report ends with the targets, met or missed.
// Thread-safety: RunBenchmarks runs on one thread (its loads start their own).
#pragma once

#include "absl/status/status.h"
#include "tests/bench/bench_config.h"

namespace rasoat::bench {

absl::Status RunBenchmarks(const BenchConfig& config);

// The table of per-record costs (parse, merge, serialize).
absl::Status RunRecordSection(const BenchConfig& config);

}  // namespace rasoat::bench
