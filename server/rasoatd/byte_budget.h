// ByteBudget: how many bytes of requests rasoatd works on at once (the pushes being parsed and
// applied), so that a flood of large requests is answered RESOURCE_EXHAUSTED, which tablets
// retry, instead of growing rasoatd's memory without bound. A request larger than the whole
// budget still runs when nothing else does, so every request the size limits allow can pass.
//
// Thread-safety: TryTake and Give may be called from any thread; they are lock-free.
#pragma once

#include <atomic>
#include <cstddef>

namespace rasoat {

class ByteBudget {
 public:
  explicit ByteBudget(size_t capacity) : capacity_(capacity) {}

  // Takes `bytes` if they fit beside what is taken, or if nothing is; true if taken.
  bool TryTake(size_t bytes) {
    size_t taken = taken_.load(std::memory_order_relaxed);
    do {
      if (taken != 0 && taken + bytes > capacity_) return false;
    } while (!taken_.compare_exchange_weak(taken, taken + bytes, std::memory_order_acquire,
                                           std::memory_order_relaxed));
    return true;
  }
  // Gives back what a TryTake took. REQUIRES: those bytes were taken and not given back.
  void Give(size_t bytes) { taken_.fetch_sub(bytes, std::memory_order_release); }

  size_t capacity() const { return capacity_; }
  size_t taken() const { return taken_.load(std::memory_order_relaxed); }

 private:
  const size_t capacity_;
  std::atomic<size_t> taken_{0};
};

}  // namespace rasoat
