// RocksLog: where RocksDB writes its LOG (flushes, compactions, errors) in rasoatd's data
// directory. RocksDB 7.8's own logger aborts the process on its next line once a write to the
// LOG has failed (an assertion Debian's build keeps): on a full disk that took rasoatd down with
// it. This one writes each line with write(2) and drops the line when the disk refuses it, so a
// full disk costs log lines, never the server. At open, and whenever the LOG would pass
// `max_bytes`, it is set aside as LOG.old.<microseconds>, with the newest `keep` of them kept:
// the log takes at most (keep + 1) x max_bytes, however long rasoatd runs.
//
// Thread-safety: Logv may be called from any thread (RocksDB's background threads); each line
// is one write(2) on a file opened O_APPEND, under a mutex that also guards the rotation.
#pragma once

#include <cstddef>
#include <memory>
#include <string>

#include "absl/status/statusor.h"

namespace rocksdb {
class Logger;
}

namespace rasoat {

// A logger for the LOG file in `dir` (created if missing), keeping `keep` old LOG files of at
// most about `max_bytes` each. UNAVAILABLE if the file cannot be opened.
absl::StatusOr<std::shared_ptr<rocksdb::Logger>> OpenRocksLog(const std::string& dir, int keep,
                                                              size_t max_bytes = 16 << 20);

}  // namespace rasoat
