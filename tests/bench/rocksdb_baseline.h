// The storage baseline of the benchmark: what RocksDB itself does with the same records, with
// no gRPC and no rasoat. A thread per tablet writes batches of serialized households with one
// synced WriteBatch each (RocksDB groups concurrent writers into one fsync, as rasoatd does).
//
// Thread-safety: one call at a time; each opens its own database.
#pragma once

#include <string>

#include "absl/status/statusor.h"
#include "tests/bench/push_load.h"

namespace rasoat::bench {

// Writes for `seconds` into a fresh database in `dir` (created, then left for the caller to
// remove), `tablets` threads each writing `batch` records per synced WriteBatch.
absl::StatusOr<PushFigures> RunRocksDbWrites(const std::string& dir, int tablets, int batch,
                                             double seconds);

}  // namespace rasoat::bench
