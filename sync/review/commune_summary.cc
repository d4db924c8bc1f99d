#include "sync/review/commune_summary.h"

#include <map>

#include "sync/base/status_macros.h"
#include "sync/review/commune_scope.h"
#include "sync/rules/assessment.h"
#include "sync/store/household_listing.h"
#include "sync/store/store.h"

namespace rasoat {

CommuneSummary::CommuneSummary(const Store* store, const rules::Rounds* rounds)
    : store_(store), rounds_(rounds) {}

absl::Status CommuneSummary::Summarize(const v1::CommuneSummaryRequest& request,
                                       v1::CommuneSummaryResponse* response) const {
  RETURN_IF_ERROR(CheckCommuneScope(*rounds_, request.round_id(), request.commune_code(),
                                    request.village_code()));
  const rules::RoundStandard& round = rounds_->standard(request.round_id());

  uint32_t households = 0;
  std::map<v1::ReviewStatus, uint32_t> by_status;
  std::map<v1::PovertyClass, uint32_t> by_class;
  std::map<v1::PovertyClass, uint32_t> by_local_class;
  std::map<v1::Indicator, uint32_t> deprived;
  HouseholdListing listing(*store_, request.round_id(), request.commune_code(),
                           request.village_code(), "");
  for (; listing.Valid(); listing.Next()) {
    ASSIGN_OR_RETURN(const store::HouseholdHead head,
                     store_->ReadHead(request.round_id(), listing.household_id()));
    ++households;
    ++by_status[head.status()];
    if (head.standard_digest() == round.digest) {
      ++by_class[head.poverty_class()];
      if (head.local_poverty_class() != v1::POVERTY_CLASS_UNSPECIFIED) {
        ++by_local_class[head.local_poverty_class()];
      }
      for (int indicator : head.deprived_indicators()) {
        ++deprived[static_cast<v1::Indicator>(indicator)];
      }
      continue;
    }
    store::VersionMeta meta;
    v1::Household record;
    RETURN_IF_ERROR(store_->ReadVersion(request.round_id(), listing.household_id(),
                                        head.current_version(), &meta, &record));
    const v1::Classification classification = rules::CurrentClassification(
        round, meta.classification(), record, meta.committed_at_micros());
    ++by_class[classification.poverty_class()];
    if (classification.has_local()) ++by_local_class[classification.local().poverty_class()];
    for (const v1::IndicatorResult& indicator : classification.indicators()) {
      if (indicator.deprived()) ++deprived[indicator.indicator()];
    }
  }
  RETURN_IF_ERROR(listing.status());

  response->Clear();
  response->set_households(households);
  response->set_standard_name(round.standard.name());
  for (const auto& [status, count] : by_status) {
    v1::CommuneSummaryResponse::StatusCount* entry = response->add_by_status();
    entry->set_status(status);
    entry->set_households(count);
  }
  for (const auto& [classes, field] :
       {std::pair{&by_class, response->mutable_by_class()},
        std::pair{&by_local_class, response->mutable_by_local_class()}}) {
    for (const auto& [poverty_class, count] : *classes) {
      v1::CommuneSummaryResponse::ClassCount* entry = field->Add();
      entry->set_poverty_class(poverty_class);
      entry->set_households(count);
    }
  }
  for (const v1::IndicatorRule& rule : round.standard.indicators()) {
    v1::CommuneSummaryResponse::IndicatorCount* entry = response->add_deprivations();
    entry->set_indicator(rule.id());
    entry->set_name(rule.name());
    auto count = deprived.find(rule.id());
    entry->set_deprived_households(count == deprived.end() ? 0 : count->second);
  }
  return absl::OkStatus();
}

}  // namespace rasoat
