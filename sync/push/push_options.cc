#include "sync/push/push_options.h"

namespace rasoat {

absl::Status PushOptions::Validate() const {
  if (max_batch_mutations == 0) {
    return absl::InvalidArgumentError("max_batch_mutations: must be at least 1");
  }
  if (max_record_bytes < 1024) {
    return absl::InvalidArgumentError("max_record_bytes: must be at least 1024");
  }
  if (max_open_conflicts == 0) {
    return absl::InvalidArgumentError("max_open_conflicts: must be at least 1");
  }
  return absl::OkStatus();
}

}  // namespace rasoat
