// The one place where a rocksdb::Status becomes an absl::Status. Internal to sync/store: nothing
// outside it sees a RocksDB status.
//
// Thread-safety: a pure function.
#pragma once

#include <string_view>

#include "absl/status/status.h"
#include "rocksdb/status.h"

namespace rasoat {

// The absl::Status equivalent of a RocksDB status; `context` says what was being done.
// NotFound maps to NOT_FOUND, Corruption to DATA_LOSS, a lock held by another process to
// FAILED_PRECONDITION, Busy/TimedOut/TryAgain/IOError to UNAVAILABLE (disk full, device gone),
// everything else to INTERNAL.
absl::Status FromRocksStatus(const rocksdb::Status& status, std::string_view context);

}  // namespace rasoat
