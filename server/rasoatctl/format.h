// Text output of rasoatctl: tables aligned by what a terminal shows (Vietnamese names are
// multi-byte UTF-8, so widths count code points, not bytes), short lowercase names for enum
// values, money, dates and times as people read them, and the JSON form of a response.
//
// Thread-safety: free functions are pure; a Table has one owner.
#pragma once

#include <cstdint>
#include <ostream>
#include <string>
#include <vector>

#include <google/protobuf/generated_enum_reflection.h>
#include <google/protobuf/message.h>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "rasoat/v1/household.pb.h"
#include "rasoat/v1/standard.pb.h"
#include "rasoat/v1/sync.pb.h"

namespace rasoat::ctl {

// Columns a terminal uses for `text`: one per code point, none for combining marks (a name in
// decomposed form, "e" then U+0302, aligns like one in composed form). A byte that is not part
// of valid UTF-8 counts as one column.
size_t DisplayWidth(absl::string_view text);

// `text` made fit for one table cell: control characters (newlines, tabs, escapes) become
// spaces; an empty text becomes "-".
std::string Cell(absl::string_view text);

// Rows printed under a header with each column padded to its widest cell and two spaces between
// columns; the last column is not padded, so lines carry no trailing blanks.
class Table {
 public:
  explicit Table(std::vector<std::string> header);

  // Cells pass through Cell(). REQUIRES: cells.size() equals the header's size.
  void AddRow(std::vector<std::string> cells);
  bool empty() const { return rows_.size() == 1; }
  void Print(std::ostream& out) const;

 private:
  std::vector<std::vector<std::string>> rows_;  // rows_[0] is the header
};

namespace internal {
// The lowercase name of `value` without its enum's prefix (the name of value 0 up to
// "UNSPECIFIED"): SEX_FEMALE -> "female". "-" for 0, the number for a value this build does not
// know.
std::string EnumLabel(const google::protobuf::EnumDescriptor* descriptor, int value);
}  // namespace internal

// EnumLabel for any generated enum, e.g. Label(v1::RELATIONSHIP_CHILD) == "child".
template <typename Enum>
std::string Label(Enum value) {
  return internal::EnumLabel(google::protobuf::GetEnumDescriptor<Enum>(), static_cast<int>(value));
}

// "ready", "needs_correction", "conflict", "returned", "approved"; "-" for unspecified.
std::string StatusLabel(v1::ReviewStatus status);
// "poor", "near_poor", "average", "not_poor"; "-" for unspecified.
std::string ClassLabel(v1::PovertyClass poverty_class);

// 1500000 -> "1,500,000".
std::string FormatVnd(int64_t amount);
// "1985-03-07"; "-" when the year is not set.
std::string FormatDate(const v1::Date& date);
// Local time, "2026-09-03 14:05:09"; "-" for 0.
std::string FormatMicros(int64_t unix_micros);
// A value in protobuf text format as the server sends it, or "(none)" when the side has no value.
std::string FormatValue(const std::string& value, bool present);

// The canonical proto3 JSON of `message` on one line (lowerCamelCase names, 64-bit integers as
// strings), fields with default values included so scripts need not know proto3's defaults.
// INTERNAL if protobuf cannot print it.
absl::StatusOr<std::string> ToJson(const google::protobuf::Message& message);

}  // namespace rasoat::ctl
