// The console's files (server/console/: HTML, CSS, JavaScript modules), built into rasoatd so a
// commune office needs nothing but a browser, and nothing comes from the internet. With
// --console_dir they are read from a directory instead, at each request (for working on the
// console without a rebuild).
//
// Thread-safety: the embedded files are constant data; Find reads the directory's files and
// shares nothing, so it may be called from any thread.
#pragma once

#include <optional>
#include <span>
#include <string>
#include <string_view>

namespace rasoat {

struct EmbeddedConsoleFile {
  // The file name, e.g. "app.js".
  std::string_view name;
  std::string_view text;
};

// Generated from server/console/ (embed_files.cmake), in file-name order.
std::span<const EmbeddedConsoleFile> EmbeddedConsoleFiles();

// A file as served: its bytes and its Content-Type.
struct ConsoleFile {
  std::string body;
  std::string_view content_type;
};

class ConsoleFiles {
 public:
  // The embedded files when `directory` is empty; else the files of `directory`.
  explicit ConsoleFiles(std::string directory) : directory_(std::move(directory)) {}

  // The file `name` ("index.html"; a name of letters, digits, '-', '_' and one '.', with a
  // known extension), or nothing.
  std::optional<ConsoleFile> Find(std::string_view name) const;

 private:
  const std::string directory_;
};

}  // namespace rasoat
