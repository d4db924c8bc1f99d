// PushOptions: the limits of SyncService.Push, with their defaults.
//
// Thread-safety: a plain value; immutable once the engine is open.
#pragma once

#include <cstddef>

#include "absl/status/status.h"

namespace rasoat {

struct PushOptions {
  // Most mutations one Push may carry. Larger batches are refused whole with INVALID_ARGUMENT:
  // a tablet splits them. Trade-off: larger batches share one fsync, but a lost response on a
  // 2G link costs a larger retry.
  // Default: 500. Fixed for the life of the process.
  size_t max_batch_mutations = 500;

  // Largest serialized household record accepted; a larger one is rejected.
  // Default: 256 KiB (a household of 30 members is about 10 KiB). At least 1024.
  size_t max_record_bytes = 256 << 10;

  // Most open conflicts one household may have. There is at most one per field path: a stale
  // push colliding at a path already open collapses into that conflict. A stale push that would
  // open conflicts at more paths than this is rejected with FAILED_PRECONDITION and nothing of it
  // is written, so nothing is lost: the tablet keeps the edit and pushes it again (the same
  // mutation id may be used) once a reviewer or the collaborator has resolved the open ones.
  // Trade-off: every open conflict travels with the household in each pull and review, with up
  // to three values of its path; a higher limit lets more stale edits through unreviewed but
  // makes the household heavier to send.
  // Default: 100. At least 1. Fixed for the life of the process.
  size_t max_open_conflicts = 100;

  // OK, or INVALID_ARGUMENT naming the first bad option.
  absl::Status Validate() const;
};

}  // namespace rasoat
