#include "sync/rules/validation_issues.h"

#include <cstdint>
#include <string>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"

namespace rasoat::rules::internal {

bool IsDigits(const std::string& text, size_t length) {
  if (text.size() != length) return false;
  for (char c : text) {
    if (!absl::ascii_isdigit(static_cast<unsigned char>(c))) return false;
  }
  return true;
}

bool IsBlank(const std::string& text) { return absl::StripAsciiWhitespace(text).empty(); }

std::string FormatVnd(int64_t amount) {
  const uint64_t magnitude =
      amount < 0 ? 0 - static_cast<uint64_t>(amount) : static_cast<uint64_t>(amount);
  const std::string digits = absl::StrCat(magnitude);
  std::string out = amount < 0 ? "-" : "";
  for (size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) out.push_back(',');
    out.push_back(digits[i]);
  }
  return out;
}

bool KnownCode(int value, bool (*is_valid)(int), const std::string& path, const char* what,
               Issues& issues) {
  if (is_valid(value)) return true;
  issues.Add(path, "UNKNOWN_CODE", absl::StrCat(what, " code ", value, " is not a known value"));
  return false;
}

void RequiredCode(int value, bool (*is_valid)(int), const std::string& path, const char* what,
                  Issues& issues) {
  if (value == 0) {
    issues.Add(path, "REQUIRED", absl::StrCat(what, " is not recorded"));
  } else {
    KnownCode(value, is_valid, path, what, issues);
  }
}

void CheckElementId(const std::string& id, int index, const ElementNames& names,
                    const std::string& path, const char* what, Issues& issues) {
  if (id.empty()) {
    issues.Add(path, "REQUIRED", absl::StrCat(what, " #", index + 1, " has no id"));
    return;
  }
  const int first = names.first.at(id);
  if (first != index) {
    issues.Add(path, "DUPLICATE_ID",
               absl::StrCat("id \"", id, "\" of ", what, " #", index + 1, " is already used by ",
                            what, " #", first + 1));
  }
}

}  // namespace rasoat::rules::internal
