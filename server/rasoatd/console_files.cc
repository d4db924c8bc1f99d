#include "server/rasoatd/console_files.h"

#include <fstream>
#include <sstream>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"

namespace rasoat {
namespace {

struct ContentType {
  std::string_view extension;
  std::string_view type;
};

constexpr ContentType kContentTypes[] = {
    {".html", "text/html; charset=utf-8"},
    {".css", "text/css; charset=utf-8"},
    {".js", "text/javascript; charset=utf-8"},
    {".svg", "image/svg+xml"},
};

// The Content-Type of `name`, empty for a name the console does not serve.
std::string_view ContentTypeOf(std::string_view name) {
  size_t dots = 0;
  for (const char c : name) {
    if (c == '.') {
      ++dots;
    } else if (!absl::ascii_islower(c) && !absl::ascii_isdigit(c) && c != '-' && c != '_') {
      return {};
    }
  }
  if (dots != 1 || name.front() == '.') return {};
  const std::string_view extension = name.substr(name.find('.'));
  for (const ContentType& known : kContentTypes) {
    if (known.extension == extension) return known.type;
  }
  return {};
}

}  // namespace

std::optional<ConsoleFile> ConsoleFiles::Find(std::string_view name) const {
  const std::string_view type = ContentTypeOf(name);
  if (type.empty()) return std::nullopt;
  if (directory_.empty()) {
    for (const EmbeddedConsoleFile& file : EmbeddedConsoleFiles()) {
      if (file.name == name) return ConsoleFile{std::string(file.text), type};
    }
    return std::nullopt;
  }
  std::ifstream in(absl::StrCat(directory_, "/", std::string(name)), std::ios::binary);
  if (!in) return std::nullopt;
  std::ostringstream text;
  text << in.rdbuf();
  return ConsoleFile{text.str(), type};
}

}  // namespace rasoat
