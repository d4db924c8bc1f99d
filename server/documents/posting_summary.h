// What a commune's public posting list says besides its rows (DOMAIN.md "The procedure the
// workflow follows": the posting lists the counts of poor, near-poor, escaped-poor and
// escaped-near-poor households with their members): its title, and those counts worked out from
// the list itself. posting_list.h prints both, in CSV and in HTML.
//
// Thread-safety: free functions without shared state.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "rasoat/v1/report.pb.h"

namespace rasoat::documents {

// One count of the summary: "Tổng số hộ nghèo", so many households with so many members.
struct SummaryLine {
  std::string label;
  uint64_t households = 0;
  uint64_t members = 0;
};

// "Danh sách niêm yết công khai kết quả rà soát hộ nghèo, hộ cận nghèo xã Tân Lập — đợt rà soát
// 2026": the commune's name (its code when the list has none), after "xã" unless the name
// already starts with its kind ("Xã", "Phường", "Đặc khu").
std::string PostingListTitle(const v1::PostingListResponse& list);

// The counts over `list`'s entries, in the order they are printed:
//   "Tổng số hộ trong danh sách"    every entry;
//   "Tổng số hộ nghèo"              national class poor;
//   "Tổng số hộ cận nghèo"          national class near-poor;
//   "Tổng số hộ thoát nghèo"        outcome escaped poverty (poor -> neither; a poor household
//                                   that became near-poor is counted as near-poor, not here);
//   "Tổng số hộ thoát cận nghèo"    outcome escaped near-poverty;
// then, when the list has a local standard, "Tổng số hộ nghèo (chuẩn địa phương)" and
// "Tổng số hộ cận nghèo (chuẩn địa phương)" by the local class (counted separately, never
// instead of the national class). Members are the sum of the entries' member_count.
std::vector<SummaryLine> PostingSummary(const v1::PostingListResponse& list);

}  // namespace rasoat::documents
