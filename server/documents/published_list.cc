#include "server/documents/published_list.h"

#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_join.h"
#include "server/documents/csv_writing.h"
#include "server/documents/vietnamese_labels.h"
#include "sync/publish/csv_export.h"

namespace rasoat::documents {
namespace {

// "2026-09-03"; empty when the year is not set.
std::string Day(const v1::Date& date) {
  if (date.year() == 0) return "";
  return absl::StrFormat("%04d-%02d-%02d", date.year(), date.month(), date.day());
}

std::string VietnameseRow(const v1::PublishedHousehold& row) {
  std::vector<std::string> indicators;
  for (const int indicator : row.deprived_indicators()) {
    indicators.push_back(IndicatorLabel(static_cast<v1::Indicator>(indicator)));
  }
  using internal::TextCell;
  return publish::CsvLine(
      {TextCell(row.household_id()), TextCell(row.village_code()), TextCell(row.head_name()),
       absl::StrCat(row.member_count()), PovertyClassLabel(row.poverty_class()),
       PovertyClassLabel(row.local_poverty_class()),
       absl::StrCat(row.per_capita_monthly_income_vnd()), absl::StrCat(row.deprivation_count()),
       absl::StrJoin(indicators, "; "), OutcomeLabel(row.outcome()), Day(row.escaped_on()),
       TextCell(row.recognition_decision()), Day(row.recognised_on()),
       absl::StrCat(row.approved_version()), TextCell(row.approved_by())});
}

}  // namespace

std::string PublishedListCsv(std::span<const v1::PublishedHousehold> rows, bool machine_names) {
  if (machine_names) {
    std::string csv = publish::PublishedCsvHeader();
    for (const v1::PublishedHousehold& row : rows) csv += publish::PublishedCsvRow(row);
    return csv;
  }
  std::string csv(internal::kUtf8ByteOrderMark);
  csv += publish::CsvLine({"Mã hộ", "Thôn", "Họ tên chủ hộ", "Số nhân khẩu", "Phân loại",
                           "Phân loại (địa phương)", "Thu nhập bình quân (đồng/người/tháng)",
                           "Số chỉ số thiếu hụt", "Các chỉ số thiếu hụt", "Biến động",
                           "Ngày thoát nghèo", "Quyết định công nhận", "Ngày công nhận",
                           "Phiên bản", "Người duyệt"});
  for (const v1::PublishedHousehold& row : rows) csv += VietnameseRow(row);
  return csv;
}

}  // namespace rasoat::documents
