#include "sync/review/step_request.h"

#include "sync/base/text.h"
#include "sync/rules/calendar.h"

namespace rasoat {

absl::Status CheckDay(const v1::Date& date, const char* field) {
  if (rules::IsRealDate(date)) return absl::OkStatus();
  return absl::InvalidArgumentError(absl::StrCat(field, ": a calendar day is required"));
}

absl::Status CheckStepText(const std::string& text, const char* field, size_t max_bytes) {
  if (text.find_first_not_of(" \t\r\n") == std::string::npos || text.size() > max_bytes) {
    return absl::InvalidArgumentError(
        absl::StrCat(field, ": required, at most ", max_bytes, " bytes"));
  }
  if (absl::Status status = CheckText(text, TextKind::kFreeText); !status.ok()) {
    return absl::InvalidArgumentError(absl::StrCat(field, ": ", status.message()));
  }
  return absl::OkStatus();
}

}  // namespace rasoat
