// What the CSV documents of this folder share besides their lines (sync/publish/csv_export.h
// CsvLine): the UTF-8 byte-order mark Excel needs to read UTF-8, and the guard that keeps a
// recorded name from being read as a formula.
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

// `text` (a name, an id, a free text) as a spreadsheet shows it rather than evaluates it: with
// an apostrophe in front when it starts with '=', '+', '-', '@', a tab or a carriage return;
// unchanged otherwise.
std::string TextCell(const std::string& text);

}  // namespace rasoat::documents::internal
