#include "server/rasoatd/data_privacy.h"

#include <cstdio>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include <sys/stat.h>

namespace rasoat {
namespace {

// The warning for `path` if it exists with group or other permissions, else "".
std::string ExposureOf(const std::string& what, const std::string& path, mode_t private_mode) {
  struct stat status;
  if (stat(path.c_str(), &status) != 0) return "";
  const mode_t mode = status.st_mode & 07777;
  if ((mode & 077) == 0) return "";
  return absl::StrFormat(
      "%s %s is mode %04o: other users of this machine can read the personal data in it; "
      "chmod %o %s",
      what, path, mode, private_mode, path);
}

}  // namespace

void KeepNewFilesPrivate() { umask(077); }

std::vector<std::string> ExposedPersonalData(const std::string& data_dir,
                                             const std::string& program_store) {
  std::vector<std::string> warnings;
  if (std::string w = ExposureOf("data directory", data_dir, 0700); !w.empty()) {
    warnings.push_back(std::move(w));
  }
  std::string store_file;
  if (program_store.empty()) {
    store_file = absl::StrCat(data_dir, "/program.db");
  } else if (absl::StartsWith(program_store, "sqlite:")) {
    store_file = program_store.substr(sizeof("sqlite:") - 1);
  }
  if (!store_file.empty()) {
    if (std::string w = ExposureOf("program store", store_file, 0600); !w.empty()) {
      warnings.push_back(std::move(w));
    }
  }
  return warnings;
}

}  // namespace rasoat
