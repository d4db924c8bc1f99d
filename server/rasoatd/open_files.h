// The process's limit on open file descriptors: raised at start as far as the operator allows,
// and the share of it that client connections may take, so that RocksDB's files, gRPC's own
// descriptors and a push's fsync never find the table full.
//
// Thread-safety: RaiseOpenFileLimit changes the process's limit; call it from main before any
// other thread starts. MaxConnectionDescriptors is a pure function.
#pragma once

#include <sys/resource.h>

namespace rasoat {

struct OpenFileLimit {
  rlim_t soft_before = 0;  // the soft limit rasoatd was started with
  rlim_t soft = 0;         // the soft limit now
  rlim_t hard = 0;
};

// Raises the soft RLIMIT_NOFILE to the hard limit (a hard limit of "unlimited" raises it to
// the kernel's nr_open instead) and returns the limits before and after. If the raise is
// refused, `soft` stays `soft_before`.
OpenFileLimit RaiseOpenFileLimit();

// The descriptor number below which connections are accepted: the soft limit less a reserve of
// an eighth of it and at least 64, for RocksDB's files and gRPC's own descriptors.
int MaxConnectionDescriptors(const OpenFileLimit& limit);

}  // namespace rasoat
