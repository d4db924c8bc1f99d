#include "sync/review/poverty_reports.h"

#include <algorithm>
#include <deque>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "sync/base/status_macros.h"
#include "sync/review/commune_scope.h"
#include "sync/review/poverty_report.h"
#include "sync/rules/assessment.h"
#include "sync/rules/calendar.h"
#include "sync/rules/targets_loader.h"
#include "sync/store/household_listing.h"
#include "sync/store/store.h"

namespace rasoat {
namespace {

bool PoorOrNearPoor(v1::PovertyClass poverty_class) {
  return poverty_class == v1::POVERTY_CLASS_POOR || poverty_class == v1::POVERTY_CLASS_NEAR_POOR;
}

// The class a household escaped from when `outcome` is an escape; UNSPECIFIED otherwise.
v1::PovertyClass EscapedFrom(v1::HouseholdOutcome outcome) {
  switch (outcome) {
    case v1::HOUSEHOLD_OUTCOME_ESCAPED_POOR:
    case v1::HOUSEHOLD_OUTCOME_POOR_TO_NEAR_POOR:
      return v1::POVERTY_CLASS_POOR;
    case v1::HOUSEHOLD_OUTCOME_ESCAPED_NEAR_POOR:
      return v1::POVERTY_CLASS_NEAR_POOR;
    default:
      return v1::POVERTY_CLASS_UNSPECIFIED;
  }
}

// The day `as_of` names, or today in Vietnam when it is unset; INVALID_ARGUMENT when it is set
// and not a day.
absl::StatusOr<v1::Date> AsOf(const v1::Date& as_of) {
  if (as_of.year() == 0 && as_of.month() == 0 && as_of.day() == 0) {
    return rules::VietnamDay(absl::ToUnixSeconds(absl::Now()));
  }
  if (!rules::IsRealDate(as_of)) return absl::InvalidArgumentError("as_of: not a calendar day");
  return as_of;
}

}  // namespace

PovertyReports::PovertyReports(const Store* store, const rules::Rounds* rounds)
    : store_(store), rounds_(rounds) {}

absl::StatusOr<v1::PovertyReport> PovertyReports::ReportOf(const std::string& round_id,
                                                           const std::string& commune_code,
                                                           const v1::Date& as_of) const {
  const rules::RoundStandard& round = rounds_->standard(round_id);
  const v1::CommuneTargets* targets =
      rules::FindCommuneTargets(rounds_->targets(round_id), commune_code);
  ReportInputs inputs;
  inputs.round_id = round_id;
  inputs.area_code = commune_code;
  inputs.standard = &round.standard;
  inputs.as_of = as_of;
  if (targets != nullptr) {
    inputs.area_name = targets->name();
    inputs.households = targets->households();
    if (targets->has_targets()) inputs.targets = &targets->targets();
  }

  // Escapes by household: the round before's first, this round's recognitions over them.
  absl::flat_hash_map<std::string, EscapeRecord> escapes;
  if (const std::string& before = rounds_->PreviousOf(round_id); !before.empty()) {
    PreviousFigures previous;
    previous.round_id = before;
    previous.households = targets == nullptr                    ? 0
                          : targets->previous_households() != 0 ? targets->previous_households()
                                                                : targets->households();
    HouseholdListing listing(*store_, before, commune_code, "", "");
    for (; listing.Valid(); listing.Next()) {
      const std::string household_id(listing.household_id());
      ASSIGN_OR_RETURN(const store::HouseholdHead head, store_->ReadHead(before, household_id));
      const store::Recognition& recognition = head.recognition();
      if (recognition.version() == 0) continue;
      if (recognition.has_escaped_on()) {
        escapes[household_id] =
            EscapeRecord{household_id, recognition.escaped_on(), v1::POVERTY_CLASS_UNSPECIFIED,
                         EscapedFrom(recognition.outcome())};
      }
      if (!PoorOrNearPoor(recognition.poverty_class())) continue;
      store::VersionMeta meta;
      v1::Household record;
      RETURN_IF_ERROR(
          store_->ReadVersion(before, household_id, recognition.version(), &meta, &record));
      const bool poor = recognition.poverty_class() == v1::POVERTY_CLASS_POOR;
      ++(poor ? previous.poor_households : previous.near_poor_households);
      (poor ? previous.poor_members : previous.near_poor_members) +=
          static_cast<uint32_t>(record.members_size());
    }
    RETURN_IF_ERROR(listing.status());
    inputs.previous = std::move(previous);
  }

  std::deque<v1::Household> records;  // RecognisedHousehold points into it
  HouseholdListing listing(*store_, round_id, commune_code, "", "");
  for (; listing.Valid(); listing.Next()) {
    const std::string household_id(listing.household_id());
    ASSIGN_OR_RETURN(const store::HouseholdHead head, store_->ReadHead(round_id, household_id));
    const store::Recognition& recognition = head.recognition();
    if (recognition.version() == 0) continue;
    store::VersionMeta meta;
    v1::Household& record = records.emplace_back();
    RETURN_IF_ERROR(
        store_->ReadVersion(round_id, household_id, recognition.version(), &meta, &record));
    RecognisedHousehold& recognised = inputs.recognised.emplace_back();
    recognised.record = &record;
    recognised.classification = rules::CurrentClassification(round, meta.classification(), record,
                                                             meta.committed_at_micros());
    recognised.outcome = recognition.outcome();
    if (recognition.has_escaped_on()) {
      EscapeRecord& escape = escapes[household_id];
      // An escape carried from the round before keeps what it escaped from there.
      const v1::PovertyClass from = EscapedFrom(recognition.outcome());
      escape = EscapeRecord{household_id, recognition.escaped_on(), recognition.poverty_class(),
                            from != v1::POVERTY_CLASS_UNSPECIFIED ? from : escape.escaped_from};
    } else if (auto escaped = escapes.find(household_id); escaped != escapes.end()) {
      escaped->second.current_class = recognition.poverty_class();
    }
  }
  RETURN_IF_ERROR(listing.status());
  for (auto& [id, escape] : escapes) inputs.escapes.push_back(std::move(escape));
  std::sort(
      inputs.escapes.begin(), inputs.escapes.end(),
      [](const EscapeRecord& a, const EscapeRecord& b) { return a.household_id < b.household_id; });
  return BuildPovertyReport(inputs);
}

absl::Status PovertyReports::CommuneReport(const v1::CommuneReportRequest& request,
                                           v1::CommuneReportResponse* response) const {
  RETURN_IF_ERROR(CheckCommuneScope(*rounds_, request.round_id(), request.commune_code(), ""));
  ASSIGN_OR_RETURN(const v1::Date as_of, AsOf(request.as_of()));
  ASSIGN_OR_RETURN(*response->mutable_report(),
                   ReportOf(request.round_id(), request.commune_code(), as_of));
  return absl::OkStatus();
}

absl::Status PovertyReports::ProvinceReport(const v1::ProvinceReportRequest& request,
                                            v1::ProvinceReportResponse* response) const {
  RETURN_IF_ERROR(rounds_->Check(request.round_id(), "round_id"));
  if (request.province_code().empty()) return absl::InvalidArgumentError("province_code: required");
  ASSIGN_OR_RETURN(const v1::Date as_of, AsOf(request.as_of()));
  const v1::RoundTargets& targets = rounds_->targets(request.round_id());
  std::vector<v1::PovertyReport> communes;
  for (const v1::CommuneTargets* commune :
       rules::CommunesOfProvince(targets, request.province_code())) {
    ASSIGN_OR_RETURN(communes.emplace_back(),
                     ReportOf(request.round_id(), commune->commune_code(), as_of));
  }
  const v1::ProvinceTargets* province =
      rules::FindProvinceTargets(targets, request.province_code());
  response->Clear();
  *response->mutable_report() = SumPovertyReports(
      request.round_id(), request.province_code(), province != nullptr ? province->name() : "",
      communes, province != nullptr && province->has_targets() ? &province->targets() : nullptr);
  for (v1::PovertyReport& commune : communes) *response->add_communes() = std::move(commune);
  return absl::OkStatus();
}

}  // namespace rasoat
