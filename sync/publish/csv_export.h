// The public list a commune posts: published households as CSV (RFC 4180), one line each, and a
// parser for such files. Fields holding a comma, a double quote or a line break are quoted, with
// quotes doubled; lines end in CRLF; text is UTF-8 as it is (no byte-order mark: a file meant
// for Excel may be given one, which ParseCsv skips). Names are written as recorded, so a cell
// starting with '=' stays one: a spreadsheet must open the file as text, not formulas.
//
// Columns: household_id, village_code, head_name, member_count, poverty_class (enum name),
// local_poverty_class (enum name; empty where no local standard applies),
// per_capita_monthly_income_vnd, deprivation_count, deprived_indicators (enum names joined by
// ';'), approved_version, approved_by, approved_at (ISO 8601 UTC to the second,
// "2026-03-01T10:00:00Z").
//
// Thread-safety: free functions without shared state.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "rasoat/v1/admin.pb.h"

namespace rasoat::publish {

// `fields` as one CSV record (RFC 4180: a field holding a comma, a double quote or a line break
// quoted, quotes doubled), CRLF-terminated: the line every CSV rasoat writes is made of.
std::string CsvLine(const std::vector<std::string>& fields);

// The header line, CRLF-terminated.
std::string PublishedCsvHeader();

// The line of `row`, CRLF-terminated, in the header's column order.
std::string PublishedCsvRow(const v1::PublishedHousehold& row);

// The records of CSV `text`, each a list of fields, quotes removed. Accepts CRLF or LF line
// ends, a last line with or without one, and a leading UTF-8 byte-order mark. Empty text has no
// records. INVALID_ARGUMENT, naming the line, for a quoted field never closed, a quote inside an
// unquoted field, or text after a closing quote.
absl::StatusOr<std::vector<std::vector<std::string>>> ParseCsv(std::string_view text);

}  // namespace rasoat::publish
