// rasoatctl's text output (server/rasoatctl/format.h), asserted on the exact strings it prints:
// tables aligned by what a terminal shows for Vietnamese names, cells made safe, enum labels,
// money, dates, times, and the one-line JSON form of a response.
#include "server/rasoatctl/format.h"

#include <cstdint>
#include <cstdlib>
#include <optional>
#include <sstream>
#include <string>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "absl/strings/str_cat.h"
#include "rasoat/v1/review.pb.h"
#include "tests/support/status_matchers.h"

namespace rasoat::ctl {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

// "Lê" with the circumflex as a combining mark (U+0302) after a plain "e".
constexpr const char* kDecomposedLe = "Le\xCC\x82";

std::string Printed(const Table& table) {
  std::ostringstream out;
  table.Print(out);
  return out.str();
}

TEST(RasoatctlFormatTest, DisplayWidthCountsWhatATerminalShows) {
  EXPECT_EQ(DisplayWidth(""), 0u);
  EXPECT_EQ(DisplayWidth("HH-001"), 6u);
  // 10 code points in 14 bytes.
  EXPECT_EQ(DisplayWidth("Lò Thị Lan"), 10u);
  EXPECT_EQ(DisplayWidth("Nguyễn"), 6u);
  // A combining mark takes no column: decomposed and composed "Lê" are as wide.
  EXPECT_EQ(DisplayWidth(kDecomposedLe), 2u);
  EXPECT_EQ(DisplayWidth("Lê"), 2u);
  // Bytes that are not UTF-8 take one column each.
  EXPECT_EQ(DisplayWidth("a\xff\xfe"), 3u);
}

TEST(RasoatctlFormatTest, CellMarksEmptyAndBlanksControlCharacters) {
  EXPECT_EQ(Cell(""), "-");
  EXPECT_EQ(Cell("Thiếu số CCCD của chủ hộ"), "Thiếu số CCCD của chủ hộ");
  EXPECT_EQ(Cell("line 1\r\nline 2\tend"), "line 1  line 2 end");
  // An escape sequence cannot recolour the terminal; DEL and C1 controls (U+0085) are blanked.
  EXPECT_EQ(Cell("\x1b[31mred\x7f\xc2\x85"), " [31mred  ");
  // Invalid or cut-off UTF-8 becomes '?', one per byte.
  EXPECT_EQ(Cell("ok\xff"), "ok?");
  EXPECT_EQ(Cell("L\xe1\xbb"), "L??");
}

TEST(RasoatctlFormatTest, TablePadsColumnsByDisplayWidthAndMarksEmptyCells) {
  Table table({"ID", "NAME", "SEX"});
  EXPECT_TRUE(table.empty());
  table.AddRow({"m1", "Lò Thị Lan", "female"});
  table.AddRow({"m2", "", "male"});
  EXPECT_FALSE(table.empty());
  EXPECT_EQ(Printed(table),
            "ID  NAME        SEX\n"
            "m1  Lò Thị Lan  female\n"
            "m2  -           male\n");
}

TEST(RasoatctlFormatTest, TableAlignsDecomposedNamesLikeComposedOnes) {
  Table table({"NAME", "VERSION"});
  table.AddRow({"Lê", "1"});
  table.AddRow({kDecomposedLe, "2"});
  table.AddRow({"Nguyễn", "3"});
  EXPECT_EQ(Printed(table), absl::StrCat("NAME    VERSION\n"
                                         "Lê      1\n",
                                         kDecomposedLe,
                                         "      2\n"
                                         "Nguyễn  3\n"));
}

TEST(RasoatctlFormatTest, TableKeepsEachRowOnOneLineWithNoTrailingBlanks) {
  Table table({"PATH", "MESSAGE"});
  table.AddRow({"members[m1].birth_date", "ngày sinh\nsau ngày khảo sát"});
  table.AddRow({"", ""});
  EXPECT_EQ(Printed(table),
            "PATH                    MESSAGE\n"
            "members[m1].birth_date  ngày sinh sau ngày khảo sát\n"
            "-                       -\n");
  // A table with no rows prints its header alone.
  EXPECT_EQ(Printed(Table({"A", "B"})), "A  B\n");
}

TEST(RasoatctlFormatTest, LabelIsTheLowercaseNameWithoutTheEnumsPrefix) {
  EXPECT_EQ(Label(v1::SEX_FEMALE), "female");
  EXPECT_EQ(Label(v1::RELATIONSHIP_OTHER_RELATIVE), "other_relative");
  EXPECT_EQ(Label(v1::AREA_RURAL), "rural");
  EXPECT_EQ(Label(v1::HistoryEntry::KIND_RESOLUTION), "resolution");
  EXPECT_EQ(Label(v1::SEX_UNSPECIFIED), "-");
  // A value from a newer server that this build does not know.
  EXPECT_EQ(Label(static_cast<v1::Sex>(99)), "99");
}

TEST(RasoatctlFormatTest, StatusAndClassLabelsUseTheShortNames) {
  EXPECT_EQ(StatusLabel(v1::REVIEW_STATUS_READY_FOR_REVIEW), "ready");
  EXPECT_EQ(StatusLabel(v1::REVIEW_STATUS_NEEDS_CORRECTION), "needs_correction");
  EXPECT_EQ(StatusLabel(v1::REVIEW_STATUS_APPROVED), "approved");
  EXPECT_EQ(StatusLabel(v1::REVIEW_STATUS_UNSPECIFIED), "-");
  EXPECT_EQ(ClassLabel(v1::POVERTY_CLASS_AVERAGE_LIVING_STANDARD), "average");
  EXPECT_EQ(ClassLabel(v1::POVERTY_CLASS_NEAR_POOR), "near_poor");
  EXPECT_EQ(ClassLabel(v1::POVERTY_CLASS_NOT_POOR), "not_poor");
  EXPECT_EQ(ClassLabel(v1::POVERTY_CLASS_UNSPECIFIED), "-");
}

TEST(RasoatctlFormatTest, FormatVndGroupsThousands) {
  EXPECT_EQ(FormatVnd(0), "0");
  EXPECT_EQ(FormatVnd(999), "999");
  EXPECT_EQ(FormatVnd(1000), "1,000");
  EXPECT_EQ(FormatVnd(1500000), "1,500,000");
  EXPECT_EQ(FormatVnd(-100000), "-100,000");
  EXPECT_EQ(FormatVnd(-2000000), "-2,000,000");
  EXPECT_EQ(FormatVnd(INT64_MIN), "-9,223,372,036,854,775,808");
}

TEST(RasoatctlFormatTest, FormatDateAndFormatValue) {
  v1::Date date;
  EXPECT_EQ(FormatDate(date), "-");
  date.set_year(1985);
  date.set_month(3);
  date.set_day(7);
  EXPECT_EQ(FormatDate(date), "1985-03-07");

  EXPECT_EQ(FormatValue("\"Lò Thị Lan\"", true), "\"Lò Thị Lan\"");
  EXPECT_EQ(FormatValue("\"Lò Thị Lan\"", false), "(none)");
  // A present empty value stays empty (a table shows it as "-"); only absence says "(none)".
  EXPECT_EQ(FormatValue("", true), "");
}

// Sets TZ for one test and puts back what was there.
class ScopedTimeZone {
 public:
  explicit ScopedTimeZone(const char* tz) {
    if (const char* old = std::getenv("TZ"); old != nullptr) old_ = old;
    setenv("TZ", tz, 1);
  }
  ~ScopedTimeZone() {
    if (old_.has_value()) {
      setenv("TZ", old_->c_str(), 1);
    } else {
      unsetenv("TZ");
    }
  }

