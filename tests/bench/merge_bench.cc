// How much a three-way merge of a realistic household costs next to what every push pays
// anyway, parsing and serializing the record: ThreeWayMerge with disjoint edits, with a
// conflict, and a protobuf parse + serialize of the same 6-member record. Each is run 5 times;
// the medians of CPU time are printed, then one line per merge with its ratio to parse +
// serialize:
//   merge_disjoint: 22.59 us/op (8.7x parse+serialize)
// Run by hand: build/release/tests/bench/merge_bench [--benchmark_min_time=...]
#include <cstdio>
#include <map>
#include <string>
#include <vector>

#include <benchmark/benchmark.h>

#include "absl/strings/str_cat.h"
#include "rasoat/v1/household.pb.h"
#include "sync/merge/merge.h"
#include "tests/support/households.h"
#include <unistd.h>

namespace rasoat {
namespace {

struct Edits {
  v1::Household base;
  v1::Household head;
  v1::Household incoming;
};

// A household of exactly 6 members, the most MakeHousehold makes.
v1::Household SixMembers() {
  v1::Household household = testing::MakeHousehold(42);
  while (household.members_size() < 6) {
    v1::Member* member = household.add_members();
    *member = household.members(0);
    member->set_member_id(absl::StrCat("m", household.members_size()));
    member->set_relationship(v1::RELATIONSHIP_CHILD);
  }
  household.mutable_members()->DeleteSubrange(6, household.members_size() - 6);
  return household;
}

// What two tablets typically change between syncs: a few answers, a member, an income line.
Edits MakeEdits(bool conflicting) {
  Edits edits;
  edits.base = SixMembers();
  edits.head = edits.base;
  edits.incoming = edits.base;
  edits.head.mutable_members(1)->set_full_name("Trần Thị Bình An");
  edits.head.mutable_housing()->set_floor_area_m2(48);
  edits.incoming.mutable_members(4)->set_education(v1::EDUCATION_VOCATIONAL);
  v1::IncomeItem* income = edits.incoming.add_incomes();
  income->set_income_id("i3");
  income->set_source(v1::INCOME_SOURCE_LIVESTOCK);
  income->set_annual_amount_vnd(8'000'000);
  if (conflicting) edits.incoming.mutable_members(1)->set_full_name("Trần Thị Bính");
  return edits;
}

void Merge(benchmark::State& state, bool conflicting) {
  const Edits edits = MakeEdits(conflicting);
  v1::Household merged;
  for (auto _ : state) {
    absl::StatusOr<MergeResult> result =
        ThreeWayMerge(edits.base, edits.head, edits.incoming, &merged);
    if (!result.ok() || result->conflicts.empty() != !conflicting) {
      state.SkipWithError("unexpected merge result");
      break;
    }
    benchmark::DoNotOptimize(result);
  }
}

void BM_MergeDisjoint(benchmark::State& state) { Merge(state, false); }
void BM_MergeConflict(benchmark::State& state) { Merge(state, true); }

void BM_ParseSerialize(benchmark::State& state) {
  const std::string bytes = MakeEdits(false).head.SerializeAsString();
  v1::Household record;
  std::string out;
  for (auto _ : state) {
    if (!record.ParseFromString(bytes) || !record.SerializeToString(&out)) {
      state.SkipWithError("parse or serialize failed");
      break;
    }
    benchmark::DoNotOptimize(out);
  }
}

BENCHMARK(BM_MergeDisjoint)->Unit(benchmark::kMicrosecond)->Repetitions(5)->ReportAggregatesOnly();
BENCHMARK(BM_MergeConflict)->Unit(benchmark::kMicrosecond)->Repetitions(5)->ReportAggregatesOnly();
BENCHMARK(BM_ParseSerialize)->Unit(benchmark::kMicrosecond)->Repetitions(5)->ReportAggregatesOnly();

// The console report, plus each benchmark's median CPU time in microseconds for the summary:
// CPU time, as wall time on a shared machine also counts the time others had the CPU.
class MedianReporter : public benchmark::ConsoleReporter {
 public:
  // Colours only on a terminal: the report is often kept in a file.
  MedianReporter() : ConsoleReporter(isatty(STDOUT_FILENO) ? OO_Defaults : OO_Tabular) {}

  void ReportRuns(const std::vector<Run>& runs) override {
    for (const Run& run : runs) {
      if (run.run_type == Run::RT_Aggregate && run.aggregate_name == "median") {
        medians_us_[run.run_name.function_name] = run.GetAdjustedCPUTime();
      }
    }
    ConsoleReporter::ReportRuns(runs);
  }

  const std::map<std::string, double>& medians_us() const { return medians_us_; }

 private:
  std::map<std::string, double> medians_us_;
};

}  // namespace
}  // namespace rasoat

int main(int argc, char** argv) {
  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;
  rasoat::MedianReporter reporter;
  benchmark::RunSpecifiedBenchmarks(&reporter);
  benchmark::Shutdown();

  const auto& medians = reporter.medians_us();
  const auto baseline = medians.find("BM_ParseSerialize");
  if (baseline == medians.end()) return 0;  // Filtered out: nothing to compare with.
  std::printf("\nmedian CPU time of 5 runs, 6-member household\n");
  std::printf("parse+serialize: %.2f us/op\n", baseline->second);
  for (const auto& [name, label] :
       {std::pair<std::string, const char*>("BM_MergeDisjoint", "merge_disjoint"),
        std::pair<std::string, const char*>("BM_MergeConflict", "merge_conflict")}) {
    const auto found = medians.find(name);
    if (found == medians.end()) continue;
    std::printf("%s: %.2f us/op (%.1fx parse+serialize)\n", label, found->second,
                found->second / baseline->second);
  }
  return 0;
}
