#include "tests/bench/record_costs.h"

#include <chrono>
#include <functional>
#include <vector>

#include "absl/strings/str_cat.h"
#include "sync/merge/merge.h"
#include "sync/rules/classifier.h"
#include "sync/rules/household_validator.h"
#include "sync/rules/standard_catalog.h"
#include "tablet/household_generator.h"
#include "tests/bench/bench_stats.h"

namespace rasoat::bench {
namespace {

// The median over `runs` of the time per record of `work` over every record index.
double MicrosPerRecord(int records, int runs, const std::function<bool(int)>& work, bool& failed) {
  std::vector<double> per_record;
  for (int run = 0; run < runs; ++run) {
    const auto start = std::chrono::steady_clock::now();
    for (int i = 0; i < records; ++i) failed |= !work(i);
    const double micros =
        std::chrono::duration<double, std::micro>(std::chrono::steady_clock::now() - start).count();
    per_record.push_back(micros / records);
  }
  return Median(per_record);
}

}  // namespace

absl::StatusOr<RecordCosts> MeasureRecordCosts(int records, int runs) {
  absl::StatusOr<v1::PovertyStandard> standard = rules::LoadStandardNamed("", "decree-07-2021");
  if (!standard.ok()) return standard.status();
  v1::Date interview;
  interview.set_year(2026);
  interview.set_month(11);
  interview.set_day(1);
  // Noon of the interview day in Vietnam.
  const rules::ValidationContext context{.reference_date = interview,
                                         .now_unix = 1'793'509'200,
                                         .max_members = standard->max_household_members()};

  // Base, head (another tablet corrected the address) and incoming (this tablet's revisit:
  // one edit, HouseholdGenerator::Edit) of each household.
  tablet::HouseholdGenerator generator(17);
  std::vector<v1::Household> base(records), head(records), incoming(records);
  std::vector<std::string> bytes(records);
  for (int i = 0; i < records; ++i) {
    base[i] = generator.Make("29999", "t1");
    head[i] = base[i];
    head[i].mutable_location()->set_address(base[i].location().address() + ", gần chợ");
    incoming[i] = base[i];
    generator.Edit(incoming[i], absl::StrCat("bench-", i));
    bytes[i] = base[i].SerializeAsString();
  }

  bool failed = false;
  RecordCosts costs;
  v1::Household parsed;
  std::string out;
  costs.parse_serialize_us = MicrosPerRecord(
      records, runs,
      [&](int i) { return parsed.ParseFromString(bytes[i]) && parsed.SerializeToString(&out); },
      failed);
  v1::Household merged;
  costs.merge_us = MicrosPerRecord(
      records, runs,
      [&](int i) {
        absl::StatusOr<MergeResult> result = ThreeWayMerge(base[i], head[i], incoming[i], &merged);
        return result.ok() && result->conflicts.empty();
      },
      failed);
  size_t issues = 0;
  costs.validate_us = MicrosPerRecord(
      records, runs,
      [&](int i) {
        issues += rules::ValidateHousehold(base[i], context).size();
        return true;
      },
      failed);
  costs.classify_us = MicrosPerRecord(
      records, runs,
      [&](int i) {
        return rules::Classify(base[i], *standard, interview).poverty_class() !=
               v1::POVERTY_CLASS_UNSPECIFIED;
      },
      failed);
  if (failed || issues > 0) {
    return absl::InternalError("a merge, validation or classification gave an unexpected result");
  }
  return costs;
}

}  // namespace rasoat::bench
