#include "sync/rules/standard_loader.h"

#include <fstream>
#include <set>
#include <sstream>
#include <string>

#include <google/protobuf/io/tokenizer.h>
#include <google/protobuf/text_format.h>

#include "absl/strings/str_cat.h"

namespace rasoat::rules {
namespace {

// Keeps the first parse error with its (1-based) position.
class FirstErrorCollector final : public google::protobuf::io::ErrorCollector {
 public:
  void AddError(int line, google::protobuf::io::ColumnNumber column,
                const std::string& message) override {
    if (error_.empty()) {
      error_ = absl::StrCat(line + 1, ":", column + 1, ": ", message);
    }
  }
  const std::string& error() const { return error_; }

 private:
  std::string error_;
};

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

// `override_line` must be unset (0) or at least `national`, for both areas.
absl::Status CheckRaises(const v1::IncomeLine& override_line, const v1::IncomeLine& national,
                         const std::string& field) {
  const auto raises = [](int64_t value, int64_t base) { return value == 0 || value >= base; };
  if (override_line.rural_vnd() < 0 || override_line.urban_vnd() < 0 ||
      !raises(override_line.rural_vnd(), national.rural_vnd()) ||
      !raises(override_line.urban_vnd(), national.urban_vnd())) {
    return absl::InvalidArgumentError(
        absl::StrCat(field, " may only raise the national line (rural ", national.rural_vnd(),
                     ", urban ", national.urban_vnd(), ")"));
  }
  return absl::OkStatus();
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
  std::set<std::string> provinces;
  for (const v1::ProvinceOverride& local : standard.province_overrides()) {
    const std::string field = absl::StrCat("province_overrides[", local.province_code(), "]");
    if (local.province_code().empty()) {
      return absl::InvalidArgumentError("province_overrides: province_code is empty");
    }
    if (!provinces.insert(local.province_code()).second) {
      return absl::InvalidArgumentError(absl::StrCat(field, " listed twice"));
    }
    for (const auto& [line, national, name] :
         {std::tuple{&local.poor_income_line(), &poor, "poor_income_line"},
          std::tuple{&local.average_income_line(), &average, "average_income_line"},
          std::tuple{&local.low_income_worker_line(), &worker, "low_income_worker_line"}}) {
      if (absl::Status status = CheckRaises(*line, *national, absl::StrCat(field, ".", name));
          !status.ok()) {
        return status;
      }
    }
  }
  return absl::OkStatus();
}

absl::StatusOr<v1::PovertyStandard> ParseStandard(const std::string& text,
                                                  const std::string& source_name) {
  v1::PovertyStandard standard;
  FirstErrorCollector errors;
  google::protobuf::TextFormat::Parser parser;
  parser.RecordErrorsTo(&errors);
  if (!parser.ParseFromString(text, &standard)) {
    return absl::InvalidArgumentError(absl::StrCat(source_name, ":", errors.error()));
  }
  if (absl::Status status = Validate(standard); !status.ok()) {
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
