// The parts of RasoatctlE2eTest's support that are not templates.
#include "tests/e2e/rasoatctl_fixture.h"

#include <google/protobuf/struct.pb.h>

namespace rasoat::testing {

absl::StatusOr<ShowOutput> ParseShowJson(const std::string& json) {
  absl::StatusOr<google::protobuf::Struct> object = ParseJson<google::protobuf::Struct>(json);
  if (!object.ok()) return object.status();
  const auto& fields = object->fields();
  if (!fields.contains("household") || fields.size() > 2) {
    return absl::InternalError(absl::StrCat("not {household, diff}: ", json));
  }
  ShowOutput show;
  std::string part;
  (void)google::protobuf::util::MessageToJsonString(fields.at("household"), &part);
  absl::StatusOr<v1::GetHouseholdResponse> household = ParseJson<v1::GetHouseholdResponse>(part);
  if (!household.ok()) return household.status();
  show.household = *std::move(household);
  if (fields.contains("diff")) {
    part.clear();
    (void)google::protobuf::util::MessageToJsonString(fields.at("diff"), &part);
    absl::StatusOr<v1::DiffVersionsResponse> diff = ParseJson<v1::DiffVersionsResponse>(part);
    if (!diff.ok()) return diff.status();
    show.diff = *std::move(diff);
  }
  return show;
}

// A valid rural household of two working adults in (kCommune, village), with a wage of
// `monthly_vnd_per_person` a month for each member, and either no deprivation at all or exactly
// four: housing quality, water, latrine and information devices.
v1::Household KnownHousehold(const std::string& village, int64_t monthly_vnd_per_person,
                             bool deprived) {
  v1::Household household;
  v1::Location* location = household.mutable_location();
  location->set_province_code("27");
  location->set_commune_code(kCommune);
  location->set_village_code(village);
  location->set_area(v1::AREA_RURAL);
  location->set_address(absl::StrCat("Xóm Đình, ", village));
  const struct {
    const char* id;
    const char* name;
    const char* national_id;
    int year;
    v1::Sex sex;
    v1::Relationship relationship;
  } people[] = {
      {"m1", "Lò Văn Sáng", "027080001234", 1980, v1::SEX_MALE, v1::RELATIONSHIP_HEAD},
      {"m2", "Lò Thị Hoa", "027183005678", 1983, v1::SEX_FEMALE, v1::RELATIONSHIP_SPOUSE},
  };
  for (const auto& person : people) {
    v1::Member* member = household.add_members();
    member->set_member_id(person.id);
    member->set_full_name(person.name);
    member->set_national_id(person.national_id);
    member->mutable_birth_date()->set_year(person.year);
    member->mutable_birth_date()->set_month(5);
    member->mutable_birth_date()->set_day(12);
    member->set_sex(person.sex);
    member->set_relationship(person.relationship);
    member->set_ethnicity_code("01");
    member->set_has_disability(false);
    member->set_has_health_insurance(true);
    member->set_employment(v1::EMPLOYMENT_WAGED_WITH_CONTRACT);
    member->set_education(v1::EDUCATION_UPPER_SECONDARY);
    v1::IncomeItem* income = household.add_incomes();
    income->set_income_id(absl::StrCat("i-", person.id));
    income->set_source(v1::INCOME_SOURCE_WAGES);
    income->set_member_id(person.id);
    income->set_annual_amount_vnd(monthly_vnd_per_person * 12);
  }
  household.set_head_member_id("m1");
  v1::Housing* housing = household.mutable_housing();
  housing->set_durable_walls(!deprived);
  housing->set_durable_columns(!deprived);
  housing->set_durable_roof(!deprived);
  housing->set_floor_area_m2(48);
  housing->set_water_source(deprived ? v1::WATER_SOURCE_SURFACE : v1::WATER_SOURCE_PIPED);
  housing->set_latrine(deprived ? v1::LATRINE_NONE : v1::LATRINE_FLUSH);
  v1::Information* information = household.mutable_information();
  information->set_uses_telecom(true);
  information->set_has_tv(!deprived);
  information->set_has_radio(false);
  information->set_has_computer(false);
  information->set_has_smartphone(!deprived);
  household.set_agricultural_household(false);
  household.set_surveyed_at_unix(1'788'000'000);  // 29 Aug 2026
  return household;
}

// A record the tablet sends must pass validation, or every review step below starts from
// NEEDS_CORRECTION: when this fails, the issues say what to fix in the test households.
std::string IssuesOf(const absl::StatusOr<ShowOutput>& show) {
  if (!show.ok()) return absl::StrCat("(show failed: ", show.status().ToString(), ")");
  std::string issues;
  for (const v1::ValidationIssue& issue : show->household.validation_issues()) {
    absl::StrAppend(&issues, "\n  ", issue.path(), " ", issue.code(), " ", issue.message());
  }
  return issues;
}

}  // namespace rasoat::testing
