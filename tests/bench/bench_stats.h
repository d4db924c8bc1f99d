// Small numeric and process helpers of the benchmark harness: medians and percentiles of
// samples, a process's resident memory, a directory's size on disk, and number formatting for
// the report.
// Thread-safety: pure functions.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include <sys/types.h>

namespace rasoat::bench {

// The q-quantile (0 ≤ q ≤ 1) of `samples` by nearest rank; 0 when there are none. Sorts them.
double Percentile(std::vector<double>& samples, double q);

// The median of `values`; 0 when there are none.
double Median(std::vector<double> values);

// Resident set size of process `pid` in bytes (VmRSS of /proc/PID/status); 0 if unreadable.
uint64_t ResidentBytes(pid_t pid);
// The peak resident memory of process `pid` since it started (VmHWM), in bytes.
uint64_t PeakResidentBytes(pid_t pid);

// Bytes of every regular file under `path`.
uint64_t DirectoryBytes(const std::string& path);

// 12345.6 -> "12,346".
std::string Thousands(double value);

}  // namespace rasoat::bench
