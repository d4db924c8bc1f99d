// CommitWatermark hands out change sequence numbers and tells how far they are all committed.
//
// Writers reserve a range of seqs before they write their batch and report when the batch is
// durable (Finish) or failed (Abandon). Batches finish out of order, so the highest seq handed
// out is not safe to read up to; Committed() is: every range at or below it has finished, and
// the last of them is durable. A pull that reads no further than Committed() never skips a
// change that commits later (DESIGN.md, the cursor invariant).
//
// An abandoned range holds the watermark back until a later range is durable: that batch stores
// the store's last seq above the abandoned one, so after a restart the abandoned seqs are never
// handed out again, and no cursor can already point past a seq that a restart reuses.
//
// Thread-safety: all methods may be called concurrently. The mutex is held for a few
// instructions, never across I/O; AwaitCommitted releases it while it waits.
#pragma once

#include <atomic>
#include <cstdint>
#include <deque>

#include "absl/base/thread_annotations.h"
#include "sync/base/mutex.h"

namespace rasoat {

class CommitWatermark {
 public:
  // `last_committed`: the highest seq already durable when the store opened.
  explicit CommitWatermark(uint64_t last_committed);

  // Reserves `count` consecutive seqs and returns the first.
  // REQUIRES: count > 0; Finish(first) or Abandon(first) is called exactly once afterwards.
  uint64_t Reserve(uint64_t count);

  // The batch of the range that starts at `first` is durable.
  void Finish(uint64_t first) { Complete(first, true); }
  // The batch of the range that starts at `first` failed: its seqs hold nothing.
  void Abandon(uint64_t first) { Complete(first, false); }

  // Every seq <= the returned value belongs to a finished range.
  uint64_t Committed() const { return committed_.load(std::memory_order_acquire); }

  // Returns once Committed() >= `seq`: every earlier range has finished too. A writer calls it
  // after Finish and before it acknowledges, so what it acknowledged is visible to the next
  // read of Committed() (a pull that follows a push's answer sees the push). The wait is for
  // writers already past Reserve, whose ranges finish without waiting on anything.
  // REQUIRES: the range holding `seq` was finished durable (an abandoned one is passed only
  // when a later range is durable, which may never come).
  void AwaitCommitted(uint64_t seq) const;

 private:
  struct Range {
    uint64_t first;
    uint64_t last;
    bool finished;
    bool durable;
  };

  void Complete(uint64_t first, bool durable);

  mutable Mutex mu_;
  uint64_t next_ ABSL_GUARDED_BY(mu_);
  // Reserved ranges not yet below the watermark, oldest first.
  std::deque<Range> pending_ ABSL_GUARDED_BY(mu_);
  std::atomic<uint64_t> committed_;
};

}  // namespace rasoat
