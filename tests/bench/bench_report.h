// The benchmark's sections and their report: each section starts what it measures (rasoatd with
// a fresh data directory, the no-op server, a raw RocksDB), prints its table with every figure
// next to its baseline and the ratio, and notes the figures the targets are judged on; the
// report ends with the targets, met or missed.
// Thread-safety: RunBenchmarks runs on one thread (its loads start their own).
#pragma once

#include <cstdint>
#include <set>
#include <string>
#include <vector>

#include "absl/status/status.h"

namespace rasoat::bench {

struct BenchConfig {
  int runs = 3;
  double seconds = 2;
  std::vector<int> tablets = {1, 8, 32};
  std::vector<int> batches = {1, 20, 100};
  uint64_t commune_households = 8400;
  uint64_t province_households = 100000;
  uint64_t memory_households = 1000000;
  std::set<std::string> sections;
  std::string work_dir;
};

// The figures the targets are judged on; negative when not measured.
struct TargetFigures {
  double push_32x20_per_second = -1;
  double push_1x1_p50_ms = -1;
  double commune_pull_ms = -1;
  double empty_pull_server_ms = -1;
  double rss_at_memory_households_mb = -1;
};

absl::Status RunBenchmarks(const BenchConfig& config);

// The sections, each printing its table; they fill `targets`.
absl::Status RunRecordSection(const BenchConfig& config);
absl::Status RunPushSection(const BenchConfig& config, bool mixed, TargetFigures& targets);
absl::Status RunPullAndMemorySection(const BenchConfig& config, TargetFigures& targets);

}  // namespace rasoat::bench
