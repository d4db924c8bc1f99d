// The public posting list of server/documents/posting_list.h in both forms: the CSV (byte-order
// mark, CRLF, Vietnamese headers, quoting, the formula guard, the summary counts worked out by
// hand) and the HTML page (title, A4, one table with a repeated header, escaping, nothing
// fetched from elsewhere). What LibreOffice and Chromium make of them is
// posting_list_pdf_test.cc.
#include "server/documents/posting_list.h"

#include <string>
#include <vector>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "rasoat/v1/report.pb.h"
#include "server/documents/posting_summary.h"
#include "sync/publish/csv_export.h"

namespace rasoat::documents {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::Not;

constexpr char kByteOrderMark[] = "\xEF\xBB\xBF";

v1::PostingEntry Entry(const std::string& id, const std::string& head, const std::string& village,
                       uint32_t members, v1::PovertyClass poverty_class,
                       v1::HouseholdOutcome outcome) {
  v1::PostingEntry entry;
  entry.set_household_id(id);
  entry.set_version(3);
  entry.set_village_code(village);
  entry.set_head_name(head);
  entry.set_member_count(members);
  entry.set_poverty_class(poverty_class);
  entry.set_outcome(outcome);
  entry.set_procedure_step(v1::PROCEDURE_STEP_POSTED);
  return entry;
}

// Six households of commune 00127 "Tân Lập", by the national standard only.
v1::PostingListResponse TanLap() {
  v1::PostingListResponse list;
  list.set_round_id("2026");
  list.set_commune_code("00127");
  list.set_commune_name("Tân Lập");
  list.set_standard_name("decree-07-2021");
  *list.add_entries() = Entry("HH-001", "Nguyễn Văn An", "T01", 4, v1::POVERTY_CLASS_POOR,
                              v1::HOUSEHOLD_OUTCOME_UNCHANGED);
  *list.add_entries() = Entry("HH-002", "Lò Văn \"Út\", con", "T01", 5, v1::POVERTY_CLASS_POOR,
                              v1::HOUSEHOLD_OUTCOME_NEW_POOR);
  *list.add_entries() = Entry("HH-003", "Trần Thị Bích", "T01", 3, v1::POVERTY_CLASS_NEAR_POOR,
                              v1::HOUSEHOLD_OUTCOME_POOR_TO_NEAR_POOR);
  *list.add_entries() = Entry("HH-004", "Phạm Văn Cường", "T02", 6, v1::POVERTY_CLASS_NOT_POOR,
                              v1::HOUSEHOLD_OUTCOME_ESCAPED_POOR);
  *list.add_entries() = Entry("HH-005", "Đỗ Thị Dung", "T02", 2, v1::POVERTY_CLASS_NOT_POOR,
                              v1::HOUSEHOLD_OUTCOME_ESCAPED_NEAR_POOR);
  *list.add_entries() =
      Entry("HH-006", "Hoàng Văn Đức", "T02", 7, v1::POVERTY_CLASS_AVERAGE_LIVING_STANDARD,
            v1::HOUSEHOLD_OUTCOME_ESCAPED_POOR);
  return list;
}

std::vector<std::vector<std::string>> Parsed(const std::string& csv) {
  absl::StatusOr<std::vector<std::vector<std::string>>> records = publish::ParseCsv(csv);
  EXPECT_TRUE(records.ok()) << records.status();
  return records.ok() ? *records : std::vector<std::vector<std::string>>();
}

TEST(PostingListCsvTest, StartsWithAByteOrderMarkThenTheVietnameseHeaders) {
  const std::string csv = PostingListCsv(TanLap());
  ASSERT_EQ(csv.substr(0, 3), kByteOrderMark);
  EXPECT_EQ(csv.substr(3, csv.find("\r\n") + 2 - 3),
            "STT,Mã hộ,Họ tên chủ hộ,Thôn,Số nhân khẩu,Phân loại (chuẩn quốc gia),Biến động\r\n");
}

TEST(PostingListCsvTest, EveryLineEndsInCrLf) {
  const std::string csv = PostingListCsv(TanLap());
  ASSERT_GE(csv.size(), 2u);
  EXPECT_EQ(csv.substr(csv.size() - 2), "\r\n");
  for (size_t i = 0; i < csv.size(); ++i) {
    if (csv[i] == '\n') {
      EXPECT_EQ(csv[i - 1], '\r') << "at byte " << i;
    }
  }
}

TEST(PostingListCsvTest, OneLineAHouseholdWithRowNumberAndVietnameseWords) {
  const std::vector<std::vector<std::string>> records = Parsed(PostingListCsv(TanLap()));
  ASSERT_GE(records.size(), 7u);
  EXPECT_THAT(records[1],
              ElementsAre("1", "HH-001", "Nguyễn Văn An", "T01", "4", "Hộ nghèo", "Không đổi"));
  EXPECT_THAT(records[3], ElementsAre("3", "HH-003", "Trần Thị Bích", "T01", "3", "Hộ cận nghèo",
                                      "Từ nghèo sang cận nghèo"));
  EXPECT_THAT(records[6], ElementsAre("6", "HH-006", "Hoàng Văn Đức", "T02", "7",
                                      "Hộ có mức sống trung bình", "Thoát nghèo"));
}

TEST(PostingListCsvTest, QuotesANameWithACommaAndQuotes) {
  const std::string csv = PostingListCsv(TanLap());
  EXPECT_THAT(csv,
              HasSubstr("\r\n2,HH-002,\"Lò Văn \"\"Út\"\", con\",T01,5,Hộ nghèo,Hộ nghèo mới\r\n"));
  EXPECT_EQ(Parsed(csv)[2][2], "Lò Văn \"Út\", con");
}

TEST(PostingListCsvTest, GuardsTextASpreadsheetWouldEvaluate) {
  v1::PostingListResponse list = TanLap();
  list.mutable_entries(0)->set_head_name("=HYPERLINK(\"http://x\")");
  list.mutable_entries(1)->set_head_name("-Lê Văn Em");
  const std::vector<std::vector<std::string>> records = Parsed(PostingListCsv(list));
  EXPECT_EQ(records[1][2], "'=HYPERLINK(\"http://x\")");
  EXPECT_EQ(records[2][2], "'-Lê Văn Em");
}

// By hand over TanLap(): poor HH-001 (4) and HH-002 (5); near-poor HH-003 (3); escaped poverty
// HH-004 (6) and HH-006 (7) — HH-003 went from poor to near-poor and counts as near-poor only;
// escaped near-poverty HH-005 (2). All six: 27 members.
TEST(PostingListCsvTest, EndsWithTheSummaryCountedByHand) {
  const std::string csv = PostingListCsv(TanLap());
  EXPECT_THAT(csv, HasSubstr("\r\n\r\n"
                             "Tổng hợp,Số hộ,Tổng số nhân khẩu\r\n"
                             "Tổng số hộ trong danh sách,6,27\r\n"
                             "Tổng số hộ nghèo,2,9\r\n"
                             "Tổng số hộ cận nghèo,1,3\r\n"
                             "Tổng số hộ thoát nghèo,2,13\r\n"
                             "Tổng số hộ thoát cận nghèo,1,2\r\n"
                             "Chuẩn nghèo quốc gia,decree-07-2021\r\n"));
  EXPECT_THAT(csv, Not(HasSubstr("địa phương")));
}

// Bắc Ninh's local standard: the local class in a column of its own and counted apart.
TEST(PostingListCsvTest, ALocalStandardAddsItsColumnAndItsCounts) {
  v1::PostingListResponse list = TanLap();
  list.set_local_standard_name("bac-ninh-2026");
  list.mutable_entries(0)->set_local_poverty_class(v1::POVERTY_CLASS_POOR);
  list.mutable_entries(1)->set_local_poverty_class(v1::POVERTY_CLASS_POOR);
  list.mutable_entries(2)->set_local_poverty_class(v1::POVERTY_CLASS_POOR);
  list.mutable_entries(5)->set_local_poverty_class(v1::POVERTY_CLASS_NEAR_POOR);
  const std::string csv = PostingListCsv(list);
  const std::vector<std::vector<std::string>> records = Parsed(csv);
  EXPECT_THAT(records[0], ElementsAre("STT", "Mã hộ", "Họ tên chủ hộ", "Thôn", "Số nhân khẩu",
                                      "Phân loại (chuẩn quốc gia)", "Phân loại (chuẩn địa phương)",
                                      "Biến động"));
  EXPECT_THAT(records[3], ElementsAre("3", "HH-003", "Trần Thị Bích", "T01", "3", "Hộ cận nghèo",
                                      "Hộ nghèo", "Từ nghèo sang cận nghèo"));
  EXPECT_EQ(records[4][6], "");
  EXPECT_THAT(csv, HasSubstr("Tổng số hộ nghèo,2,9\r\n"));
  EXPECT_THAT(csv, HasSubstr("Tổng số hộ nghèo (chuẩn địa phương),3,12\r\n"
                             "Tổng số hộ cận nghèo (chuẩn địa phương),1,7\r\n"
                             "Chuẩn nghèo quốc gia,decree-07-2021\r\n"
                             "Chuẩn nghèo địa phương,bac-ninh-2026\r\n"));
}

TEST(PostingListCsvTest, AnEmptyListHasItsHeadersAndZeroCounts) {
  v1::PostingListResponse list = TanLap();
  list.clear_entries();
  const std::string csv = PostingListCsv(list);
  EXPECT_THAT(csv, HasSubstr("Biến động\r\n\r\nTổng hợp,"));
  EXPECT_THAT(csv, HasSubstr("Tổng số hộ nghèo,0,0\r\n"));
}

TEST(PostingListTitleTest, NamesTheCommuneAndTheRound) {
  v1::PostingListResponse list = TanLap();
  EXPECT_EQ(PostingListTitle(list),
            "Danh sách niêm yết công khai kết quả rà soát hộ nghèo, hộ cận nghèo xã Tân Lập — đợt "
            "rà soát 2026");
  list.set_commune_name("Phường Phủ Lý");
  EXPECT_THAT(PostingListTitle(list), HasSubstr("hộ cận nghèo Phường Phủ Lý — đợt"));
  list.clear_commune_name();
  EXPECT_THAT(PostingListTitle(list), HasSubstr("hộ cận nghèo xã 00127 — đợt rà soát 2026"));
}

TEST(PostingListHtmlTest, IsAStandaloneVietnamesePageTitledWithCommuneAndRound) {
  const std::string html = PostingListHtml(TanLap());
  EXPECT_EQ(html.substr(0, 16), "<!DOCTYPE html>\n");
  EXPECT_THAT(html, HasSubstr("<html lang=\"vi\">"));
  EXPECT_THAT(html, HasSubstr("<meta charset=\"utf-8\">"));
  const std::string title =
      "Danh sách niêm yết công khai kết quả rà soát hộ nghèo, hộ cận nghèo xã Tân Lập — đợt rà "
      "soát 2026";
  EXPECT_THAT(html, HasSubstr("<title>" + title + "</title>"));
  EXPECT_THAT(html, HasSubstr("<h1>" + title + "</h1>"));
  // Nothing fetched: no script, link, image, import or url().
  for (const char* fetch : {"<script", "<link", "<img", "@import", "url(", "src=", "href="}) {
    EXPECT_THAT(html, Not(HasSubstr(fetch)));
  }
}

TEST(PostingListHtmlTest, PrintsOnA4WithOneTableWhoseHeaderRepeats) {
  const std::string html = PostingListHtml(TanLap());
  EXPECT_THAT(html, HasSubstr("@page {\n  size: A4;"));
  EXPECT_THAT(html, HasSubstr("margin: 18mm 12mm 16mm 12mm;"));
  EXPECT_THAT(html, HasSubstr("thead { display: table-header-group; }"));
  size_t tables = 0;
  for (size_t at = html.find("<table"); at != std::string::npos; at = html.find("<table", at + 1)) {
    ++tables;
  }
  EXPECT_EQ(tables, 1u);
  EXPECT_THAT(html,
              HasSubstr("<thead>\n<tr><th>STT</th><th>Mã hộ</th><th>Họ tên chủ hộ</th><th>Thôn</th>"
                        "<th>Số nhân khẩu</th><th>Phân loại (chuẩn quốc gia)</th><th>Biến "
                        "động</th></tr>\n</thead>"));
  EXPECT_THAT(html, HasSubstr("<tr><td class=\"number\">4</td><td class=\"code\">HH-004</td>"
                              "<td class=\"name\">Phạm Văn Cường</td><td class=\"code\">T02</td>"
                              "<td class=\"number\">6</td><td>Hộ không nghèo</td><td>Thoát "
                              "nghèo</td></tr>"));
}

TEST(PostingListHtmlTest, EndsWithTheSummary) {
  const std::string html = PostingListHtml(TanLap());
  EXPECT_THAT(html, HasSubstr("<li>Tổng số hộ nghèo: <strong>2</strong> hộ, <strong>9</strong> "
                              "nhân khẩu</li>"));
  EXPECT_THAT(html, HasSubstr("<li>Tổng số hộ thoát cận nghèo: <strong>1</strong> hộ, "
                              "<strong>2</strong> nhân khẩu</li>"));
  EXPECT_LT(html.find("</table>"), html.find("Tổng hợp"));
}

TEST(PostingListHtmlTest, EscapesEveryText) {
  v1::PostingListResponse list = TanLap();
  list.mutable_entries(0)->set_head_name("<script>alert('x & \"y\"')</script>");
  list.set_commune_name("A<b>\"");
  list.set_round_id("2026</title><script>");
  list.set_standard_name("<i>");
  const std::string html = PostingListHtml(list);
  EXPECT_THAT(html, Not(HasSubstr("<script")));
  EXPECT_THAT(html, Not(HasSubstr("<b>")));
  EXPECT_THAT(html, Not(HasSubstr("<i>")));
  EXPECT_THAT(
      html, HasSubstr("<td class=\"name\">&lt;script&gt;alert(&#39;x &amp; &quot;y&quot;&#39;)&lt;/"
                      "script&gt;</td>"));
  EXPECT_THAT(html, HasSubstr("<title>Danh sách niêm yết công khai kết quả rà soát hộ nghèo, hộ "
                              "cận nghèo xã A&lt;b&gt;&quot; — đợt rà soát "
                              "2026&lt;/title&gt;&lt;script&gt;</title>"));
  // The running page header is a CSS string: it cannot close the style element either.
  EXPECT_EQ(html.find("</style>"), html.rfind("</style>"));
}

TEST(PostingListHtmlTest, AnEmptyListSaysSo) {
  v1::PostingListResponse list = TanLap();
  list.clear_entries();
  EXPECT_THAT(PostingListHtml(list),
              HasSubstr("<tbody>\n<tr><td class=\"empty\" colspan=\"7\">Không có hộ nào trong "
                        "danh sách.</td></tr>\n</tbody>"));
}

TEST(PostingListInternalTest, CssStringEscapesAllButLettersDigitsAndSpaces) {
  EXPECT_EQ(internal::CssString("Xã Tân Lập 2026"), "\"Xã Tân Lập 2026\"");
  EXPECT_EQ(internal::CssString("a\"b\\c</style>"), "\"a\\22 b\\5c c\\3c \\2f style\\3e \"");
}

}  // namespace
}  // namespace rasoat::documents
