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
  uint64_t province_load_households = 800000;
  uint64_t province_commune_households = 20000;
  std::set<std::string> sections;
  // The CouchDB-protocol peer of the "peer" section (tests/bench/run-peer.sh starts one).
  std::string peer_url;
  std::string work_dir;
};

// One line of the targets block: `value` against `goal`, met when at most (or at least) it.
struct Goal {
  std::string what;
  double value = 0;
  std::string unit;
  bool at_most = true;
  double goal = 0;
};

// What the sections measured that the report judges: the targets in the order measured, and
// the new-household push rates by (tablets, batch), which the mixed table is compared with.
struct TargetFigures {
  std::vector<Goal> goals;
  std::map<std::pair<int, int>, double> new_push_per_second;
  double worst_stale_ratio = -1;  // the lowest mixed / new push rate of any row
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
