// Fuzzes the loading of a poverty standard file (sync/rules/standard_loader.h): the input is
// the file's text. Properties, for a text ParseStandard accepts:
//   - the standard passes Validate;
//   - printed back as text it parses again to the same standard, with the same digest;
//   - the rules apply it: a few households are assessed (validated and classified, as Push
//     does) without a crash, since Validate is all Classify requires of a standard.
#include <cstddef>
#include <cstdint>
#include <string>

#include <google/protobuf/text_format.h>

#include "absl/status/statusor.h"
#include "rasoat/v1/household.pb.h"
#include "rasoat/v1/standard.pb.h"
#include "rasoat/v1/validation.pb.h"
#include "sync/rules/assessment.h"
#include "sync/rules/local_standard.h"
#include "sync/rules/rounds.h"
#include "sync/rules/standard_catalog.h"
#include "sync/rules/standard_loader.h"
#include "tests/fuzz/fuzz_input.h"

namespace rasoat {
namespace {

using fuzz::Require;

// 2026-03-01T00:00:00Z: the commit time the rules assess a record at.
constexpr int64_t kCommittedAtMicros = 1772323200LL * 1000000;

v1::Member* AddMember(v1::Household* household, const std::string& id, int birth_year,
                      v1::Relationship relationship) {
  v1::Member* member = household->add_members();
  member->set_member_id(id);
  member->set_full_name("Member " + id);
  member->mutable_birth_date()->set_year(birth_year);
  member->mutable_birth_date()->set_month(6);
  member->mutable_birth_date()->set_day(15);
  member->set_relationship(relationship);
  return member;
}

// A poor rural household of three: no insurance, little income, a small house.
v1::Household PoorHousehold(const std::string& province_code) {
  v1::Household household;
  household.mutable_location()->set_province_code(province_code);
  household.mutable_location()->set_commune_code("26734");
  household.mutable_location()->set_village_code("thon-3");
  household.mutable_location()->set_area(v1::AREA_RURAL);
  household.set_head_member_id("m1");
  AddMember(&household, "m1", 1980, v1::RELATIONSHIP_HEAD)
      ->set_employment(v1::EMPLOYMENT_SELF_EMPLOYED);
  AddMember(&household, "m2", 1955, v1::RELATIONSHIP_PARENT)->set_has_health_insurance(false);
  AddMember(&household, "m3", 2015, v1::RELATIONSHIP_CHILD)
      ->set_school_attendance(v1::SCHOOL_ATTENDANCE_NOT_ATTENDING);
  v1::IncomeItem* crops = household.add_incomes();
  crops->set_income_id("i1");
  crops->set_source(v1::INCOME_SOURCE_CROPS);
  crops->set_annual_amount_vnd(30000000);
  v1::IncomeItem* allowance = household.add_incomes();
  allowance->set_income_id("i2");
  allowance->set_source(v1::INCOME_SOURCE_SOCIAL_ALLOWANCE);
  allowance->set_annual_amount_vnd(6000000);
  household.mutable_housing()->set_floor_area_m2(18.5);
  household.mutable_housing()->set_water_source(v1::WATER_SOURCE_UNPROTECTED_WELL);
  household.set_agricultural_household(true);
  return household;
}

// A well-off urban household of one.
v1::Household UrbanHousehold() {
  v1::Household household;
  household.mutable_location()->set_commune_code("00004");
  household.mutable_location()->set_area(v1::AREA_URBAN);
  household.set_head_member_id("m1");
  AddMember(&household, "m1", 1990, v1::RELATIONSHIP_HEAD)
      ->set_employment(v1::EMPLOYMENT_WAGED_WITH_CONTRACT);
  v1::IncomeItem* wages = household.add_incomes();
  wages->set_income_id("i1");
  wages->set_source(v1::INCOME_SOURCE_WAGES);
  wages->set_annual_amount_vnd(240000000);
  return household;
}

void Assess(const rules::RoundStandard& round, const v1::Household& household) {
  google::protobuf::RepeatedPtrField<v1::ValidationIssue> issues;
  v1::Classification classification;
  rules::Assess(round, household, kCommittedAtMicros, &issues, &classification);
  Require(classification.standard_digest() == round.digest,
          "a classification names the standard that made it");
}

void FuzzStandardLoader(const uint8_t* data, size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);
  const absl::StatusOr<v1::PovertyStandard> standard = rules::ParseStandard(text, "fuzz");
  if (!standard.ok()) return;
  Require(
      (standard->has_local() ? rules::ValidateLocalScope(*standard) : rules::Validate(*standard))
          .ok(),
      "a parsed standard is valid");

  std::string printed;
  Require(google::protobuf::TextFormat::PrintToString(*standard, &printed),
          "a standard prints as text");
  const absl::StatusOr<v1::PovertyStandard> reparsed = rules::ParseStandard(printed, "printed");
  Require(reparsed.ok(), "a standard printed as text parses again");
  Require(reparsed->SerializeAsString() == standard->SerializeAsString(),
          "a standard printed as text parses to itself");
  const std::string digest = rules::StandardDigest(*standard);
  Require(rules::StandardDigest(*reparsed) == digest,
          "a standard printed and parsed keeps its digest");

  rules::RoundStandard round{*standard, {}, digest};
  if (standard->has_local()) {
    // A local standard is applied laid over its national one, alongside it.
    absl::StatusOr<v1::PovertyStandard> national = rules::LoadStandardNamed("", "decree-07-2021");
    Require(national.ok(), "the built-in national standard loads");
    v1::PovertyStandard scoped = *standard;
    scoped.mutable_local()->set_based_on(national->name());
    absl::StatusOr<v1::PovertyStandard> resolved = rules::ResolveLocalStandard(*national, scoped);
    if (!resolved.ok()) return;
    round = rules::RoundStandard{*national, {*resolved}, "fuzz"};
  }
  Assess(round, v1::Household());
  Assess(round, PoorHousehold(""));
  Assess(round, UrbanHousehold());
  if (standard->has_local()) Assess(round, PoorHousehold(standard->local().province_codes(0)));
}

}  // namespace
}  // namespace rasoat

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  rasoat::FuzzStandardLoader(data, size);
  return 0;
}
