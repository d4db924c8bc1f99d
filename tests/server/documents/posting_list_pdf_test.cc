// The posting list as people get it (server/documents/posting_list.h): its CSV opened by
// LibreOffice Calc and its HTML page printed by Chromium, each turned into a PDF whose text must
// hold the Vietnamese headers, every household — head, classes and outcome in Vietnamese words —
// and the summary counts; and a page long enough for several sheets prints on A4 (pdfinfo) with
// the title and the table's header on each.
//
// How the text is read follows each layout. Calc prints a sheet wider than the page in column
// bands, page after page, each cell on one line: pdftotext -layout keeps a row's cells of one band
// together (row number, id, head), and every word. Chromium wraps a long cell over lines inside
// its row: pdftotext -raw reads the text in the order the page draws it, cell after cell, so a
// whole row reads as one line once white space is collapsed.
//
// The programs run headless on local files only, each under a time limit (timeout(1) ends it and
// its children), with HOME and their profiles in the test's temp dir. A program that is not
// installed fails the test: deploy/install-deps.sh installs them.
//
// LibreOffice 7.4 reads a CSV in the locale's charset whatever its byte-order mark, so the
// conversion names the import filter: "CSV:44,34,76,1" is comma-separated, double-quoted, UTF-8
// (76), from line 1. Excel and LibreOffice's own import dialog do read the mark.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <iterator>
#include <string>
#include <vector>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "absl/strings/string_view.h"
#include "absl/time/clock.h"
#include "absl/time/time.h"
#include "rasoat/v1/report.pb.h"
#include "server/documents/posting_list.h"
#include "server/documents/vietnamese_labels.h"
#include "tests/e2e/program_run.h"
#include "tests/support/temp_dir.h"
#include <unistd.h>

