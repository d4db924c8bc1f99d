// rasoat-bench: measures rasoat where speed counts, next to the physical baselines measured in
// the same run (synced RocksDB writes of the same records, a gRPC server that does nothing):
// push throughput and latency, push with merges and conflicts, initial and incremental pulls,
// the CPU cost per record of merge, validation and classification, and rasoatd's memory and
// disk use at a million households. Every figure is a median of --runs runs unless it says
// otherwise. Run by tests/bench/run-benchmarks.sh; the results are kept in BENCHMARKS.md.
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <string>
#include <thread>
#include <vector>

#include "absl/flags/flag.h"
#include "absl/flags/parse.h"
#include "absl/flags/usage.h"
#include "absl/strings/str_join.h"
#include "tests/bench/bench_report.h"

ABSL_FLAG(int, runs, 3, "Runs per push figure; each figure is their median.");
ABSL_FLAG(double, seconds, 2.0, "Length of one push run, in seconds.");
ABSL_FLAG(std::vector<std::string>, tablets, std::vector<std::string>({"1", "8", "32"}),
          "Numbers of tablets pushing at once.");
ABSL_FLAG(std::vector<std::string>, batches, std::vector<std::string>({"1", "20", "100"}),
          "Households per Push.");
ABSL_FLAG(uint64_t, commune_households, 8400, "Households of the commune pulled whole.");
ABSL_FLAG(uint64_t, province_households, 100000, "Households of the 12 communes pulled whole.");
ABSL_FLAG(uint64_t, memory_households, 1000000, "Households loaded before rasoatd's RSS is read.");
ABSL_FLAG(uint64_t, province_households_loaded, 800000,
          "Households of the province section, pushed by 32 tablets.");
ABSL_FLAG(uint64_t, province_commune_households, 20000,
          "Households of the province's commune pulled whole.");
ABSL_FLAG(std::vector<std::string>, sections,
          std::vector<std::string>({"records", "push", "mixed", "pull", "memory", "province"}),
          "Sections to run: records, push, mixed (10% stale, 1% conflicting), pull, memory "
          "(memory continues the pull section's server), province (a province loaded, a commune "
          "pulled, kill -9 and restart), hostile (floods of the largest pushes and of Pull "
          "streams that never read; not run by default), peer (against --peer_url; "
          "tests/bench/run-peer.sh).");
ABSL_FLAG(std::string, peer_url, "",
          "The CouchDB-protocol peer of the peer section, e.g. http://127.0.0.1:5985.");
ABSL_FLAG(std::string, work_dir, "",
          "Where the data directories go; default a fresh directory under /tmp, removed at the "
          "end.");

namespace rasoat::bench {
namespace {

std::vector<int> Numbers(const std::vector<std::string>& texts) {
  std::vector<int> numbers;
  for (const std::string& text : texts) numbers.push_back(std::stoi(text));
  return numbers;
}

void PrintMachine() {
  std::string cpu = "unknown CPU";
  std::ifstream cpuinfo("/proc/cpuinfo");
  for (std::string line; std::getline(cpuinfo, line);) {
    if (line.rfind("model name", 0) == 0) {
      cpu = line.substr(line.find(':') + 2);
      break;
    }
  }
  std::printf("machine: %u cores, %s\n", std::thread::hardware_concurrency(), cpu.c_str());
}

}  // namespace
}  // namespace rasoat::bench

int main(int argc, char** argv) {
  absl::SetProgramUsageMessage(
      "Measures rasoatd (started here on loopback with fresh data directories) against the "
      "physical baselines of this machine.\nUsage: rasoat-bench [--runs=3] [--seconds=2] "
      "[--sections=records,push,mixed,pull,memory] [--memory_households=1000000]");
  absl::ParseCommandLine(argc, argv);
  using namespace rasoat::bench;

  BenchConfig config;
  config.runs = absl::GetFlag(FLAGS_runs);
  config.seconds = absl::GetFlag(FLAGS_seconds);
  config.tablets = Numbers(absl::GetFlag(FLAGS_tablets));
  config.batches = Numbers(absl::GetFlag(FLAGS_batches));
  config.commune_households = absl::GetFlag(FLAGS_commune_households);
  config.province_households = absl::GetFlag(FLAGS_province_households);
  config.memory_households = absl::GetFlag(FLAGS_memory_households);
  config.province_load_households = absl::GetFlag(FLAGS_province_households_loaded);
  config.peer_url = absl::GetFlag(FLAGS_peer_url);
  config.province_commune_households = absl::GetFlag(FLAGS_province_commune_households);
  for (const std::string& section : absl::GetFlag(FLAGS_sections)) config.sections.insert(section);
  if (config.sections.count("peer") > 0 && config.peer_url.empty()) {
    std::cerr << "rasoat-bench: the peer section needs --peer_url (tests/bench/run-peer.sh)\n";
    return 2;
  }
  if (config.runs < 1 || config.seconds <= 0 || config.tablets.empty() || config.batches.empty()) {
    std::cerr << "rasoat-bench: --runs, --seconds, --tablets and --batches must be positive\n";
    return 2;
  }

  std::string work_dir = absl::GetFlag(FLAGS_work_dir);
  const bool remove_work_dir = work_dir.empty();
  if (work_dir.empty()) {
    char pattern[] = "/tmp/rasoat-bench-XXXXXX";
    if (mkdtemp(pattern) == nullptr) {
      std::cerr << "rasoat-bench: cannot make a directory under /tmp\n";
      return 1;
    }
    work_dir = pattern;
  }
  config.work_dir = work_dir;

  std::printf("rasoat-bench: %s\n", absl::StrJoin(argv, argv + argc, " ").c_str());
  PrintMachine();
  const absl::Status status = RunBenchmarks(config);
  if (remove_work_dir) {
    std::error_code ignored;
    std::filesystem::remove_all(work_dir, ignored);
  }
  if (!status.ok()) {
    std::cerr << "rasoat-bench: " << status << "\n";
    return 1;
  }
  return 0;
}
