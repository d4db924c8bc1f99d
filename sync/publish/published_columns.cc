#include "sync/publish/published_columns.h"

#include <limits>
#include <vector>

#include <google/protobuf/util/json_util.h>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "absl/time/time.h"

namespace rasoat::publish::internal {
namespace {

using google::protobuf::EnumDescriptor;
using google::protobuf::EnumValueDescriptor;

constexpr char kIsoFormat[] = "%Y-%m-%dT%H:%M:%E6SZ";
// 9999-12-31T23:59:59.999999Z: four-digit years keep the text sortable and readable by both
// databases.
constexpr int64_t kMaxApprovedAtMicros = 253402300799999999;

absl::StatusOr<int> EnumValue(const EnumDescriptor* type, const std::string& name,
                              const PublishedColumns& columns) {
  if (const EnumValueDescriptor* found = type->FindValueByName(name); found != nullptr) {
    return found->number();
  }
  int number = 0;
  if (absl::SimpleAtoi(name, &number)) return number;
  return absl::FailedPreconditionError(absl::StrCat(
      "program store row (", columns.round_id, ", ", columns.household_id, ") has ", type->name(),
      " \"", name, "\", unknown to this build: written by a newer rasoatd?"));
}

}  // namespace

std::string DateText(const v1::Date& date) {
  if (date.year() == 0) return "";
  return absl::StrFormat("%04d-%02d-%02d", date.year(), date.month(), date.day());
}

bool ParseDateText(const std::string& text, v1::Date* date) {
  date->Clear();
  if (text.empty()) return true;
  int year = 0;
  int month = 0;
  int day = 0;
  const std::vector<absl::string_view> parts = absl::StrSplit(text, '-');
  if (parts.size() != 3 || !absl::SimpleAtoi(parts[0], &year) ||
      !absl::SimpleAtoi(parts[1], &month) || !absl::SimpleAtoi(parts[2], &day)) {
    return false;
  }
  date->set_year(year);
  date->set_month(month);
  date->set_day(day);
  return true;
}

std::string EnumName(const EnumDescriptor* type, int value) {
  const EnumValueDescriptor* found = type->FindValueByNumber(value);
  return found != nullptr ? found->name() : absl::StrCat(value);
}

std::string IsoMicros(int64_t unix_micros) {
  return absl::FormatTime(kIsoFormat, absl::FromUnixMicros(unix_micros), absl::UTCTimeZone());
}

absl::StatusOr<PublishedColumns> ToColumns(const v1::PublishedHousehold& row) {
  if (row.round_id().empty() || row.household_id().empty()) {
    return absl::InvalidArgumentError("published household needs round_id and household_id");
  }
  if (row.approved_version() == 0) {
    return absl::InvalidArgumentError(
        absl::StrCat("published household ", row.household_id(), " needs approved_version"));
  }
  if (row.approved_version() > static_cast<uint64_t>(std::numeric_limits<int64_t>::max())) {
    return absl::InvalidArgumentError(absl::StrCat("approved_version ", row.approved_version(),
                                                   " does not fit a signed 64-bit column"));
  }
  if (row.approved_at_unix_micros() < 0 || row.approved_at_unix_micros() > kMaxApprovedAtMicros) {
    return absl::InvalidArgumentError(absl::StrCat(
        "approved_at_unix_micros ", row.approved_at_unix_micros(), " is outside 1970..9999"));
  }
  for (const std::string* text :
       {&row.round_id(), &row.household_id(), &row.province_code(), &row.commune_code(),
        &row.village_code(), &row.head_name(), &row.approved_by(), &row.standard_name(),
        &row.local_standard_name(), &row.recognition_decision()}) {
    // PostgreSQL text cannot hold NUL, and libpq would cut the value there.
    if (text->find('\0') != std::string::npos) {
      return absl::InvalidArgumentError(absl::StrCat("published household ", row.household_id(),
                                                     " has a NUL character in a text field"));
    }
  }
  PublishedColumns columns;
  columns.round_id = row.round_id();
  columns.household_id = row.household_id();
  columns.province_code = row.province_code();
  columns.commune_code = row.commune_code();
  columns.village_code = row.village_code();
  columns.area = EnumName(v1::Area_descriptor(), row.area());
  columns.poverty_class = EnumName(v1::PovertyClass_descriptor(), row.poverty_class());
  columns.per_capita_monthly_income_vnd = row.per_capita_monthly_income_vnd();
  columns.deprivation_count = row.deprivation_count();
  std::vector<std::string> indicators;
  for (int indicator : row.deprived_indicators()) {
    indicators.push_back(EnumName(v1::Indicator_descriptor(), indicator));
  }
  columns.deprived_indicators = absl::StrJoin(indicators, ",");
  columns.member_count = row.member_count();
  columns.head_name = row.head_name();
  columns.approved_version = static_cast<int64_t>(row.approved_version());
  columns.approved_by = row.approved_by();
  columns.approved_at = IsoMicros(row.approved_at_unix_micros());
  columns.standard_name = row.standard_name();
  if (row.local_poverty_class() != v1::POVERTY_CLASS_UNSPECIFIED) {
    columns.local_poverty_class =
        EnumName(v1::PovertyClass_descriptor(), row.local_poverty_class());
  }
  columns.local_standard_name = row.local_standard_name();
  if (row.outcome() != v1::HOUSEHOLD_OUTCOME_UNSPECIFIED) {
    columns.outcome = EnumName(v1::HouseholdOutcome_descriptor(), row.outcome());
  }
  columns.escaped_on = DateText(row.escaped_on());
  columns.recognition_decision = row.recognition_decision();
  columns.recognised_on = DateText(row.recognised_on());
  if (!row.record().SerializeToString(&columns.record)) {
    return absl::InvalidArgumentError(
        absl::StrCat("cannot serialize the record of household ", row.household_id()));
  }
  google::protobuf::util::JsonPrintOptions json_options;
  json_options.preserve_proto_field_names = true;
  if (auto status = google::protobuf::util::MessageToJsonString(row.record(), &columns.record_json,
                                                                json_options);
      !status.ok()) {
    return absl::InvalidArgumentError(absl::StrCat("cannot turn the record of household ",
                                                   row.household_id(),
                                                   " into JSON: ", status.ToString()));
  }
  return columns;
}

absl::StatusOr<v1::PublishedHousehold> FromColumns(const PublishedColumns& columns) {
  v1::PublishedHousehold row;
  row.set_round_id(columns.round_id);
  row.set_household_id(columns.household_id);
  row.set_province_code(columns.province_code);
  row.set_commune_code(columns.commune_code);
  row.set_village_code(columns.village_code);
  absl::StatusOr<int> area = EnumValue(v1::Area_descriptor(), columns.area, columns);
  if (!area.ok()) return area.status();
  row.set_area(static_cast<v1::Area>(*area));
  absl::StatusOr<int> poverty_class =
      EnumValue(v1::PovertyClass_descriptor(), columns.poverty_class, columns);
  if (!poverty_class.ok()) return poverty_class.status();
  row.set_poverty_class(static_cast<v1::PovertyClass>(*poverty_class));
  row.set_per_capita_monthly_income_vnd(columns.per_capita_monthly_income_vnd);
  row.set_deprivation_count(static_cast<int32_t>(columns.deprivation_count));
  for (const absl::string_view name :
       absl::StrSplit(columns.deprived_indicators, ',', absl::SkipEmpty())) {
    absl::StatusOr<int> indicator =
        EnumValue(v1::Indicator_descriptor(), std::string(name), columns);
    if (!indicator.ok()) return indicator.status();
    row.add_deprived_indicators(static_cast<v1::Indicator>(*indicator));
  }
  row.set_member_count(static_cast<int32_t>(columns.member_count));
  row.set_head_name(columns.head_name);
  row.set_approved_version(static_cast<uint64_t>(columns.approved_version));
  row.set_approved_by(columns.approved_by);
  absl::Time approved_at;
  std::string error;
  if (!absl::ParseTime("%Y-%m-%dT%H:%M:%E*SZ", columns.approved_at, absl::UTCTimeZone(),
                       &approved_at, &error)) {
    return absl::DataLossError(absl::StrCat("program store row (", columns.round_id, ", ",
                                            columns.household_id, ") has approved_at \"",
                                            columns.approved_at, "\": ", error));
  }
  row.set_approved_at_unix_micros(absl::ToUnixMicros(approved_at));
  row.set_standard_name(columns.standard_name);
  if (!columns.local_poverty_class.empty()) {
    absl::StatusOr<int> local_class =
        EnumValue(v1::PovertyClass_descriptor(), columns.local_poverty_class, columns);
    if (!local_class.ok()) return local_class.status();
    row.set_local_poverty_class(static_cast<v1::PovertyClass>(*local_class));
  }
  row.set_local_standard_name(columns.local_standard_name);
  if (!columns.outcome.empty()) {
    absl::StatusOr<int> outcome =
        EnumValue(v1::HouseholdOutcome_descriptor(), columns.outcome, columns);
    if (!outcome.ok()) return outcome.status();
    row.set_outcome(static_cast<v1::HouseholdOutcome>(*outcome));
  }
  for (const auto& [text, date] :
       {std::pair{&columns.escaped_on, row.mutable_escaped_on()},
        std::pair{&columns.recognised_on, row.mutable_recognised_on()}}) {
    if (!ParseDateText(*text, date)) {
      return absl::DataLossError(absl::StrCat("program store row (", columns.round_id, ", ",
                                              columns.household_id, ") has a date \"", *text,
                                              "\" that is not YYYY-MM-DD"));
    }
  }
  if (columns.escaped_on.empty()) row.clear_escaped_on();
  if (columns.recognised_on.empty()) row.clear_recognised_on();
  row.set_recognition_decision(columns.recognition_decision);
  // No bytes: no record (an empty Household serializes to nothing too).
  if (!columns.record.empty() && !row.mutable_record()->ParseFromString(columns.record)) {
    return absl::DataLossError(absl::StrCat("program store row (", columns.round_id, ", ",
                                            columns.household_id,
                                            ") has a record that does not parse"));
  }
  return row;
}

}  // namespace rasoat::publish::internal
