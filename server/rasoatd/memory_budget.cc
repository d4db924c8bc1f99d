#include "server/rasoatd/memory_budget.h"

#include <algorithm>

#include "absl/strings/str_cat.h"

namespace rasoat {

absl::StatusOr<MemoryBudget> ShareMemoryBudget(size_t budget_bytes, size_t max_batch_bytes) {
  constexpr size_t kMiB = 1 << 20;
  const size_t least = std::max(8 * max_batch_bytes, 8 * 4 * kMiB);
  if (budget_bytes < least) {
    return absl::InvalidArgumentError(
        absl::StrCat("--memory_budget_mb=", budget_bytes / kMiB,
                     " is too small for requests of up to ", (max_batch_bytes + kMiB - 1) / kMiB,
                     " MB (--max_batch_mutations x --max_record_bytes): give at least ",
                     (least + kMiB - 1) / kMiB, ", or lower those limits"));
  }
  return MemoryBudget{.grpc_bytes = budget_bytes / 4,
                      .push_bytes = budget_bytes / 8,
                      .block_cache_bytes = budget_bytes / 8,
                      .write_buffer_bytes = budget_bytes / 8};
}

}  // namespace rasoat
