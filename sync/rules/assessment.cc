#include "sync/rules/assessment.h"

#include <chrono>

#include "sync/rules/classifier.h"
#include "sync/rules/household_validator.h"

namespace rasoat::rules {
namespace {

constexpr int kVietnamUtcOffsetSeconds = 7 * 3600;

}  // namespace

v1::Date ReferenceDate(const v1::Household& record, int64_t committed_at_micros) {
  // Plain calendar arithmetic (no time-zone database: Vietnam has no daylight saving time).
  using std::chrono::seconds;
  const seconds at =
      record.surveyed_at_unix() > 0
          ? seconds(record.surveyed_at_unix())
          : std::chrono::duration_cast<seconds>(std::chrono::microseconds(committed_at_micros));
  const std::chrono::year_month_day day(std::chrono::floor<std::chrono::days>(
      std::chrono::sys_seconds(at + seconds(kVietnamUtcOffsetSeconds))));
  v1::Date date;
  date.set_year(static_cast<int32_t>(day.year()));
  date.set_month(static_cast<int32_t>(static_cast<unsigned>(day.month())));
  date.set_day(static_cast<int32_t>(static_cast<unsigned>(day.day())));
  return date;
}

void Assess(const RoundStandard& round, const v1::Household& record, int64_t committed_at_micros,
            google::protobuf::RepeatedPtrField<v1::ValidationIssue>* issues,
            v1::Classification* classification) {
  const v1::Date reference_date = ReferenceDate(record, committed_at_micros);
  for (v1::ValidationIssue& issue : ValidateHousehold(record, reference_date)) {
    *issues->Add() = std::move(issue);
  }
  *classification = Classify(record, round.standard, reference_date);
  classification->set_standard_digest(round.digest);
}

v1::Classification CurrentClassification(const RoundStandard& round,
                                         const v1::Classification& stored,
                                         const v1::Household& record, int64_t committed_at_micros) {
  if (stored.standard_digest() == round.digest) return stored;
  v1::Classification classification =
      Classify(record, round.standard, ReferenceDate(record, committed_at_micros));
  classification.set_standard_digest(round.digest);
  return classification;
}

}  // namespace rasoat::rules