namespace rasoat::documents {
namespace {

using ::rasoat::testing::ProgramResult;
using ::rasoat::testing::TempDir;
using ::testing::HasSubstr;

// Each program may take this long, a first start with an empty profile included.
constexpr char kTimeLimitSeconds[] = "240";

struct Household {
  const char* id;
  const char* head;
  const char* village;
  uint32_t members;
  v1::PovertyClass national;
  v1::PovertyClass local;
  v1::HouseholdOutcome outcome;
  // The row as the page reads, white space collapsed.
  const char* row;
};

// Twelve households of xã Tân Lập in three villages, Bắc Ninh's local standard alongside.
const Household kHouseholds[] = {
    {"HH-001", "Nguyễn Văn An", "T01", 4, v1::POVERTY_CLASS_POOR, v1::POVERTY_CLASS_POOR,
     v1::HOUSEHOLD_OUTCOME_UNCHANGED, "1 HH-001 Nguyễn Văn An T01 4 Hộ nghèo Hộ nghèo Không đổi"},
    {"HH-002", "Trần Thị Bích", "T01", 3, v1::POVERTY_CLASS_NEAR_POOR, v1::POVERTY_CLASS_POOR,
     v1::HOUSEHOLD_OUTCOME_POOR_TO_NEAR_POOR,
     "2 HH-002 Trần Thị Bích T01 3 Hộ cận nghèo Hộ nghèo Từ nghèo sang cận nghèo"},
    {"HH-003", "Lê Văn Cường", "T01", 5, v1::POVERTY_CLASS_POOR, v1::POVERTY_CLASS_POOR,
     v1::HOUSEHOLD_OUTCOME_NEW_POOR, "3 HH-003 Lê Văn Cường T01 5 Hộ nghèo Hộ nghèo Hộ nghèo mới"},
    {"HH-004", "Phạm Thị Dung", "T01", 2, v1::POVERTY_CLASS_NOT_POOR, v1::POVERTY_CLASS_UNSPECIFIED,
     v1::HOUSEHOLD_OUTCOME_ESCAPED_POOR, "4 HH-004 Phạm Thị Dung T01 2 Hộ không nghèo Thoát nghèo"},
    {"HH-005", "Hoàng Văn Đức", "T02", 6, v1::POVERTY_CLASS_POOR, v1::POVERTY_CLASS_POOR,
     v1::HOUSEHOLD_OUTCOME_RE_POOR, "5 HH-005 Hoàng Văn Đức T02 6 Hộ nghèo Hộ nghèo Tái nghèo"},
    {"HH-006", "Vũ Thị Hằng", "T02", 4, v1::POVERTY_CLASS_NEAR_POOR, v1::POVERTY_CLASS_NEAR_POOR,
     v1::HOUSEHOLD_OUTCOME_NEW_NEAR_POOR,
     "6 HH-006 Vũ Thị Hằng T02 4 Hộ cận nghèo Hộ cận nghèo Hộ cận nghèo mới"},
    {"HH-007", "Đặng Văn Khải", "T02", 3, v1::POVERTY_CLASS_AVERAGE_LIVING_STANDARD,
     v1::POVERTY_CLASS_NEAR_POOR, v1::HOUSEHOLD_OUTCOME_ESCAPED_NEAR_POOR,
     "7 HH-007 Đặng Văn Khải T02 3 Hộ có mức sống trung bình Hộ cận nghèo Thoát cận nghèo"},
    {"HH-008", "Bùi Thị Loan", "T02", 5, v1::POVERTY_CLASS_POOR, v1::POVERTY_CLASS_POOR,
     v1::HOUSEHOLD_OUTCOME_NEAR_POOR_TO_POOR,
     "8 HH-008 Bùi Thị Loan T02 5 Hộ nghèo Hộ nghèo Từ cận nghèo sang nghèo"},
    {"HH-009", "Đỗ Văn Mạnh", "T03", 7, v1::POVERTY_CLASS_NOT_POOR, v1::POVERTY_CLASS_UNSPECIFIED,
     v1::HOUSEHOLD_OUTCOME_ESCAPED_POOR, "9 HH-009 Đỗ Văn Mạnh T03 7 Hộ không nghèo Thoát nghèo"},
    {"HH-010", "Hồ Thị Ngọc", "T03", 1, v1::POVERTY_CLASS_NEAR_POOR, v1::POVERTY_CLASS_NEAR_POOR,
     v1::HOUSEHOLD_OUTCOME_FIRST_REVIEWED,
     "10 HH-010 Hồ Thị Ngọc T03 1 Hộ cận nghèo Hộ cận nghèo Rà soát lần đầu"},
    {"HH-011", "Ngô Văn Phúc", "T03", 4, v1::POVERTY_CLASS_POOR, v1::POVERTY_CLASS_POOR,
     v1::HOUSEHOLD_OUTCOME_UNCHANGED, "11 HH-011 Ngô Văn Phúc T03 4 Hộ nghèo Hộ nghèo Không đổi"},
    {"HH-012", "Dương Thị Quỳnh", "T03", 2, v1::POVERTY_CLASS_NOT_POOR,
     v1::POVERTY_CLASS_UNSPECIFIED, v1::HOUSEHOLD_OUTCOME_ESCAPED_NEAR_POOR,
     "12 HH-012 Dương Thị Quỳnh T03 2 Hộ không nghèo Thoát cận nghèo"},
};

// The summary over kHouseholds, counted by hand: poor 001 003 005 008 011 (4+5+6+5+4);
// near-poor 002 006 010 (3+4+1); escaped poverty 004 009 (2+7); escaped near-poverty 007 012
// (3+2); locally poor 001 002 003 005 008 011 (4+3+5+6+5+4), locally near-poor 006 007 010
// (4+3+1).
const char* const kSummary[] = {
    "Tổng số hộ trong danh sách",
    "12",
    "46",  //
    "Tổng số hộ nghèo",
    "5",
    "24",  //
    "Tổng số hộ cận nghèo",
    "3",
    "8",  //
    "Tổng số hộ thoát nghèo",
    "2",
    "9",  //
    "Tổng số hộ thoát cận nghèo",
    "2",
    "5",  //
    "Tổng số hộ nghèo (chuẩn địa phương)",
    "6",
    "27",
    "Tổng số hộ cận nghèo (chuẩn địa phương)",
    "3",
    "8",
};

const char* const kHeaders[] = {"STT",
                                "Mã hộ",
                                "Họ tên chủ hộ",
                                "Thôn",
                                "Số nhân khẩu",
                                "Phân loại (chuẩn quốc gia)",
                                "Phân loại (chuẩn địa phương)",
                                "Biến động"};

v1::PostingListResponse TanLap() {
  v1::PostingListResponse list;
  list.set_round_id("2026");
  list.set_commune_code("00127");
  list.set_commune_name("Tân Lập");
  list.set_standard_name("decree-07-2021");
  list.set_local_standard_name("bac-ninh-2026");
  for (const Household& household : kHouseholds) {
    v1::PostingEntry& entry = *list.add_entries();
    entry.set_household_id(household.id);
    entry.set_version(2);
    entry.set_village_code(household.village);
    entry.set_head_name(household.head);
    entry.set_member_count(household.members);
    entry.set_poverty_class(household.national);
    entry.set_local_poverty_class(household.local);
    entry.set_outcome(household.outcome);
    entry.set_procedure_step(v1::PROCEDURE_STEP_POSTED);
  }
  return list;
}

// The absolute path of `program` on $PATH; empty when it is not there.
std::string OnPath(const std::string& program) {
  const char* path = std::getenv("PATH");
  for (const absl::string_view dir :
       absl::StrSplit(path != nullptr ? path : "/usr/bin:/bin", ':')) {
    if (dir.empty()) continue;
    const std::string candidate = absl::StrCat(dir, "/", program);
    if (access(candidate.c_str(), X_OK) == 0) return candidate;
  }
  return "";
}

// `text` with every run of white space (line ends and page breaks included) one space.
std::string Collapsed(const std::string& text) {
  return absl::StrJoin(absl::StrSplit(text, absl::ByAnyChar(" \t\r\n\f"), absl::SkipEmpty()), " ");
}

class PostingListPdfTest : public ::testing::Test {
 protected:
  std::string Write(const std::string& name, const std::string& bytes) {
    const std::string path = dir_.Sub(name);
    std::ofstream(path, std::ios::binary) << bytes;
    return path;
  }

