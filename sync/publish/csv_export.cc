#include "sync/publish/csv_export.h"

#include <cstddef>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/time/time.h"
#include "sync/publish/published_columns.h"

namespace rasoat::publish {
namespace {

constexpr std::string_view kByteOrderMark = "\xEF\xBB\xBF";

// `value` as one CSV field: quoted only when it must be.
std::string Field(const std::string& value) {
  if (value.find_first_of(",\"\r\n") == std::string::npos) return value;
  std::string quoted = "\"";
  for (const char c : value) {
    if (c == '"') quoted.push_back('"');
    quoted.push_back(c);
  }
  quoted.push_back('"');
  return quoted;
}

absl::Status Malformed(int line, const char* what) {
  return absl::InvalidArgumentError(absl::StrCat("CSV line ", line, ": ", what));
}

}  // namespace

std::string CsvLine(const std::vector<std::string>& fields) {
  std::string line;
  for (size_t i = 0; i < fields.size(); ++i) {
    if (i > 0) line.push_back(',');
    line += Field(fields[i]);
  }
  line += "\r\n";
  return line;
}

std::string PublishedCsvHeader() {
  return CsvLine({"household_id", "village_code", "head_name", "member_count", "poverty_class",
                  "local_poverty_class", "per_capita_monthly_income_vnd", "deprivation_count",
                  "deprived_indicators", "approved_version", "approved_by", "approved_at"});
}

std::string PublishedCsvRow(const v1::PublishedHousehold& row) {
  std::vector<std::string> indicators;
  for (const int indicator : row.deprived_indicators()) {
    indicators.push_back(internal::EnumName(v1::Indicator_descriptor(), indicator));
  }
  return CsvLine(
      {row.household_id(), row.village_code(), row.head_name(), absl::StrCat(row.member_count()),
       internal::EnumName(v1::PovertyClass_descriptor(), row.poverty_class()),
       row.local_poverty_class() == v1::POVERTY_CLASS_UNSPECIFIED
           ? ""
           : internal::EnumName(v1::PovertyClass_descriptor(), row.local_poverty_class()),
       absl::StrCat(row.per_capita_monthly_income_vnd()), absl::StrCat(row.deprivation_count()),
       absl::StrJoin(indicators, ";"), absl::StrCat(row.approved_version()), row.approved_by(),
       absl::FormatTime("%Y-%m-%dT%H:%M:%SZ", absl::FromUnixMicros(row.approved_at_unix_micros()),
                        absl::UTCTimeZone())});
}

absl::StatusOr<std::vector<std::vector<std::string>>> ParseCsv(std::string_view text) {
  if (text.substr(0, kByteOrderMark.size()) == kByteOrderMark) {
    text.remove_prefix(kByteOrderMark.size());
  }
  std::vector<std::vector<std::string>> records;
  const size_t n = text.size();
  size_t i = 0;
  int line = 1;
  const auto at_field_end = [&] {
    return i == n || text[i] == ',' || text[i] == '\r' || text[i] == '\n';
  };
  while (i < n) {
    std::vector<std::string> record;
    while (true) {
      std::string field;
      if (i < n && text[i] == '"') {
        const int opened = line;
        ++i;
        while (true) {
          if (i == n) return Malformed(opened, "quoted field never closed");
          const char c = text[i++];
          if (c == '"') {
            if (i < n && text[i] == '"') {
              field.push_back('"');
              ++i;
              continue;
            }
            break;
          }
          if (c == '\n') ++line;
          field.push_back(c);
        }
        if (!at_field_end()) return Malformed(line, "text after a closing quote");
      } else {
        while (!at_field_end()) {
          if (text[i] == '"') return Malformed(line, "quote inside an unquoted field");
          field.push_back(text[i++]);
        }
      }
      record.push_back(std::move(field));
      if (i < n && text[i] == ',') {
        ++i;
        continue;
      }
      break;
    }
    // The record ends at CRLF, LF (or a lone CR), or the end of the text.
    if (i < n && text[i] == '\r') ++i;
    if (i < n && text[i] == '\n') ++i;
    ++line;
    records.push_back(std::move(record));
  }
  return records;
}

}  // namespace rasoat::publish
