#include "tests/bench/bench_report.h"

#include <cstdio>

#include "tests/bench/hostile_section.h"
#include "tests/bench/peer_section.h"
#include "tests/bench/province_section.h"
#include "tests/bench/pull_section.h"
#include "tests/bench/push_section.h"
#include "tests/bench/record_costs.h"

namespace rasoat::bench {
namespace {

void PrintGoal(const Goal& line) {
  const bool met = line.at_most ? line.value <= line.goal : line.value >= line.goal;
  std::printf("  %-52s %10.2f %-9s (goal %s %g): %s\n", line.what.c_str(), line.value,
              line.unit.c_str(), line.at_most ? "≤" : "≥", line.goal, met ? "met" : "MISSED");
}

}  // namespace

absl::Status RunRecordSection(const BenchConfig& config) {
  constexpr int kRecords = 2000;
  absl::StatusOr<RecordCosts> costs = MeasureRecordCosts(kRecords, std::max(config.runs, 5));
  if (!costs.ok()) return costs.status();
  std::printf("\n== cost per record (µs, median of %d passes over %d households, one thread)\n",
              std::max(config.runs, 5), kRecords);
  std::printf("  %-34s %8.2f µs  (baseline)\n", "protobuf parse + serialize",
              costs->parse_serialize_us);
  const auto line = [&](const char* what, double micros) {
    std::printf("  %-34s %8.2f µs  %6.1fx parse+serialize\n", what, micros,
                micros / costs->parse_serialize_us);
  };
  line("three-way merge, disjoint edits", costs->merge_us);
  line("validation (16 rules)", costs->validate_us);
  line("classification (decree-07-2021)", costs->classify_us);
  return absl::OkStatus();
}

absl::Status RunBenchmarks(const BenchConfig& config) {
  TargetFigures targets;
  PushBaselineCache baselines;
  const auto wanted = [&](const char* section) { return config.sections.count(section) > 0; };
  if (wanted("records")) {
    if (absl::Status status = RunRecordSection(config); !status.ok()) return status;
  }
  if (wanted("push")) {
    if (absl::Status status = RunPushSection(config, false, baselines, targets); !status.ok())
      return status;
  }
  if (wanted("mixed")) {
    if (absl::Status status = RunPushSection(config, true, baselines, targets); !status.ok())
      return status;
  }
  if (wanted("pull") || wanted("memory")) {
    if (absl::Status status = RunPullAndMemorySection(config, targets); !status.ok()) {
      return status;
    }
  }
  if (wanted("province")) {
    if (absl::Status status = RunProvinceSection(config, targets); !status.ok()) return status;
  }
  if (wanted("peer")) {
    if (absl::Status status = RunPeerSection(config, config.peer_url); !status.ok()) return status;
  }
  if (wanted("hostile")) {
    if (absl::Status status = RunHostileSection(config); !status.ok()) return status;
  }
  if (targets.worst_stale_ratio >= 0) {
    targets.goals.push_back({"push with 10% stale, lowest row over new households",
                             targets.worst_stale_ratio, "x", false, 0.85});
  }
  std::printf("\n== targets\n");
  if (targets.goals.empty()) std::printf("  none measured by these sections\n");
  for (const Goal& goal : targets.goals) PrintGoal(goal);
  return absl::OkStatus();
}

}  // namespace rasoat::bench
