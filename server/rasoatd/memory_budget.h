// MemoryBudget: how rasoatd shares --memory_budget_mb between what holds memory in proportion
// to its load. gRPC's ResourceQuota bounds the buffers of requests being received and responses
// being sent; a ByteBudget bounds the pushes parsed and applied at once (a parsed push takes
// about twice its wire size on its arena); RocksDB gets a block cache and a bound on all its
// memtables. What is left (three eighths) is for those arenas, pull pages, threads and code.
//
// Thread-safety: a plain value and a pure function.
#pragma once

#include <cstddef>

#include "absl/status/statusor.h"

namespace rasoat {

struct MemoryBudget {
  size_t grpc_bytes = 0;          // a quarter: gRPC's ResourceQuota
  size_t push_bytes = 0;          // an eighth: push requests applied at once, as received
  size_t block_cache_bytes = 0;   // an eighth: RocksDB's block cache
  size_t write_buffer_bytes = 0;  // an eighth: RocksDB's memtables, all families together
};

// Shares `budget_bytes`. INVALID_ARGUMENT, saying the least budget that would do, if gRPC's
// share could not hold two full batches of `max_batch_bytes` (one received while one is
// applied) or RocksDB's memtables would get less than 4 MiB.
absl::StatusOr<MemoryBudget> ShareMemoryBudget(size_t budget_bytes, size_t max_batch_bytes);

}  // namespace rasoat
