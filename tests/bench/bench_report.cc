#include "tests/bench/bench_report.h"

#include <cstdio>

#include "tests/bench/hostile_section.h"
#include "tests/bench/pull_section.h"
#include "tests/bench/push_section.h"
#include "tests/bench/record_costs.h"

namespace rasoat::bench {
namespace {

void PrintTarget(const char* what, double value, const char* unit, bool at_most, double target) {
  if (value < 0) {
    std::printf("  %-46s not measured\n", what);
    return;
  }
  const bool met = at_most ? value <= target : value >= target;
  std::printf("  %-46s %10.2f %-6s (target %s %g %s): %s\n", what, value, unit, at_most ? "≤" : "≥",
              target, unit, met ? "met" : "MISSED");
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
  if (wanted("hostile")) {
    if (absl::Status status = RunHostileSection(config); !status.ok()) return status;
  }
  std::printf("\n== targets\n");
  PrintTarget("push, 32 tablets x batches of 20", targets.push_32x20_per_second, "mut/s", false,
              20000);
  PrintTarget("push p50, one tablet, batches of 1", targets.push_1x1_p50_ms, "ms", true, 1);
  PrintTarget("initial pull of one commune", targets.commune_pull_ms, "ms", true, 150);
  PrintTarget("empty incremental pull, server time", targets.empty_pull_server_ms, "ms", true, 0.5);
  PrintTarget("rasoatd RSS after the memory load", targets.rss_at_memory_households_mb, "MB", true,
              300);
  return absl::OkStatus();
}

}  // namespace rasoat::bench
