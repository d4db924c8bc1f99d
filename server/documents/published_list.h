// The published list of a commune (the program store's households: what `rasoatctl export`
// writes), for people or for scripts.
//
// For people (machine_names false): a UTF-8 byte-order mark so Excel reads it right, RFC 4180
// lines ending in CRLF, Vietnamese column headers and Vietnamese words for classes, outcomes and
// indicators (vietnamese_labels.h), text a spreadsheet would evaluate guarded
// (csv_writing.h TextCell). Columns: Mã hộ, Thôn, Họ tên chủ hộ, Số nhân khẩu, Phân loại,
// Phân loại (địa phương) (empty where no local standard applies), Thu nhập bình quân
// (đồng/người/tháng) (a plain integer, so spreadsheets read a number), Số chỉ số thiếu hụt, Các
// chỉ số thiếu hụt (names joined by "; "), Biến động, Ngày thoát nghèo, Quyết định công nhận, Ngày
// công nhận (days as YYYY-MM-DD, which every spreadsheet locale reads as a date; empty when
// unset), Phiên bản (the approved version), Người duyệt.
//
// For scripts (machine_names true): byte for byte what sync/publish/csv_export.h writes
// (PublishedCsvHeader then PublishedCsvRow of each row: enum names, no byte-order mark), so
// scripts written against `export` keep working.
//
// Thread-safety: a free function without shared state.
#pragma once

#include <span>
#include <string>

#include "rasoat/v1/admin.pb.h"

namespace rasoat::documents {

// `rows`, in their order, as a CSV file's bytes.
std::string PublishedListCsv(std::span<const v1::PublishedHousehold> rows, bool machine_names);

}  // namespace rasoat::documents
