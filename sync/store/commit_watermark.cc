#include "sync/store/commit_watermark.h"

#include <cassert>

namespace rasoat {

CommitWatermark::CommitWatermark(uint64_t last_committed)
    : next_(last_committed + 1), committed_(last_committed) {}

uint64_t CommitWatermark::Reserve(uint64_t count) {
  assert(count > 0);
  MutexLock lock(&mu_);
  const uint64_t first = next_;
  next_ += count;
  pending_.push_back(Range{first, next_ - 1, false, false});
  return first;
}

void CommitWatermark::AwaitCommitted(uint64_t seq) const {
  if (Committed() >= seq) return;  // the common case: no earlier batch still in flight
  MutexLock lock(&mu_);
  mu_.Await([&] { return committed_.load(std::memory_order_relaxed) >= seq; });
}

void CommitWatermark::Complete(uint64_t first, bool durable) {
  MutexLock lock(&mu_);
  // Ranges are few (one per batch in flight): a linear search beats any index.
  for (Range& range : pending_) {
    if (range.first == first) {
      range.finished = true;
      range.durable = durable;
      break;
    }
  }
  uint64_t committed = committed_.load(std::memory_order_relaxed);
  while (!pending_.empty() && pending_.front().finished) {
    // Past an abandoned range only together with a durable one after it.
    if (pending_.front().durable) committed = pending_.front().last;
    pending_.pop_front();
  }
  committed_.store(committed, std::memory_order_release);
}

}  // namespace rasoat