  // `program` (an absolute path) with `args`, under the time limit, with HOME and the XDG
  // directories in the temp dir; prints how long it took.
  ProgramResult Run(const std::string& program, const std::vector<std::string>& args) {
    std::vector<std::string> command = {"/usr/bin/env",
                                        "HOME=" + home_,
                                        "XDG_CONFIG_HOME=" + home_ + "/.config",
                                        "XDG_CACHE_HOME=" + home_ + "/.cache",
                                        "/usr/bin/timeout",
                                        "--kill-after=10",
                                        kTimeLimitSeconds,
                                        program};
    command.insert(command.end(), args.begin(), args.end());
    const absl::Time start = absl::Now();
    ProgramResult result = ::rasoat::testing::RunProgram(command);
    std::cout << program << " took " << absl::FormatDuration(absl::Now() - start) << "\n";
    return result;
  }

  // The text of `pdf` read by pdftotext in `mode` ("-layout", "-raw"), white space collapsed;
  // fails the test if it cannot be read.
  std::string PdfText(const std::string& pdf, const std::string& mode) {
    const std::string pdftotext = OnPath("pdftotext");
    if (pdftotext.empty()) {
      ADD_FAILURE() << "pdftotext is not installed: deploy/install-deps.sh installs it "
                       "(poppler-utils)";
      return "";
    }
    const ProgramResult result = Run(pdftotext, {mode, "-enc", "UTF-8", pdf, "-"});
    EXPECT_EQ(result.exit_code, 0) << result;
    return Collapsed(result.out);
  }

  // `list`'s page printed to a PDF by Chromium: the PDF's path, or "" after failing the test.
  // Root in CI: no sandbox. No network: nothing in the page is fetched, and the background
  // services that would call out are off.
  std::string PrintedPage(const v1::PostingListResponse& list) {
    const std::string chromium = OnPath("chromium");
    if (chromium.empty()) {
      ADD_FAILURE() << "chromium is not installed: deploy/install-deps.sh installs it (chromium)";
      return "";
    }
    const std::string html = Write("niem-yet.html", PostingListHtml(list));
    const std::string pdf = dir_.Sub("niem-yet.pdf");
    const ProgramResult printed =
        Run(chromium, {"--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
                       "--user-data-dir=" + home_ + "/chromium", "--disable-background-networking",
                       "--disable-component-update", "--disable-sync", "--no-pdf-header-footer",
                       "--print-to-pdf=" + pdf, "file://" + html});
    if (printed.exit_code != 0) {
      ADD_FAILURE() << printed;
      return "";
    }
    return pdf;
  }

  // Every header and summary line, every household's head and words are in `text`.
  static void ExpectTheList(const std::string& text) {
    for (const char* header : kHeaders) EXPECT_THAT(text, HasSubstr(header));
    for (const Household& household : kHouseholds) {
      EXPECT_THAT(text, HasSubstr(household.head));
      for (const v1::PovertyClass poverty_class : {household.national, household.local}) {
        if (poverty_class != v1::POVERTY_CLASS_UNSPECIFIED) {
          EXPECT_THAT(text, HasSubstr(PovertyClassLabel(poverty_class))) << household.id;
        }
      }
      EXPECT_THAT(text, HasSubstr(OutcomeLabel(household.outcome))) << household.id;
    }
    for (size_t i = 0; i < std::size(kSummary); i += 3) {
      EXPECT_THAT(text, HasSubstr(kSummary[i])) << kSummary[i];
    }
  }

