#include "server/documents/csv_writing.h"

#include <cstddef>

#include "absl/strings/str_cat.h"

namespace rasoat::documents::internal {

std::string TextCell(const std::string& text) {
  if (!text.empty() && std::string_view("=+-@\t\r").find(text.front()) != std::string_view::npos) {
    return absl::StrCat("'", text);
  }
  return text;
}

}  // namespace rasoat::documents::internal
