// The published list of server/documents/published_list.h: for people, Vietnamese headers and
// words with a byte-order mark; for scripts, exactly what sync/publish/csv_export.h writes.
#include "server/documents/published_list.h"

#include <string>
#include <vector>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "rasoat/v1/admin.pb.h"
#include "sync/publish/csv_export.h"

namespace rasoat::documents {
namespace {

using ::testing::ElementsAre;

// Recognised, escaped poverty, poor by the province's local standard.
v1::PublishedHousehold Escaped() {
  v1::PublishedHousehold row;
  row.set_round_id("2026");
  row.set_household_id("HH-7");
  row.set_commune_code("00127");
  row.set_village_code("T02");
  row.set_head_name("Nguyễn Thị \"Hoa\", vợ");
  row.set_member_count(4);
  row.set_poverty_class(v1::POVERTY_CLASS_NOT_POOR);
  row.set_local_poverty_class(v1::POVERTY_CLASS_POOR);
  row.set_local_standard_name("bac-ninh-2026");
  row.set_per_capita_monthly_income_vnd(1700000);
  row.set_deprivation_count(2);
  row.add_deprived_indicators(v1::INDICATOR_HEALTH_INSURANCE);
  row.add_deprived_indicators(v1::INDICATOR_WATER);
  row.set_outcome(v1::HOUSEHOLD_OUTCOME_ESCAPED_POOR);
  row.mutable_escaped_on()->set_year(2026);
  row.mutable_escaped_on()->set_month(11);
  row.mutable_escaped_on()->set_day(5);
  row.set_recognition_decision("123/QĐ-UBND");
  row.mutable_recognised_on()->set_year(2026);
  row.mutable_recognised_on()->set_month(11);
  row.mutable_recognised_on()->set_day(5);
  row.set_approved_version(3);
  row.set_approved_by("can-bo-xa");
  row.set_approved_at_unix_micros(1788419109000000);
  return row;
}

// Poor for the first time; no local standard, never escaped, not recognised yet.
v1::PublishedHousehold NewPoor() {
  v1::PublishedHousehold row;
  row.set_household_id("HH-8");
  row.set_village_code("T01");
  row.set_head_name("Lò Văn Út");
  row.set_member_count(6);
  row.set_poverty_class(v1::POVERTY_CLASS_POOR);
  row.set_per_capita_monthly_income_vnd(1200000);
  row.set_deprivation_count(3);
  row.add_deprived_indicators(v1::INDICATOR_EMPLOYMENT);
  row.add_deprived_indicators(v1::INDICATOR_HOUSING_QUALITY);
  row.add_deprived_indicators(v1::INDICATOR_LATRINE);
  row.set_outcome(v1::HOUSEHOLD_OUTCOME_NEW_POOR);
  row.set_approved_version(1);
  row.set_approved_by("can-bo-xa");
  return row;
}

TEST(PublishedListCsvTest, MachineNamesAreWhatThePublishCsvWrites) {
  const std::vector<v1::PublishedHousehold> rows = {Escaped(), NewPoor()};
  EXPECT_EQ(PublishedListCsv(rows, /*machine_names=*/true), publish::PublishedCsvHeader() +
                                                                publish::PublishedCsvRow(rows[0]) +
                                                                publish::PublishedCsvRow(rows[1]));
}

TEST(PublishedListCsvTest, ForPeopleVietnameseHeadersAndWordsAfterAByteOrderMark) {
  const std::vector<v1::PublishedHousehold> rows = {Escaped(), NewPoor()};
  const std::string csv = PublishedListCsv(rows, /*machine_names=*/false);
  ASSERT_EQ(csv.substr(0, 3), "\xEF\xBB\xBF");
  absl::StatusOr<std::vector<std::vector<std::string>>> records = publish::ParseCsv(csv);
  ASSERT_TRUE(records.ok()) << records.status();
  ASSERT_EQ(records->size(), 3u);
  EXPECT_THAT(
      (*records)[0],
      ElementsAre("Mã hộ", "Thôn", "Họ tên chủ hộ", "Số nhân khẩu", "Phân loại",
                  "Phân loại (địa phương)", "Thu nhập bình quân (đồng/người/tháng)",
                  "Số chỉ số thiếu hụt", "Các chỉ số thiếu hụt", "Biến động", "Ngày thoát nghèo",
                  "Quyết định công nhận", "Ngày công nhận", "Phiên bản", "Người duyệt"));
  EXPECT_THAT(
      (*records)[1],
      ElementsAre("HH-7", "T02", "Nguyễn Thị \"Hoa\", vợ", "4", "Hộ không nghèo", "Hộ nghèo",
                  "1700000", "2", "bảo hiểm y tế; nguồn nước sinh hoạt", "Thoát nghèo",
                  "2026-11-05", "123/QĐ-UBND", "2026-11-05", "3", "can-bo-xa"));
  EXPECT_THAT((*records)[2], ElementsAre("HH-8", "T01", "Lò Văn Út", "6", "Hộ nghèo", "", "1200000",
                                         "3", "việc làm; chất lượng nhà ở; nhà tiêu hợp vệ sinh",
                                         "Hộ nghèo mới", "", "", "", "1", "can-bo-xa"));
  EXPECT_EQ(csv.substr(csv.size() - 2), "\r\n");
}

TEST(PublishedListCsvTest, NoRowsIsTheHeaderOnly) {
  EXPECT_EQ(PublishedListCsv({}, /*machine_names=*/true), publish::PublishedCsvHeader());
  const std::string csv = PublishedListCsv({}, /*machine_names=*/false);
  EXPECT_EQ(csv.find("\r\n"), csv.size() - 2);
}

}  // namespace
}  // namespace rasoat::documents