 private:
  std::optional<std::string> old_;
};

TEST(RasoatctlFormatTest, FormatMicrosPrintsLocalTimeToTheSecond) {
  // 2026-09-03 14:05:09.999999 UTC.
  constexpr int64_t kMicros = int64_t{1788444309} * 1000000 + 999999;
  {
    ScopedTimeZone utc("UTC");
    EXPECT_EQ(FormatMicros(kMicros), "2026-09-03 14:05:09");
  }
  {
    // Vietnam's offset, in a form that needs no tzdata.
    ScopedTimeZone vietnam("Fixed/UTC+07:00:00");
    EXPECT_EQ(FormatMicros(kMicros), "2026-09-03 21:05:09");
  }
  EXPECT_EQ(FormatMicros(0), "-");
}

TEST(RasoatctlFormatTest, ToJsonPrintsDefaultsAndKeepsVietnameseText) {
  v1::QueueEntry entry;
  entry.mutable_key()->set_round_id("2026");
  entry.mutable_key()->set_household_id("HH-001");
  entry.set_version(3);
  entry.set_status(v1::REVIEW_STATUS_READY_FOR_REVIEW);
  entry.set_head_name("Lò Thị Lan");
  entry.set_poverty_class(v1::POVERTY_CLASS_NEAR_POOR);
  ASSERT_OK_AND_ASSIGN(std::string json, ToJson(entry));
  EXPECT_EQ(json,
            "{\"key\":{\"roundId\":\"2026\",\"householdId\":\"HH-001\"},\"villageCode\":\"\","
            "\"version\":\"3\",\"status\":\"REVIEW_STATUS_READY_FOR_REVIEW\",\"openConflicts\":0,"
            "\"headName\":\"Lò Thị Lan\",\"validationIssues\":0,"
            "\"povertyClass\":\"POVERTY_CLASS_NEAR_POOR\","
            "\"localPovertyClass\":\"POVERTY_CLASS_UNSPECIFIED\","
            "\"procedureStep\":\"PROCEDURE_STEP_UNSPECIFIED\"}");

  ASSERT_OK_AND_ASSIGN(std::string empty, ToJson(v1::ApproveResponse()));
  EXPECT_EQ(empty, "{\"version\":\"0\",\"status\":\"REVIEW_STATUS_UNSPECIFIED\"}");
}

TEST(RasoatctlFormatTest, ToJsonStaysOnOneLine) {
  v1::ReturnRequest request;
  request.set_comment("Thiếu số CCCD\ncủa chủ hộ");
  ASSERT_OK_AND_ASSIGN(std::string json, ToJson(request));
  EXPECT_THAT(json, Not(HasSubstr("\n")));
  EXPECT_THAT(json, HasSubstr("\"comment\":\"Thiếu số CCCD\\ncủa chủ hộ\""));
}

}  // namespace
}  // namespace rasoat::ctl
