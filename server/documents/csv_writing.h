// What the CSV documents of this folder share: one record as an RFC 4180 line (fields holding a
// comma, a double quote or a line break are quoted, quotes doubled; CRLF at the end, as
// sync/publish/csv_export.h writes), the UTF-8 byte-order mark Excel needs to read UTF-8, and the
// guard that keeps a recorded name from being read as a formula.
//
// A document for people is opened by double-clicking it: Excel and LibreOffice then evaluate a
// cell starting with '=', '+', '-' or '@' as a formula (a name typed "=HYPERLINK(...)" would be a
// link). TextCell() writes such text with a leading apostrophe, the usual guard, so it shows as
// written. Machine-readable files (sync/publish) keep the text as recorded.
//
// Thread-safety: free functions without shared state.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace rasoat::documents::internal {

// Excel reads a CSV file as UTF-8 only when it starts with this.
inline constexpr std::string_view kUtf8ByteOrderMark = "\xEF\xBB\xBF";

// `fields` as one CSV record, CRLF-terminated.
std::string CsvLine(const std::vector<std::string>& fields);

// `text` (a name, an id, a free text) as a spreadsheet shows it rather than evaluates it: with
// an apostrophe in front when it starts with '=', '+', '-', '@', a tab or a carriage return;
// unchanged otherwise.
std::string TextCell(const std::string& text);

}  // namespace rasoat::documents::internal
