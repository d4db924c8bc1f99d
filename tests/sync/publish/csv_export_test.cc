// The commune's public list: each published household one CSV line (RFC 4180), which ParseCsv
// reads back field for field, whatever commas, quotes, line breaks and Vietnamese the names hold.
#include "sync/publish/csv_export.h"

#include <string>
#include <vector>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "rasoat/v1/admin.pb.h"
#include "tests/support/status_matchers.h"

namespace rasoat {
namespace {

using ::rasoat::publish::ParseCsv;
using ::rasoat::publish::PublishedCsvHeader;
using ::rasoat::publish::PublishedCsvRow;
using ::rasoat::testing::StatusIs;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;

using Records = std::vector<std::vector<std::string>>;

// 2026-03-01T10:00:00.654321Z.
constexpr int64_t kApprovedAt = 1772359200654321;

v1::PublishedHousehold Row(const std::string& household_id, const std::string& village,
                           const std::string& head_name, const std::string& approved_by) {
  v1::PublishedHousehold row;
  row.set_round_id("2026");
  row.set_household_id(household_id);
  row.set_commune_code("00001");
  row.set_village_code(village);
  row.set_head_name(head_name);
  row.set_member_count(4);
  row.set_poverty_class(v1::POVERTY_CLASS_NEAR_POOR);
  row.set_per_capita_monthly_income_vnd(1'500'000);
  row.set_deprivation_count(2);
  row.add_deprived_indicators(v1::INDICATOR_HEALTH_INSURANCE);
  row.add_deprived_indicators(v1::INDICATOR_LATRINE);
  row.set_approved_version(7);
  row.set_approved_by(approved_by);
  row.set_approved_at_unix_micros(kApprovedAt);
  return row;
}

TEST(CsvExportTest, HeaderNamesTheColumns) {
  EXPECT_EQ(PublishedCsvHeader(),
            "household_id,village_code,head_name,member_count,poverty_class,local_poverty_class,"
            "per_capita_monthly_income_vnd,deprivation_count,deprived_indicators,"
            "approved_version,approved_by,approved_at\r\n");
}

TEST(CsvExportTest, PlainRowIsUnquoted) {
  EXPECT_EQ(PublishedCsvRow(Row("H-1", "Thôn Đông", "Đỗ Thị Ngọc Ánh", "Lê Văn Đức")),
            "H-1,Thôn Đông,Đỗ Thị Ngọc Ánh,4,POVERTY_CLASS_NEAR_POOR,,1500000,2,"
            "INDICATOR_HEALTH_INSURANCE;INDICATOR_LATRINE,7,Lê Văn Đức,2026-03-01T10:00:00Z\r\n");
}

TEST(CsvExportTest, FieldsWithCommasQuotesAndLineBreaksAreQuoted) {
  EXPECT_EQ(
      PublishedCsvRow(Row("H-2", "Xóm 3, thôn Bắc", "Bà \"Tư\"", "Trưởng thôn\nNông Văn Sáu")),
      "H-2,\"Xóm 3, thôn Bắc\",\"Bà \"\"Tư\"\"\",4,POVERTY_CLASS_NEAR_POOR,,1500000,2,"
      "INDICATOR_HEALTH_INSURANCE;INDICATOR_LATRINE,7,\"Trưởng thôn\nNông Văn Sáu\","
      "2026-03-01T10:00:00Z\r\n");
}

TEST(CsvExportTest, RowsRoundTripThroughParseCsv) {
  const std::vector<v1::PublishedHousehold> rows = {
      Row("H-1", "Thôn Đông", "Đỗ Thị Ngọc Ánh", "Lê Văn Đức"),
      Row("H-2", "Xóm 3, thôn Bắc", "Bà \"Tư\", vợ ông Sáu", "Trưởng thôn\nNông Văn Sáu"),
      Row("H-3", "Bản Nà Lòa\r\n(điểm lẻ)", "\"", ","),
      Row("H-4", "", " Hà Thị Mỵ ", "Y Bhin Niê"),
  };
  std::string csv = PublishedCsvHeader();
  for (const v1::PublishedHousehold& row : rows) csv += PublishedCsvRow(row);

  ASSERT_OK_AND_ASSIGN(Records records, ParseCsv(csv));
  ASSERT_EQ(records.size(), rows.size() + 1);
  EXPECT_EQ(records[0][0], "household_id");
  EXPECT_EQ(records[0].size(), 12u);
  for (size_t i = 0; i < rows.size(); ++i) {
    const v1::PublishedHousehold& row = rows[i];
    EXPECT_THAT(records[i + 1], ElementsAre(row.household_id(), row.village_code(), row.head_name(),
                                            "4", "POVERTY_CLASS_NEAR_POOR", "", "1500000", "2",
                                            "INDICATOR_HEALTH_INSURANCE;INDICATOR_LATRINE", "7",
                                            row.approved_by(), "2026-03-01T10:00:00Z"))
        << "row " << i;
  }
}

TEST(CsvExportTest, UnknownEnumValuesAreWrittenAsNumbers) {
  v1::PublishedHousehold row = Row("H-1", "Thôn Đông", "A", "B");
  row.set_poverty_class(static_cast<v1::PovertyClass>(42));
  row.clear_deprived_indicators();
  row.add_deprived_indicators(static_cast<v1::Indicator>(99));
  ASSERT_OK_AND_ASSIGN(Records records, ParseCsv(PublishedCsvRow(row)));
  ASSERT_EQ(records.size(), 1u);
  EXPECT_EQ(records[0][4], "42");
  EXPECT_EQ(records[0][8], "99");
}

TEST(CsvExportTest, ParseCsvAcceptsLineEndsAndByteOrderMark) {
  ASSERT_OK_AND_ASSIGN(Records none, ParseCsv(""));
  EXPECT_THAT(none, IsEmpty());
  ASSERT_OK_AND_ASSIGN(Records lf, ParseCsv("a,b\nc,\"d\ne\"\n"));
  EXPECT_THAT(lf, ElementsAre(ElementsAre("a", "b"), ElementsAre("c", "d\ne")));
  ASSERT_OK_AND_ASSIGN(Records no_final_break, ParseCsv("\xEF\xBB\xBFmã hộ,tên\r\nH-1,Ánh"));
  EXPECT_THAT(no_final_break, ElementsAre(ElementsAre("mã hộ", "tên"), ElementsAre("H-1", "Ánh")));
  ASSERT_OK_AND_ASSIGN(Records empty_fields, ParseCsv(",\r\n\"\",x,\r\n"));
  EXPECT_THAT(empty_fields, ElementsAre(ElementsAre("", ""), ElementsAre("", "x", "")));
}

TEST(CsvExportTest, MalformedCsvIsInvalidArgumentNamingTheLine) {
  EXPECT_THAT(ParseCsv("a,b\r\n\"never closed,c\r\n"),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("line 2")));
  EXPECT_THAT(ParseCsv("a,b\r\nc,d\"e\r\n"),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("line 2")));
  EXPECT_THAT(ParseCsv("\"a\"b,c\r\n"),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("line 1")));
}

}  // namespace
}  // namespace rasoat
