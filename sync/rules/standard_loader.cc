#include "sync/rules/standard_loader.h"

#include <fstream>
#include <set>
#include <sstream>
#include <string>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "sync/rules/text_proto.h"

namespace rasoat::rules {
namespace {

std::string DateString(const v1::Date& date) {
  return absl::StrCat(date.year(), "-", date.month(), "-", date.day());
}

bool DateBefore(const v1::Date& a, const v1::Date& b) {
  if (a.year() != b.year()) return a.year() < b.year();
  if (a.month() != b.month()) return a.month() < b.month();
  return a.day() < b.day();
}

absl::Status CheckPositive(const v1::IncomeLine& line, const std::string& field) {
  if (line.rural_vnd() <= 0 || line.urban_vnd() <= 0) {
    return absl::InvalidArgumentError(absl::StrCat(field, " must be positive for rural and urban"));
  }
  return absl::OkStatus();
}

absl::Status CheckProcedure(const v1::ProcedureRules& procedure) {
  if (!(procedure.meeting_quorum() > 0 && procedure.meeting_quorum() <= 1)) {
    return absl::InvalidArgumentError("procedure.meeting_quorum must be in (0, 1]");
  }
  if (procedure.posting_working_days() <= 0) {
    return absl::InvalidArgumentError("procedure.posting_working_days must be positive");
  }
  if (procedure.recently_escaped_months() <= 0) {
    return absl::InvalidArgumentError("procedure.recently_escaped_months must be positive");
  }
  return absl::OkStatus();
}

bool IsProvinceCode(const std::string& code) {
  return code.size() == 2 && absl::ascii_isdigit(code[0]) && absl::ascii_isdigit(code[1]);
}

}  // namespace

absl::Status Validate(const v1::PovertyStandard& standard) {
  if (standard.name().empty()) return absl::InvalidArgumentError("name is empty");
  if (standard.has_valid_from() && standard.has_valid_to() &&
      DateBefore(standard.valid_to(), standard.valid_from())) {
    return absl::InvalidArgumentError(absl::StrCat("valid_to ", DateString(standard.valid_to()),
                                                   " is before valid_from ",
                                                   DateString(standard.valid_from())));
  }
  for (const auto& [line, field] :
       {std::pair{&standard.poor_income_line(), "poor_income_line"},
        std::pair{&standard.average_income_line(), "average_income_line"},
        std::pair{&standard.low_income_worker_line(), "low_income_worker_line"}}) {
    if (absl::Status status = CheckPositive(*line, field); !status.ok()) return status;
  }
  const v1::IncomeLine& poor = standard.poor_income_line();
  const v1::IncomeLine& average = standard.average_income_line();
  const v1::IncomeLine& worker = standard.low_income_worker_line();
  if (poor.rural_vnd() >= average.rural_vnd() || poor.urban_vnd() >= average.urban_vnd()) {
    return absl::InvalidArgumentError("poor_income_line must be under average_income_line");
  }
  if (poor.rural_vnd() > worker.rural_vnd() || poor.urban_vnd() > worker.urban_vnd()) {
    return absl::InvalidArgumentError("poor_income_line must not be above low_income_worker_line");
  }
  if (standard.indicators().empty()) return absl::InvalidArgumentError("no indicators");
  std::set<int> seen;
  for (const v1::IndicatorRule& rule : standard.indicators()) {
    if (rule.id() == v1::INDICATOR_UNSPECIFIED) {
      return absl::InvalidArgumentError("indicators: id is INDICATOR_UNSPECIFIED");
    }
    if (!seen.insert(rule.id()).second) {
      return absl::InvalidArgumentError(
          absl::StrCat("indicators: ", v1::Indicator_Name(rule.id()), " listed twice"));
    }
  }
  if (standard.deprivations_for_poor() <= 0 ||
      standard.deprivations_for_poor() > standard.indicators_size()) {
    return absl::InvalidArgumentError(
        absl::StrCat("deprivations_for_poor must be in 1..", standard.indicators_size()));
  }
  for (int i = 0; i < standard.bands_size(); ++i) {
    const v1::IncomeBand& band = standard.bands(i);
    const std::string field = absl::StrCat("bands[", i, "]");
    if (absl::Status status = CheckPositive(band.income_line(), field + ".income_line");
        !status.ok()) {
      return status;
    }
    if (band.poverty_class() == v1::POVERTY_CLASS_UNSPECIFIED || band.min_deprivations() < 0) {
      return absl::InvalidArgumentError(
          absl::StrCat(field, ": poverty_class unset or min_deprivations negative"));
    }
  }
  if (standard.max_household_members() <= 0) {
    return absl::InvalidArgumentError("max_household_members must be positive");
  }
  if (!standard.has_local()) {
    if (!standard.has_procedure()) return absl::InvalidArgumentError("procedure: required");
    if (absl::Status status = CheckProcedure(standard.procedure()); !status.ok()) return status;
  }
  return absl::OkStatus();
}

absl::Status ValidateLocalScope(const v1::PovertyStandard& standard) {
  if (standard.name().empty()) return absl::InvalidArgumentError("name is empty");
  const v1::LocalScope& local = standard.local();
  if (local.based_on().empty()) return absl::InvalidArgumentError("local.based_on: required");
  if (local.province_codes().empty()) {
    return absl::InvalidArgumentError("local.province_codes: at least one province is required");
  }
  std::set<std::string> provinces;
  for (const std::string& code : local.province_codes()) {
    if (!IsProvinceCode(code)) {
      return absl::InvalidArgumentError(
          absl::StrCat("local.province_codes: '", code, "' is not a two-digit province code"));
    }
    if (!provinces.insert(code).second) {
      return absl::InvalidArgumentError(
          absl::StrCat("local.province_codes: '", code, "' listed twice"));
    }
  }
  if (standard.has_procedure()) {
    return absl::InvalidArgumentError(
        "procedure: a local standard follows the procedure of its national standard");
  }
  return absl::OkStatus();
}

absl::StatusOr<v1::PovertyStandard> ParseStandard(const std::string& text,
                                                  const std::string& source_name) {
  v1::PovertyStandard standard;
  if (absl::Status parsed = ParseTextProto(text, source_name, &standard); !parsed.ok()) {
    return parsed;
  }
  // A local standard is checked once it is laid over its national one (local_standard.h).
  if (absl::Status status =
          standard.has_local() ? ValidateLocalScope(standard) : Validate(standard);
      !status.ok()) {
    return absl::InvalidArgumentError(absl::StrCat(source_name, ": ", status.message()));
  }
  return standard;
}

absl::StatusOr<v1::PovertyStandard> LoadStandard(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return absl::NotFoundError(absl::StrCat("cannot open standard file ", path));
  std::ostringstream text;
  text << in.rdbuf();
  return ParseStandard(text.str(), path);
}

}  // namespace rasoat::rules
