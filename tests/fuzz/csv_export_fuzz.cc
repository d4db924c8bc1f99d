// Fuzzes the public CSV list of a commune (sync/publish/csv_export.h). The input is a
// serialized v1::PublishedHousehold; its line after the header must parse back (ParseCsv) to
// exactly two records of as many fields as the header, the header's names and the row's values
// as they were written, whatever the names hold (commas, quotes, line breaks, a byte-order
// mark). The input bytes are also parsed as CSV themselves, for a crash.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/str_cat.h"
#include "rasoat/v1/admin.pb.h"
#include "sync/publish/csv_export.h"
#include "tests/fuzz/fuzz_input.h"

namespace rasoat {
namespace {

using fuzz::Require;

using CsvRecords = std::vector<std::vector<std::string>>;

constexpr size_t kColumns = 12;

void FuzzCsvExport(const uint8_t* data, size_t size) {
  const std::string_view bytes(reinterpret_cast<const char*>(data), size);
  if (const absl::StatusOr<CsvRecords> records = publish::ParseCsv(bytes); records.ok()) {
    for (const std::vector<std::string>& record : *records) {
      Require(!record.empty(), "a CSV record has at least one field");
    }
  }

  v1::PublishedHousehold row;
  if (!row.ParseFromArray(data, static_cast<int>(size))) return;
  const absl::StatusOr<CsvRecords> parsed =
      publish::ParseCsv(publish::PublishedCsvHeader() + publish::PublishedCsvRow(row));
  Require(parsed.ok(), "the header and a row parse as CSV");
  Require(parsed->size() == 2, "the header and a row are two records");
  const std::vector<std::string>& header = (*parsed)[0];
  const std::vector<std::string>& fields = (*parsed)[1];
  Require(header.size() == kColumns && fields.size() == header.size(),
          "a row has as many fields as the header");
  Require(header[0] == "household_id" && header[11] == "approved_at",
          "the header names the columns");
  Require(fields[0] == row.household_id() && fields[1] == row.village_code() &&
              fields[2] == row.head_name() && fields[10] == row.approved_by(),
          "a row's text parses back as it was");
  Require(fields[3] == absl::StrCat(row.member_count()) &&
              fields[6] == absl::StrCat(row.per_capita_monthly_income_vnd()) &&
              fields[7] == absl::StrCat(row.deprivation_count()) &&
              fields[9] == absl::StrCat(row.approved_version()),
          "a row's numbers parse back as they were");
}

}  // namespace
}  // namespace rasoat

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  rasoat::FuzzCsvExport(data, size);
  return 0;
}
