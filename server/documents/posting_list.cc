#include "server/documents/posting_list.h"

#include <cstddef>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_replace.h"
#include "server/documents/csv_writing.h"
#include "server/documents/posting_summary.h"
#include "server/documents/vietnamese_labels.h"
#include "sync/publish/csv_export.h"

namespace rasoat::documents {
namespace {

bool HasLocalStandard(const v1::PostingListResponse& list) {
  return !list.local_standard_name().empty();
}

// The cells of the household at `index` (from 0), in PostingListColumns' order. The text cells
// (id, name, village) go through `text`: the CSV guards them, the HTML page escapes them.
template <typename TextFn>
std::vector<std::string> Cells(const v1::PostingListResponse& list, int index, TextFn text) {
  const v1::PostingEntry& entry = list.entries(index);
  std::vector<std::string> cells = {absl::StrCat(index + 1),
                                    text(entry.household_id()),
                                    text(entry.head_name()),
                                    text(entry.village_code()),
                                    absl::StrCat(entry.member_count()),
                                    PovertyClassLabel(entry.poverty_class())};
  if (HasLocalStandard(list)) cells.push_back(PovertyClassLabel(entry.local_poverty_class()));
  cells.push_back(OutcomeLabel(entry.outcome()));
  return cells;
}

// The <td> of `column` on the page: numbers right-aligned, codes and numbers never broken over
// two lines ("HH-" then "001"), the head's name given room.
const char* CellTag(size_t column) {
  switch (column) {
    case 0:
    case 4:
      return "<td class=\"number\">";
    case 1:
    case 3:
      return "<td class=\"code\">";
    case 2:
      return "<td class=\"name\">";
    default:
      return "<td>";
  }
}

// The page's style sheet. $TITLE is replaced by the title as a CSS string: the running header of
// every printed page, over the table's repeated <thead>.
constexpr char kPageStyle[] = R"css(
@page {
  size: A4;
  margin: 18mm 12mm 16mm 12mm;
  @top-center { content: $TITLE; font-size: 8pt; }
  @bottom-right { content: "Trang " counter(page) "/" counter(pages); font-size: 8pt; }
}
body { font-family: "DejaVu Sans", "Noto Sans", "Liberation Sans", Arial, sans-serif;
       font-size: 10pt; margin: 0; }
h1 { font-size: 13pt; text-align: center; margin: 0 0 4pt 0; }
p.standards { text-align: center; margin: 0 0 8pt 0; }
table { width: 100%; border-collapse: collapse; }
thead { display: table-header-group; }
tr { break-inside: avoid; }
th, td { border: 0.6pt solid #000; padding: 2pt 4pt; vertical-align: top; }
th { background: #eee; print-color-adjust: exact; -webkit-print-color-adjust: exact; }
td.number { text-align: right; white-space: nowrap; }
td.code { white-space: nowrap; }
td.name { width: 22%; }
td.empty { text-align: center; font-style: italic; }
section.summary { break-inside: avoid; margin-top: 10pt; }
h2 { font-size: 11pt; margin: 0 0 4pt 0; }
)css";

}  // namespace

namespace internal {

std::vector<std::string> PostingListColumns(const v1::PostingListResponse& list) {
  std::vector<std::string> columns = {"STT",  "Mã hộ",        "Họ tên chủ hộ",
                                      "Thôn", "Số nhân khẩu", "Phân loại (chuẩn quốc gia)"};
  if (HasLocalStandard(list)) columns.push_back("Phân loại (chuẩn địa phương)");
  columns.push_back("Biến động");
  return columns;
}

std::string HtmlEscape(const std::string& text) {
  std::string escaped;
  escaped.reserve(text.size());
  for (const char c : text) {
    switch (c) {
      case '&':
        escaped += "&amp;";
        break;
      case '<':
        escaped += "&lt;";
        break;
      case '>':
        escaped += "&gt;";
        break;
      case '"':
        escaped += "&quot;";
        break;
      case '\'':
        escaped += "&#39;";
        break;
      default:
        escaped.push_back(c);
    }
  }
  return escaped;
}

std::string CssString(const std::string& text) {
  std::string quoted = "\"";
  for (const char c : text) {
    const auto byte = static_cast<unsigned char>(c);
    const bool plain = byte >= 0x80 || byte == ' ' || (byte >= '0' && byte <= '9') ||
                       (byte >= 'A' && byte <= 'Z') || (byte >= 'a' && byte <= 'z');
    if (plain) {
      quoted.push_back(c);
    } else {
      // The space ends the escape, so a hex digit after it is read as text.
      absl::StrAppendFormat(&quoted, "\\%x ", byte);
    }
  }
  quoted.push_back('"');
  return quoted;
}

}  // namespace internal

std::string PostingListCsv(const v1::PostingListResponse& list) {
  std::string csv(internal::kUtf8ByteOrderMark);
  csv += publish::CsvLine(internal::PostingListColumns(list));
  for (int i = 0; i < list.entries_size(); ++i) {
    csv += publish::CsvLine(Cells(list, i, internal::TextCell));
  }
  csv += "\r\n";
  csv += publish::CsvLine({"Tổng hợp", "Số hộ", "Tổng số nhân khẩu"});
  for (const SummaryLine& line : PostingSummary(list)) {
    csv +=
        publish::CsvLine({line.label, absl::StrCat(line.households), absl::StrCat(line.members)});
  }
  csv += publish::CsvLine({"Chuẩn nghèo quốc gia", internal::TextCell(list.standard_name())});
  if (HasLocalStandard(list)) {
    csv += publish::CsvLine(
        {"Chuẩn nghèo địa phương", internal::TextCell(list.local_standard_name())});
  }
  return csv;
}

std::string PostingListHtml(const v1::PostingListResponse& list) {
  using internal::HtmlEscape;
  const std::string title = PostingListTitle(list);
  std::string html = absl::StrCat(
      "<!DOCTYPE html>\n<html lang=\"vi\">\n<head>\n<meta charset=\"utf-8\">\n<title>",
      HtmlEscape(title), "</title>\n<style>",
      absl::StrReplaceAll(kPageStyle, {{"$TITLE", internal::CssString(title)}}),
      "</style>\n</head>\n<body>\n<h1>", HtmlEscape(title),
      "</h1>\n<p class=\"standards\">Chuẩn nghèo quốc gia: ", HtmlEscape(list.standard_name()));
  if (HasLocalStandard(list)) {
    absl::StrAppend(&html, "; chuẩn nghèo địa phương: ", HtmlEscape(list.local_standard_name()));
  }
  html += "</p>\n<table>\n<thead>\n<tr>";
  const std::vector<std::string> columns = internal::PostingListColumns(list);
  for (const std::string& column : columns) absl::StrAppend(&html, "<th>", column, "</th>");
  html += "</tr>\n</thead>\n<tbody>\n";
  for (int i = 0; i < list.entries_size(); ++i) {
    const std::vector<std::string> cells = Cells(list, i, HtmlEscape);
    html += "<tr>";
    for (size_t column = 0; column < cells.size(); ++column) {
      absl::StrAppend(&html, CellTag(column), cells[column], "</td>");
    }
    html += "</tr>\n";
  }
  if (list.entries().empty()) {
    absl::StrAppend(&html, "<tr><td class=\"empty\" colspan=\"", columns.size(),
                    "\">Không có hộ nào trong danh sách.</td></tr>\n");
  }
  html += "</tbody>\n</table>\n<section class=\"summary\">\n<h2>Tổng hợp</h2>\n<ul>\n";
  for (const SummaryLine& line : PostingSummary(list)) {
    absl::StrAppend(&html, "<li>", line.label, ": <strong>", line.households,
                    "</strong> hộ, <strong>", line.members, "</strong> nhân khẩu</li>\n");
  }
  html += "</ul>\n</section>\n</body>\n</html>\n";
  return html;
}

}  // namespace rasoat::documents