  TempDir dir_;
  std::string home_ = dir_.Sub("home");
};

TEST_F(PostingListPdfTest, CsvOpensInLibreOfficeWithItsVietnameseText) {
  const std::string soffice = OnPath("soffice");
  ASSERT_FALSE(soffice.empty())
      << "soffice is not installed: deploy/install-deps.sh installs it (libreoffice-calc-nogui)";
  const std::string csv = Write("niem-yet.csv", PostingListCsv(TanLap()));
  const ProgramResult converted =
      Run(soffice,
          {"-env:UserInstallation=file://" + home_ + "/libreoffice", "--headless", "--norestore",
           "--infilter=CSV:44,34,76,1", "--convert-to", "pdf", "--outdir", dir_.path(), csv});
  ASSERT_EQ(converted.exit_code, 0) << converted;
  const std::string text = PdfText(dir_.Sub("niem-yet.pdf"), "-layout");
  ExpectTheList(text);
  int number = 0;
  for (const Household& household : kHouseholds) {
    EXPECT_THAT(text, HasSubstr(absl::StrCat(++number, " ", household.id, " ", household.head)));
  }
  // Each summary line is a row of three cells.
  for (size_t i = 0; i < std::size(kSummary); i += 3) {
    EXPECT_THAT(text,
                HasSubstr(absl::StrCat(kSummary[i], " ", kSummary[i + 1], " ", kSummary[i + 2])));
  }
}

TEST_F(PostingListPdfTest, HtmlPrintsInChromiumWithItsVietnameseText) {
  const std::string pdf = PrintedPage(TanLap());
  ASSERT_FALSE(pdf.empty());
  const std::string text = PdfText(pdf, "-raw");
  ExpectTheList(text);
  for (const Household& household : kHouseholds) EXPECT_THAT(text, HasSubstr(household.row));
  EXPECT_THAT(text, HasSubstr("Danh sách niêm yết công khai kết quả rà soát hộ nghèo, hộ cận nghèo "
                              "xã Tân Lập — đợt rà soát 2026"));
  for (size_t i = 0; i < std::size(kSummary); i += 3) {
    EXPECT_THAT(text, HasSubstr(absl::StrCat(kSummary[i], ": ", kSummary[i + 1], " hộ, ",
                                             kSummary[i + 2], " nhân khẩu")));
  }
}

// Sixty households fill several pages: each is A4, with the commune's title on top and the
// table's header repeated.
TEST_F(PostingListPdfTest, HtmlRepeatsTheTitleAndTheHeaderOnEveryA4Page) {
  v1::PostingListResponse list = TanLap();
  for (int i = 13; i <= 60; ++i) {
    v1::PostingEntry& entry = *list.add_entries();
    entry = list.entries(i % 12);
    entry.set_household_id(absl::StrCat("HH-", i));
  }
  const std::string pdf = PrintedPage(list);
  ASSERT_FALSE(pdf.empty());
  const std::string pdfinfo = OnPath("pdfinfo");
  ASSERT_FALSE(pdfinfo.empty())
      << "pdfinfo is not installed: deploy/install-deps.sh installs it (poppler-utils)";
  const ProgramResult info = Run(pdfinfo, {pdf});
  ASSERT_EQ(info.exit_code, 0) << info;
  // "Page size:       594.96 x 841.92 pts (A4)".
  EXPECT_THAT(info.out, HasSubstr("(A4)"));
  int pages = 0;
  for (absl::string_view line : absl::StrSplit(info.out, '\n')) {
    if (absl::ConsumePrefix(&line, "Pages:")) {
      ASSERT_TRUE(absl::SimpleAtoi(absl::StripAsciiWhitespace(line), &pages)) << info;
    }
  }
  ASSERT_GE(pages, 2) << info;
  const std::string text = PdfText(pdf, "-raw");
  const auto count = [&text](const std::string& needle) {
    int found = 0;
    for (size_t at = text.find(needle); at != std::string::npos; at = text.find(needle, at + 1)) {
      ++found;
    }
    return found;
  };
  EXPECT_EQ(count("STT Mã hộ Họ tên chủ hộ Thôn Số nhân khẩu"), pages);
  // The running header on each page, and the <h1> on the first.
  EXPECT_EQ(count("hộ cận nghèo xã Tân Lập — đợt rà soát 2026"), pages + 1);
  EXPECT_THAT(text, HasSubstr(absl::StrCat("Trang ", pages, "/", pages)));
}

}  // namespace
}  // namespace rasoat::documents
