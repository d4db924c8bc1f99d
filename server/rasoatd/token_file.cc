#include "server/rasoatd/token_file.h"

#include <cerrno>
#include <cstring>

#include "absl/strings/str_cat.h"
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace rasoat {
namespace {

absl::Status Failed(const std::string& path, const char* what) {
  return absl::UnavailableError(
      absl::StrCat("cannot ", what, " the admin token file ", path, ": ", std::strerror(errno)));
}

}  // namespace

std::string AdminTokenPath(std::string_view data_dir) {
  return absl::StrCat(std::string(data_dir), "/admin.token");
}

absl::Status WriteTokenFile(const std::string& path, std::string_view token) {
  const std::string temporary = path + ".new";
  const int fd = open(temporary.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
  if (fd < 0) return Failed(temporary, "create");
  const std::string text = absl::StrCat(std::string(token), "\n");
  const bool written = fchmod(fd, 0600) == 0 &&
                       write(fd, text.data(), text.size()) == static_cast<ssize_t>(text.size()) &&
                       fsync(fd) == 0;
  const absl::Status status = written ? absl::OkStatus() : Failed(temporary, "write");
  close(fd);
  if (!status.ok()) return status;
  if (rename(temporary.c_str(), path.c_str()) != 0) return Failed(path, "rename into");
  return absl::OkStatus();
}

}  // namespace rasoat
