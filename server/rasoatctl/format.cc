#include "server/rasoatctl/format.h"

#include <algorithm>

#include <google/protobuf/util/json_util.h>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/strip.h"
#include "absl/time/time.h"

namespace rasoat::ctl {
namespace {

// Marks that combine with the character before them and take no column of their own.
bool IsCombining(uint32_t code_point) {
  return (code_point >= 0x0300 && code_point <= 0x036F) ||
         (code_point >= 0x1AB0 && code_point <= 0x1AFF) ||
         (code_point >= 0x1DC0 && code_point <= 0x1DFF) ||
         (code_point >= 0x20D0 && code_point <= 0x20FF) ||
         (code_point >= 0xFE20 && code_point <= 0xFE2F);
}

// Decodes the UTF-8 sequence at text[i]; returns its length in bytes, 0 if it is not valid.
size_t DecodeUtf8(absl::string_view text, size_t i, uint32_t* code_point) {
  const auto byte = [&](size_t k) { return static_cast<unsigned char>(text[k]); };
  const unsigned char lead = byte(i);
  size_t length;
  if (lead < 0x80) {
    *code_point = lead;
    return 1;
  } else if ((lead & 0xE0) == 0xC0) {
    length = 2;
    *code_point = lead & 0x1F;
  } else if ((lead & 0xF0) == 0xE0) {
    length = 3;
    *code_point = lead & 0x0F;
  } else if ((lead & 0xF8) == 0xF0) {
    length = 4;
    *code_point = lead & 0x07;
  } else {
    return 0;
  }
  if (i + length > text.size()) return 0;
  for (size_t k = 1; k < length; ++k) {
    if ((byte(i + k) & 0xC0) != 0x80) return 0;
    *code_point = (*code_point << 6) | (byte(i + k) & 0x3F);
  }
  return length;
}

}  // namespace

size_t DisplayWidth(absl::string_view text) {
  size_t width = 0;
  for (size_t i = 0; i < text.size();) {
    uint32_t code_point = 0;
    const size_t length = DecodeUtf8(text, i, &code_point);
    if (length == 0) {
      ++width;
      ++i;
      continue;
    }
    if (!IsCombining(code_point)) ++width;
    i += length;
  }
  return width;
}

std::string Cell(absl::string_view text) {
  if (text.empty()) return "-";
  std::string cell;
  cell.reserve(text.size());
  for (size_t i = 0; i < text.size();) {
    uint32_t code_point = 0;
    const size_t length = DecodeUtf8(text, i, &code_point);
    if (length == 0) {
      cell.push_back('?');
      ++i;
      continue;
    }
    // C0 and C1 controls, DEL: they would move the cursor or break the line.
    if (code_point < 0x20 || (code_point >= 0x7F && code_point <= 0x9F)) {
      cell.push_back(' ');
    } else {
      cell.append(text.data() + i, length);
    }
    i += length;
  }
  return cell;
}

Table::Table(std::vector<std::string> header) { rows_.push_back(std::move(header)); }

void Table::AddRow(std::vector<std::string> cells) {
  for (std::string& cell : cells) cell = Cell(cell);
  cells.resize(rows_[0].size());
  rows_.push_back(std::move(cells));
}

void Table::Print(std::ostream& out) const {
  const size_t columns = rows_[0].size();
  std::vector<size_t> widths(columns, 0);
  for (const std::vector<std::string>& row : rows_) {
    for (size_t c = 0; c < columns; ++c) widths[c] = std::max(widths[c], DisplayWidth(row[c]));
  }
  for (const std::vector<std::string>& row : rows_) {
    std::string line;
    for (size_t c = 0; c < columns; ++c) {
      line += row[c];
      if (c + 1 < columns) line.append(widths[c] - DisplayWidth(row[c]) + 2, ' ');
    }
    out << line << "\n";
  }
}

namespace internal {

std::string EnumLabel(const google::protobuf::EnumDescriptor* descriptor, int value) {
  if (value == 0) return "-";
  const google::protobuf::EnumValueDescriptor* found = descriptor->FindValueByNumber(value);
  if (found == nullptr) return absl::StrCat(value);
  absl::string_view name = found->name();
  const google::protobuf::EnumValueDescriptor* zero = descriptor->FindValueByNumber(0);
  if (zero != nullptr) {
    absl::string_view prefix = zero->name();
    if (absl::ConsumeSuffix(&prefix, "UNSPECIFIED")) absl::ConsumePrefix(&name, prefix);
  }
  return absl::AsciiStrToLower(name);
}

}  // namespace internal

std::string StatusLabel(v1::ReviewStatus status) {
  if (status == v1::REVIEW_STATUS_READY_FOR_REVIEW) return "ready";
  return Label(status);
}

std::string ClassLabel(v1::PovertyClass poverty_class) {
  if (poverty_class == v1::POVERTY_CLASS_AVERAGE_LIVING_STANDARD) return "average";
  return Label(poverty_class);
}

std::string FormatVnd(int64_t amount) {
  const std::string digits = absl::StrCat(amount);
  const size_t first = amount < 0 ? 1 : 0;
  std::string out = digits.substr(0, first);
  for (size_t i = first; i < digits.size(); ++i) {
    if (i > first && (digits.size() - i) % 3 == 0) out.push_back(',');
    out.push_back(digits[i]);
  }
  return out;
}

std::string FormatDate(const v1::Date& date) {
  if (date.year() == 0) return "-";
  return absl::StrFormat("%04d-%02d-%02d", date.year(), date.month(), date.day());
}

std::string FormatMicros(int64_t unix_micros) {
  if (unix_micros == 0) return "-";
  return absl::FormatTime("%Y-%m-%d %H:%M:%S", absl::FromUnixMicros(unix_micros),
                          absl::LocalTimeZone());
}

std::string FormatValue(const std::string& value, bool present) {
  return present ? value : "(none)";
}

absl::StatusOr<std::string> ToJson(const google::protobuf::Message& message) {
  google::protobuf::util::JsonPrintOptions options;
  options.always_print_primitive_fields = true;
  std::string json;
  const auto status = google::protobuf::util::MessageToJsonString(message, &json, options);
  if (!status.ok()) {
    return absl::InternalError(absl::StrCat("cannot print as JSON: ", status.ToString()));
  }
  return json;
}

}  // namespace rasoat::ctl
