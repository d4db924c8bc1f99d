#include "server/rasoatd/memory_trimmer.h"

#include <utility>

#include <malloc.h>

namespace rasoat {

void ReturnFreeMemory() { malloc_trim(0); }

MemoryTrimmer::MemoryTrimmer(absl::Duration period, std::function<void()> trim)
    : period_(period), trim_(std::move(trim)), thread_([this] { Run(); }) {}

MemoryTrimmer::~MemoryTrimmer() {
  {
    MutexLock lock(&mu_);
    stopping_ = true;
  }
  thread_.join();
}

void MemoryTrimmer::Run() {
  for (;;) {
    {
      MutexLock lock(&mu_);
      mu_.AwaitWithTimeout([this]() ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_) { return stopping_; },
                           absl::ToChronoMilliseconds(period_));
      if (stopping_) return;
    }
    trim_();
  }
}

}  // namespace rasoat
