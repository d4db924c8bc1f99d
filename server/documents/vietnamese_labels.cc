#include "server/documents/vietnamese_labels.h"

#include "absl/strings/str_cat.h"

namespace rasoat::documents {
namespace {

// The word for `value`: "" for 0 (UNSPECIFIED), the number when `word` has none for it.
std::string Word(int value, const char* word) {
  if (value == 0) return "";
  return word != nullptr ? std::string(word) : absl::StrCat(value);
}

}  // namespace

std::string PovertyClassLabel(v1::PovertyClass poverty_class) {
  const char* word = nullptr;
  switch (poverty_class) {
    case v1::POVERTY_CLASS_POOR:
      word = "Hộ nghèo";
      break;
    case v1::POVERTY_CLASS_NEAR_POOR:
      word = "Hộ cận nghèo";
      break;
    case v1::POVERTY_CLASS_AVERAGE_LIVING_STANDARD:
      word = "Hộ có mức sống trung bình";
      break;
    case v1::POVERTY_CLASS_NOT_POOR:
      word = "Hộ không nghèo";
      break;
    default:
      break;
  }
  return Word(poverty_class, word);
}

std::string OutcomeLabel(v1::HouseholdOutcome outcome) {
  const char* word = nullptr;
  switch (outcome) {
    case v1::HOUSEHOLD_OUTCOME_FIRST_REVIEWED:
      word = "Rà soát lần đầu";
      break;
    case v1::HOUSEHOLD_OUTCOME_NEW_POOR:
      word = "Hộ nghèo mới";
      break;
    case v1::HOUSEHOLD_OUTCOME_NEW_NEAR_POOR:
      word = "Hộ cận nghèo mới";
      break;
    case v1::HOUSEHOLD_OUTCOME_RE_POOR:
      word = "Tái nghèo";
      break;
    case v1::HOUSEHOLD_OUTCOME_ESCAPED_POOR:
      word = "Thoát nghèo";
      break;
    case v1::HOUSEHOLD_OUTCOME_ESCAPED_NEAR_POOR:
      word = "Thoát cận nghèo";
      break;
    case v1::HOUSEHOLD_OUTCOME_POOR_TO_NEAR_POOR:
      word = "Từ nghèo sang cận nghèo";
      break;
    case v1::HOUSEHOLD_OUTCOME_NEAR_POOR_TO_POOR:
      word = "Từ cận nghèo sang nghèo";
      break;
    case v1::HOUSEHOLD_OUTCOME_UNCHANGED:
      word = "Không đổi";
      break;
    default:
      break;
  }
  return Word(outcome, word);
}

std::string AreaLabel(v1::Area area) {
  const char* word = nullptr;
  switch (area) {
    case v1::AREA_RURAL:
      word = "Nông thôn";
      break;
    case v1::AREA_URBAN:
      word = "Thành thị";
      break;
    default:
      break;
  }
  return Word(area, word);
}

std::string ProcedureStepLabel(v1::ProcedureStep step) {
  const char* word = nullptr;
  switch (step) {
    case v1::PROCEDURE_STEP_AWAITING_MEETING:
      word = "Chờ họp thôn";
      break;
    case v1::PROCEDURE_STEP_AGREED_AT_MEETING:
      word = "Họp thôn đã thống nhất";
      break;
    case v1::PROCEDURE_STEP_POSTED:
      word = "Đang niêm yết";
      break;
    case v1::PROCEDURE_STEP_RECOGNISED:
      word = "Đã công nhận";
      break;
    default:
      break;
  }
  return Word(step, word);
}

std::string IndicatorLabel(v1::Indicator indicator) {
  const char* word = nullptr;
  switch (indicator) {
    case v1::INDICATOR_EMPLOYMENT:
      word = "việc làm";
      break;
    case v1::INDICATOR_DEPENDANTS:
      word = "người phụ thuộc trong hộ gia đình";
      break;
    case v1::INDICATOR_NUTRITION:
      word = "dinh dưỡng";
      break;
    case v1::INDICATOR_HEALTH_INSURANCE:
      word = "bảo hiểm y tế";
      break;
    case v1::INDICATOR_ADULT_EDUCATION:
      word = "trình độ giáo dục của người lớn";
      break;
    case v1::INDICATOR_CHILD_SCHOOLING:
      word = "tình trạng đi học của trẻ em";
      break;
    case v1::INDICATOR_HOUSING_QUALITY:
      word = "chất lượng nhà ở";
      break;
    case v1::INDICATOR_FLOOR_AREA:
      word = "diện tích nhà ở bình quân đầu người";
      break;
    case v1::INDICATOR_WATER:
      word = "nguồn nước sinh hoạt";
      break;
    case v1::INDICATOR_LATRINE:
      word = "nhà tiêu hợp vệ sinh";
      break;
    case v1::INDICATOR_TELECOM:
      word = "sử dụng dịch vụ viễn thông";
      break;
    case v1::INDICATOR_INFORMATION_DEVICES:
      word = "phương tiện phục vụ tiếp cận thông tin";
      break;
    case v1::INDICATOR_DIGITAL_SERVICES:
      word = "sử dụng dịch vụ số, internet";
      break;
    case v1::INDICATOR_WASTE:
      word = "xử lý rác thải sinh hoạt";
      break;
    default:
      break;
  }
  return Word(indicator, word);
}

}  // namespace rasoat::documents
