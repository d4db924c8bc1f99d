// The hostile-load figures: rasoatd's peak memory and a normal push's latency while 20 tablets
// push the largest requests the limits allow (500 records of 131 KB, 65 MB each), with the
// memory budget and, as the baseline of the same run, with a budget beyond the machine; and
// while 200 Pull streams are open and never read.
// Thread-safety: runs on one thread; its loads start their own.
#pragma once

#include "absl/status/status.h"
#include "tests/bench/bench_config.h"

namespace rasoat::bench {

// Prints the hostile-load table.
absl::Status RunHostileSection(const BenchConfig& config);

}  // namespace rasoat::bench
