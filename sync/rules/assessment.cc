#include "sync/rules/assessment.h"

#include <chrono>

#include "sync/rules/calendar.h"
#include "sync/rules/classifier.h"
#include "sync/rules/household_validator.h"

namespace rasoat::rules {
namespace {

int64_t CommittedAtSeconds(int64_t committed_at_micros) {
  return std::chrono::floor<std::chrono::seconds>(std::chrono::microseconds(committed_at_micros))
      .count();
}

// `record` classified under the round's national standard and, where one applies, its
// province's local standard, stamped with the round's digest.
v1::Classification ClassifyByRound(const RoundStandard& round, const v1::Household& record,
                                   const v1::Date& reference_date) {
  v1::Classification classification = Classify(record, round.standard, reference_date);
  if (const v1::PovertyStandard* local = round.LocalStandardFor(record.location().province_code());
      local != nullptr) {
    *classification.mutable_local() = Classify(record, *local, reference_date);
  }
  classification.set_standard_digest(round.digest);
  return classification;
}

}  // namespace

v1::Date ReferenceDate(const v1::Household& record, int64_t committed_at_micros) {
  const int64_t committed_at = CommittedAtSeconds(committed_at_micros);
  const int64_t surveyed_at = record.surveyed_at_unix();
  const bool interview_known = surveyed_at > 0 && !InterviewInFuture(surveyed_at, committed_at);
  return VietnamDay(interview_known ? surveyed_at : committed_at);
}

void Assess(const RoundStandard& round, const v1::Household& record, int64_t committed_at_micros,
            google::protobuf::RepeatedPtrField<v1::ValidationIssue>* issues,
            v1::Classification* classification) {
  const ValidationContext context{
      .reference_date = ReferenceDate(record, committed_at_micros),
      .now_unix = CommittedAtSeconds(committed_at_micros),
      .max_members = round.standard.max_household_members(),
  };
  for (v1::ValidationIssue& issue : ValidateHousehold(record, context)) {
    *issues->Add() = std::move(issue);
  }
  *classification = ClassifyByRound(round, record, context.reference_date);
}

v1::Classification CurrentClassification(const RoundStandard& round,
                                         const v1::Classification& stored,
                                         const v1::Household& record, int64_t committed_at_micros) {
  if (stored.standard_digest() == round.digest) return stored;
  return ClassifyByRound(round, record, ReferenceDate(record, committed_at_micros));
}

}  // namespace rasoat::rules
