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

  // Most bytes the open conflicts of one household may take (their values, base, head and
  // incoming, and who made them): twice max_record_bytes, so that a household with its
  // conflicts stays far below a stock gRPC client's 4 MB message limit (512 KiB by default, with
  // a record of at most 256 KiB). A stale push past it is rejected like one past
  // max_open_conflicts.
  size_t max_open_conflict_bytes() const { return 2 * max_record_bytes; }

  // OK, or INVALID_ARGUMENT naming the first bad option.
  absl::Status Validate() const;
};

}  // namespace rasoat
