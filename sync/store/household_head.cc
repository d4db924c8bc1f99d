#include "sync/store/household_head.h"

#include "sync/store/version_value.h"

namespace rasoat {
namespace {

// The name of the household's head, for the queue ("" when the record has none).
std::string HeadName(const v1::Household& record) {
  for (const v1::Member& member : record.members()) {
    if (member.member_id() == record.head_member_id()) return member.full_name();
  }
  return "";
}

}  // namespace

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
  // A new version starts the procedure again; the last recognition stays published.
  head->set_procedure_step(v1::PROCEDURE_STEP_UNSPECIFIED);
  head->clear_posting_last_day();
  head->set_commune_code(record.location().commune_code());
  head->set_village_code(record.location().village_code());
  head->set_head_name(HeadName(record));
  head->set_validation_issue_count(static_cast<uint32_t>(meta.validation_issues_size()));
  const v1::Classification& classification = meta.classification();
  head->set_poverty_class(classification.poverty_class());
  head->set_local_poverty_class(classification.local().poverty_class());
  head->clear_deprived_indicators();
  for (const v1::IndicatorResult& indicator : classification.indicators()) {
    if (indicator.deprived()) head->add_deprived_indicators(indicator.indicator());
  }
  head->set_standard_digest(classification.standard_digest());
}

std::string AddVersion(std::string_view round_id, std::string_view household_id,
                       const store::VersionMeta& meta, const v1::Household& record,
                       store::HouseholdHead* head, CommitBatch* batch) {
  const uint64_t version = head->last_version() + 1;
  head->set_current_version(version);
  head->set_last_version(version);
  ShowNewVersionOnHead(meta, record, head);
  std::string value = EncodeVersionValue(meta, record);
  batch->PutVersion(round_id, household_id, version, value);
  return value;
}

}  // namespace rasoat
