#include "sync/household_assessment.h"

#include <chrono>

#include "sync/rules/classifier.h"
#include "sync/rules/household_validator.h"

namespace rasoat {
namespace {

constexpr int kVietnamUtcOffsetSeconds = 7 * 3600;

// The name of the household's head, for the queue ("" when the record has none).
std::string HeadName(const v1::Household& record) {
  for (const v1::Member& member : record.members()) {
    if (member.member_id() == record.head_member_id()) return member.full_name();
  }
  return "";
}

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

void AssessVersion(const RoundStandard& round, const v1::Household& record,
                   store::VersionMeta* meta) {
  const v1::Date reference_date = ReferenceDate(record, meta->committed_at_micros());
  for (v1::ValidationIssue& issue : rules::ValidateHousehold(record, reference_date)) {
    *meta->add_validation_issues() = std::move(issue);
  }
  *meta->mutable_classification() = rules::Classify(record, round.standard, reference_date);
  meta->mutable_classification()->set_standard_digest(round.digest);
}

void ShowNewVersionOnHead(const store::VersionMeta& meta, const v1::Household& record,
                          store::HouseholdHead* head) {
  if (!head->conflicts().empty()) {
    head->set_status(v1::REVIEW_STATUS_CONFLICT);
  } else if (!meta.validation_issues().empty()) {
    head->set_status(v1::REVIEW_STATUS_NEEDS_CORRECTION);
  } else {
    head->set_status(v1::REVIEW_STATUS_READY_FOR_REVIEW);
  }
  head->clear_reviewer_comment();
  head->set_commune_code(record.location().commune_code());
  head->set_village_code(record.location().village_code());
  head->set_head_name(HeadName(record));
  head->set_validation_issue_count(static_cast<uint32_t>(meta.validation_issues_size()));
  const v1::Classification& classification = meta.classification();
  head->set_poverty_class(classification.poverty_class());
  head->clear_deprived_indicators();
  for (const v1::IndicatorResult& indicator : classification.indicators()) {
    if (indicator.deprived()) head->add_deprived_indicators(indicator.indicator());
  }
  head->set_standard_digest(classification.standard_digest());
}

v1::Classification CurrentClassification(const RoundStandard& round, const store::VersionMeta& meta,
                                         const v1::Household& record) {
  if (meta.classification().standard_digest() == round.digest) return meta.classification();
  v1::Classification classification =
      rules::Classify(record, round.standard, ReferenceDate(record, meta.committed_at_micros()));
  classification.set_standard_digest(round.digest);
  return classification;
}

}  // namespace rasoat
