#include "server/documents/csv_writing.h"

#include <cstddef>

#include "absl/strings/str_cat.h"

namespace rasoat::documents::internal {
namespace {

// `value` as one CSV field: quoted only when it must be.
std::string Field(const std::string& value) {
  if (value.find_first_of(",\"\r\n") == std::string::npos) return value;
  std::string quoted = "\"";
  for (const char c : value) {
    if (c == '"') quoted.push_back('"');
    quoted.push_back(c);
  }
  quoted.push_back('"');
  return quoted;
}

}  // namespace

std::string CsvLine(const std::vector<std::string>& fields) {
  std::string line;
  for (size_t i = 0; i < fields.size(); ++i) {
    if (i > 0) line.push_back(',');
    line += Field(fields[i]);
  }
  line += "\r\n";
  return line;
}

std::string TextCell(const std::string& text) {
  if (!text.empty() && std::string_view("=+-@\t\r").find(text.front()) != std::string_view::npos) {
    return absl::StrCat("'", text);
  }
  return text;
}

}  // namespace rasoat::documents::internal
