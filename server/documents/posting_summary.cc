#include "server/documents/posting_summary.h"

#include <functional>
#include <utility>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"

namespace rasoat::documents {
namespace {

// The counts of the entries `counts` accepts.
SummaryLine Count(const v1::PostingListResponse& list, std::string label,
                  const std::function<bool(const v1::PostingEntry&)>& counts) {
  SummaryLine line;
  line.label = std::move(label);
  for (const v1::PostingEntry& entry : list.entries()) {
    if (!counts(entry)) continue;
    ++line.households;
    line.members += entry.member_count();
  }
  return line;
}

// "xã Tân Lập"; "Phường Phủ Lý" as it is; "xã 00127" without a name.
std::string Commune(const v1::PostingListResponse& list) {
  const std::string& name = list.commune_name();
  if (name.empty()) return absl::StrCat("xã ", list.commune_code());
  for (const char* kind : {"Xã ", "xã ", "Phường ", "phường ", "Đặc khu ", "đặc khu "}) {
    if (absl::StartsWith(name, kind)) return name;
  }
  return absl::StrCat("xã ", name);
}

}  // namespace

std::string PostingListTitle(const v1::PostingListResponse& list) {
  return absl::StrCat("Danh sách niêm yết công khai kết quả rà soát hộ nghèo, hộ cận nghèo ",
                      Commune(list), " — đợt rà soát ", list.round_id());
}

std::vector<SummaryLine> PostingSummary(const v1::PostingListResponse& list) {
  const auto national = [](v1::PovertyClass poverty_class) {
    return
        [poverty_class](const v1::PostingEntry& e) { return e.poverty_class() == poverty_class; };
  };
  const auto outcome = [](v1::HouseholdOutcome outcome) {
    return [outcome](const v1::PostingEntry& e) { return e.outcome() == outcome; };
  };
  std::vector<SummaryLine> lines = {
      Count(list, "Tổng số hộ trong danh sách", [](const v1::PostingEntry&) { return true; }),
      Count(list, "Tổng số hộ nghèo", national(v1::POVERTY_CLASS_POOR)),
      Count(list, "Tổng số hộ cận nghèo", national(v1::POVERTY_CLASS_NEAR_POOR)),
      Count(list, "Tổng số hộ thoát nghèo", outcome(v1::HOUSEHOLD_OUTCOME_ESCAPED_POOR)),
      Count(list, "Tổng số hộ thoát cận nghèo", outcome(v1::HOUSEHOLD_OUTCOME_ESCAPED_NEAR_POOR)),
  };
  if (!list.local_standard_name().empty()) {
    const auto local = [](v1::PovertyClass poverty_class) {
      return [poverty_class](const v1::PostingEntry& e) {
        return e.local_poverty_class() == poverty_class;
      };
    };
    lines.push_back(
        Count(list, "Tổng số hộ nghèo (chuẩn địa phương)", local(v1::POVERTY_CLASS_POOR)));
    lines.push_back(
        Count(list, "Tổng số hộ cận nghèo (chuẩn địa phương)", local(v1::POVERTY_CLASS_NEAR_POOR)));
  }
  return lines;
}

}  // namespace rasoat::documents
