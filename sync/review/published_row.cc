#include "sync/review/published_row.h"

namespace rasoat {

void FillPublishedRow(const v1::HouseholdKey& key, const store::HouseholdHead& head,
                      const v1::Classification& classification, v1::PublishedHousehold* row) {
  const v1::Location& location = row->record().location();
  row->set_round_id(key.round_id());
  row->set_household_id(key.household_id());
  row->set_province_code(location.province_code());
  row->set_commune_code(location.commune_code());
  row->set_village_code(location.village_code());
  row->set_area(location.area());
  row->set_poverty_class(classification.poverty_class());
  row->set_per_capita_monthly_income_vnd(classification.per_capita_monthly_income_vnd());
  row->set_deprivation_count(classification.deprivation_count());
  for (const v1::IndicatorResult& indicator : classification.indicators()) {
    if (indicator.deprived()) row->add_deprived_indicators(indicator.indicator());
  }
  row->set_member_count(row->record().members_size());
  row->set_head_name(head.head_name());
  row->set_approved_version(head.approved_version());
  row->set_approved_by(head.approved_by());
  row->set_approved_at_unix_micros(head.approved_at_micros());
  row->set_standard_name(classification.standard_name());
  if (classification.has_local()) {
    row->set_local_poverty_class(classification.local().poverty_class());
    row->set_local_standard_name(classification.local().standard_name());
  }
}

}  // namespace rasoat
