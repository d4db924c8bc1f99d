// MemoryTrimmer: gives the memory malloc keeps free back to the system, once every period, on a
// thread of its own. glibc keeps what a thread frees in that thread's arena for reuse; with 32
// push workers, 8 read workers and gRPC's threads, a million households' pushes left 190–300 MB
// resident (by the machine) against a RocksDB share of 128 MiB, a good part of it free pages in a
// dozen arenas. Trimming once a second took that to 145–178 MB with no change in push or pull
// rates; bounding the arenas instead (MALLOC_ARENA_MAX) took a fifth off the push rate on two
// cores (BENCHMARKS.md, "Memory").
//
// Thread-safety: the constructor starts the thread, the destructor stops it and joins it; nothing
// else is called. `trim` runs on that thread only.
#pragma once

#include <functional>
#include <thread>

#include "absl/base/thread_annotations.h"
#include "absl/time/time.h"
#include "sync/base/mutex.h"

namespace rasoat {

// How often rasoatd gives free memory back.
inline constexpr absl::Duration kMemoryTrimPeriod = absl::Seconds(1);

// Gives every arena's free pages back to the system (glibc's malloc_trim); does nothing where
// malloc is not glibc's, as under a sanitizer.
void ReturnFreeMemory();

class MemoryTrimmer {
 public:
  // Calls `trim` once every `period` (positive) until destroyed; the first call is one period
  // after the start.
  explicit MemoryTrimmer(absl::Duration period = kMemoryTrimPeriod,
                         std::function<void()> trim = ReturnFreeMemory);
  ~MemoryTrimmer();

  MemoryTrimmer(const MemoryTrimmer&) = delete;
  MemoryTrimmer& operator=(const MemoryTrimmer&) = delete;

 private:
  void Run();

  const absl::Duration period_;
  const std::function<void()> trim_;
  Mutex mu_;
  bool stopping_ ABSL_GUARDED_BY(mu_) = false;
  std::thread thread_;
};

}  // namespace rasoat
