#include "sync/store/write_health.h"

#include <utility>

namespace rasoat {

void WriteHealth::SetListener(Listener listener) {
  MutexLock lock(&mu_);
  listener_ = std::move(listener);
  if (!writable() && listener_) listener_(false, "the store could not write before this");
}

void WriteHealth::Change(bool writable, std::string_view reason) {
  MutexLock lock(&mu_);
  if (writable_.load(std::memory_order_relaxed) == writable) return;  // another thread was first
  writable_.store(writable, std::memory_order_release);
  if (listener_) listener_(writable, reason);
}

}  // namespace rasoat
