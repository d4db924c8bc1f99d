// SyncEngine::CommuneSummary: counts a commune's (or a village's) households by review status
// and poverty class, and how many are deprived in each indicator of the round's standard.
// Reads heads only, except for a household classified under an older edition of the standard
// file, which is classified again from its current version.
#include <map>

#include "absl/strings/str_cat.h"
#include "sync/keys.h"
#include "sync/status_macros.h"
#include "sync/sync_engine.h"

namespace rasoat {

absl::Status SyncEngine::CommuneSummary(const v1::CommuneSummaryRequest& request,
                                        v1::CommuneSummaryResponse* response) const {
  ASSIGN_OR_RETURN(
      const std::string prefix,
      CommuneListingPrefix(request.round_id(), request.commune_code(), request.village_code()));
  const RoundStandard& round = standards_.at(request.round_id());

  uint32_t households = 0;
  std::map<v1::ReviewStatus, uint32_t> by_status;
  std::map<v1::PovertyClass, uint32_t> by_class;
  std::map<v1::Indicator, uint32_t> deprived;
  std::unique_ptr<rocksdb::Iterator> it(
      store_->db()->NewIterator(rocksdb::ReadOptions(), store_->changes()));
  for (it->Seek(prefix); it->Valid() && it->key().starts_with(prefix); it->Next()) {
    v1::HouseholdKey key;
    key.set_round_id(request.round_id());
    key.set_household_id(it->value().ToString());
    ASSIGN_OR_RETURN(store::HouseholdHead head, ReadHead(key));
    ++households;
    ++by_status[head.status()];
    if (head.standard_digest() == round.digest) {
      ++by_class[head.poverty_class()];
      for (int indicator : head.deprived_indicators()) {
        ++deprived[static_cast<v1::Indicator>(indicator)];
      }
      continue;
    }
    store::VersionMeta meta;
    v1::Household record;
    RETURN_IF_ERROR(ReadVersion(key, head.current_version(), &meta, &record));
    const v1::Classification classification = CurrentClassification(round, meta, record);
    ++by_class[classification.poverty_class()];
    for (const v1::IndicatorResult& indicator : classification.indicators()) {
      if (indicator.deprived()) ++deprived[indicator.indicator()];
    }
  }
  RETURN_IF_ERROR(FromRocksStatus(it->status(), "summarize commune"));

  response->Clear();
  response->set_households(households);
  response->set_standard_name(round.standard.name());
  for (const auto& [status, count] : by_status) {
    v1::CommuneSummaryResponse::StatusCount* entry = response->add_by_status();
    entry->set_status(status);
    entry->set_households(count);
  }
  for (const auto& [poverty_class, count] : by_class) {
    v1::CommuneSummaryResponse::ClassCount* entry = response->add_by_class();
    entry->set_poverty_class(poverty_class);
    entry->set_households(count);
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
