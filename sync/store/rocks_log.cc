#include "sync/store/rocks_log.h"

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstdarg>
#include <cstdio>
#include <cstring>
#include <ctime>
#include <filesystem>
#include <string>
#include <utility>
#include <vector>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "rocksdb/env.h"
#include "sync/base/mutex.h"
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace rasoat {
namespace {

// Renames `path` to `path`.old.<microseconds> and keeps the newest `keep` of those.
void SetAside(const std::string& dir, const std::string& path, int keep);

class RocksLog : public rocksdb::Logger {
 public:
  RocksLog(std::string dir, int keep, size_t max_bytes, int fd, size_t bytes)
      : rocksdb::Logger(rocksdb::InfoLogLevel::INFO_LEVEL),
        dir_(std::move(dir)),
        path_(absl::StrCat(dir_, "/LOG")),
        keep_(keep),
        max_bytes_(max_bytes),
        fd_(fd),
        bytes_(bytes) {}
  ~RocksLog() override { close(fd_); }

  using rocksdb::Logger::Logv;
  void Logv(const char* format, va_list ap) override {
    char line[4096];
    const auto now = std::chrono::system_clock::now();
    const std::time_t seconds = std::chrono::system_clock::to_time_t(now);
    const long micros = static_cast<long>(
        std::chrono::duration_cast<std::chrono::microseconds>(now.time_since_epoch()).count() %
        1000000);
    std::tm utc{};
    gmtime_r(&seconds, &utc);
    size_t length = std::strftime(line, sizeof line, "%Y/%m/%d-%H:%M:%S", &utc);
    length +=
        static_cast<size_t>(std::snprintf(line + length, sizeof line - length, ".%06ld ", micros));
    const int written = std::vsnprintf(line + length, sizeof line - length - 1, format, ap);
    if (written < 0) return;
    length = std::min(length + static_cast<size_t>(written), sizeof line - 2);
    if (line[length - 1] != '\n') line[length++] = '\n';
    MutexLock lock(&mu_);
    if (bytes_ + length > max_bytes_) Rotate();
    // One write per line; a full disk drops the line, nothing else.
    ssize_t written_now;
    while ((written_now = write(fd_, line, length)) < 0 && errno == EINTR) {
    }
    if (written_now > 0) bytes_ += static_cast<size_t>(written_now);
  }

 private:
  // The LOG is full: set it aside and start a new one. If the new one cannot be opened, the
  // old one goes on.
  void Rotate() ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_) {
    SetAside(dir_, path_, keep_);
    const int fd = open(path_.c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0600);
    if (fd < 0) return;
    close(fd_);
    fd_ = fd;
    bytes_ = 0;
  }

  const std::string dir_;
  const std::string path_;
  const int keep_;
  const size_t max_bytes_;
  Mutex mu_;
  int fd_ ABSL_GUARDED_BY(mu_);
  size_t bytes_ ABSL_GUARDED_BY(mu_);
};

// Removes all but the newest `keep` LOG.old.* files of `dir`.
void PruneOldLogs(const std::string& dir, int keep) {
  std::vector<std::string> old;
  std::error_code error;
  for (const auto& entry : std::filesystem::directory_iterator(dir, error)) {
    const std::string name = entry.path().filename().string();
    if (absl::StartsWith(name, "LOG.old.")) old.push_back(name);
  }
  // The suffix is a number of microseconds of the same width for centuries: names sort by age.
  std::sort(old.begin(), old.end());
  for (size_t i = 0; i + static_cast<size_t>(keep) < old.size(); ++i) {
    std::filesystem::remove(std::filesystem::path(dir) / old[i], error);
  }
}

void SetAside(const std::string& dir, const std::string& path, int keep) {
  const auto micros = std::chrono::duration_cast<std::chrono::microseconds>(
                          std::chrono::system_clock::now().time_since_epoch())
                          .count();
  std::rename(path.c_str(), absl::StrCat(path, ".old.", micros).c_str());
  PruneOldLogs(dir, keep);
}

}  // namespace

absl::StatusOr<std::shared_ptr<rocksdb::Logger>> OpenRocksLog(const std::string& dir, int keep,
                                                              size_t max_bytes) {
  std::error_code error;
  std::filesystem::create_directories(dir, error);
  const std::string path = absl::StrCat(dir, "/LOG");
  struct stat existing;
  if (stat(path.c_str(), &existing) == 0) SetAside(dir, path, keep);
  const int fd = open(path.c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0600);
  if (fd < 0) {
    return absl::UnavailableError(absl::StrCat("open ", path, ": ", std::strerror(errno)));
  }
  return std::shared_ptr<rocksdb::Logger>(
      std::make_shared<RocksLog>(dir, keep, max_bytes, fd, /*bytes=*/0));
}

}  // namespace rasoat
