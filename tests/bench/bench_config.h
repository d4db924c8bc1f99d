// What a benchmark run measures (its sections, sizes and repetitions) and the figures the
// sections hand to the report: the targets' figures and the push baselines both push tables
// share.
// Thread-safety: plain data; a section owns what it is given for the length of its run.
#pragma once

#include <cstdint>
#include <map>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "tests/bench/push_load.h"

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

// The baselines of one (tablets, batch) cell: synced RocksDB writes and the no-op gRPC server.
// Measured once and shown in both push tables: the mixed workload changes what rasoatd does,
// not what the hardware can.
struct PushBaselines {
  PushFigures rocksdb;
  PushFigures grpc;
};
using PushBaselineCache = std::map<std::pair<int, int>, PushBaselines>;

}  // namespace rasoat::bench
