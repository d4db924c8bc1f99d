#include "server/rasoatd/open_files.h"

#include <algorithm>
#include <cstdio>

namespace rasoat {
namespace {

// The kernel's ceiling for a process's descriptors (fs.nr_open), 1 << 20 if it cannot be read.
rlim_t KernelMaxOpenFiles() {
  rlim_t nr_open = 1 << 20;
  if (FILE* file = std::fopen("/proc/sys/fs/nr_open", "r")) {
    unsigned long value = 0;
    if (std::fscanf(file, "%lu", &value) == 1) nr_open = value;
    std::fclose(file);
  }
  return nr_open;
}

}  // namespace

OpenFileLimit RaiseOpenFileLimit() {
  rlimit limit{};
  getrlimit(RLIMIT_NOFILE, &limit);
  OpenFileLimit result{limit.rlim_cur, limit.rlim_cur, limit.rlim_max};
  const rlim_t target = limit.rlim_max == RLIM_INFINITY ? KernelMaxOpenFiles() : limit.rlim_max;
  if (target > limit.rlim_cur) {
    limit.rlim_cur = target;
    if (setrlimit(RLIMIT_NOFILE, &limit) == 0) result.soft = target;
  }
  return result;
}

int MaxConnectionDescriptors(const OpenFileLimit& limit) {
  const rlim_t soft = std::min<rlim_t>(limit.soft, 1 << 30);
  const rlim_t reserve = std::max<rlim_t>(soft / 8, 64);
  return soft > reserve ? static_cast<int>(soft - reserve) : 0;
}

}  // namespace rasoat
