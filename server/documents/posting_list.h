// The public posting list of a commune (DOMAIN.md "The procedure the workflow follows"): the
// households agreed by their village meeting and those on the posting, as posted at the commune
// office and the village houses — what `rasoatctl posting COMMUNE` writes from the
// ReportService.PostingList reply. Two forms with the same columns and the same summary
// (posting_summary.h):
//
//   - CSV for Excel and LibreOffice: a UTF-8 byte-order mark, RFC 4180 lines ending in CRLF,
//     the header line, one line per household, a blank line, then the summary block
//     ("Tổng hợp,Số hộ,Tổng số nhân khẩu" and one line per count). Text that a spreadsheet would
//     evaluate as a formula is guarded (csv_writing.h TextCell).
//   - A standalone printable HTML5 page (lang "vi", UTF-8, no external resource): A4, the title
//     in the <title>, the <h1> and the top of every printed page, one table whose <thead>
//     browsers repeat on each page, then the summary. All text is HTML-escaped.
//
// Columns: STT (row number from 1), Mã hộ, Họ tên chủ hộ, Thôn (the village code), Số nhân khẩu,
// Phân loại (chuẩn quốc gia), Phân loại (chuẩn địa phương) (only when the list has a local
// standard), Biến động (the outcome against the round before). Classes and outcomes are in
// Vietnamese words (vietnamese_labels.h). Rows keep the list's order (village, household id).
//
// Thread-safety: free functions without shared state.
#pragma once

#include <string>
#include <vector>

#include "rasoat/v1/report.pb.h"

namespace rasoat::documents {

// The posting list as a CSV file's bytes.
std::string PostingListCsv(const v1::PostingListResponse& list);

// The posting list as an HTML page's bytes.
std::string PostingListHtml(const v1::PostingListResponse& list);

namespace internal {

// The column headers of `list`, as both forms print them.
std::vector<std::string> PostingListColumns(const v1::PostingListResponse& list);

// `text` with &, <, >, " and ' replaced by character references: safe in HTML text and in a
// quoted attribute.
std::string HtmlEscape(const std::string& text);

// `text` as a quoted CSS string ("..." with every ASCII character but letters, digits and space
// written as a hex escape): safe inside a <style> element, whatever the text holds.
std::string CssString(const std::string& text);

}  // namespace internal

}  // namespace rasoat::documents
