// The timing harness of the benchmark's write loads: a number of workers, each on its own thread,
// set up untimed, are released together and call an operation over and over until a deadline;
// the harness records the latency of each call and reports the throughput and the percentiles.
// What a call does (a Push over gRPC, a synced RocksDB WriteBatch) is the caller's.
//
// Thread-safety: RunTimed may be called from any thread, one call at a time per TimedWork. It
// calls each worker's callables on that worker's thread only, never two of them at once, so
// state the caller keeps per worker (indexed by `worker`) needs no lock.
#pragma once

#include <cstdint>
#include <functional>

#include "absl/status/statusor.h"
#include "tests/bench/push_load.h"

namespace rasoat::bench {

// What each worker does. Every callable is given the worker's index, 0 ≤ worker < threads.
struct TimedWork {
  // Once, before the start; untimed. Builds the worker's state: its connection, its records.
  // May be empty.
  std::function<void(int worker)> set_up;
  // Before each call; untimed. Builds the call: its request, its batch. May be empty.
  std::function<void(int worker)> prepare;
  // The timed call. Returns how many mutations it made, or why it failed: a failed call counts
  // in failed_pushes and its latency is not recorded. REQUIRED.
  std::function<absl::StatusOr<uint64_t>(int worker)> call;
  // After each call that succeeded; untimed. Reads what the call returned (its outcomes). May be
  // empty.
  std::function<void(int worker)> tally;
};

// Starts `threads` workers, each running `work.set_up`, releases them together once all are set
// up, and lets each `prepare` and `call` until `seconds` have passed since the release (a call
// under way at the deadline finishes). Returns the mutations the calls made, the failed calls
// (in failed_pushes), mutations per second over the time from the release until the last worker
// stopped, and the p50 and p99 latencies of the successful calls in milliseconds; merged,
// conflicts and rejected are left 0 for the caller to fill.
// REQUIRES: threads ≥ 1, seconds > 0, work.call is set.
PushFigures RunTimed(int threads, double seconds, const TimedWork& work);

}  // namespace rasoat::bench
