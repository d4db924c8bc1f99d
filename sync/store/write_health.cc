#include "sync/store/write_health.h"

#include <utility>

namespace rasoat {

void WriteHealth::SetListener(Listener listener) {
  MutexLock lock(&mu_);
  listener_ = std::move(listener);
  if (!writable() && listener_) listener_(false, "the store could not write before this");
}

void WriteHealth::SetStallListener(StallListener listener) {
  MutexLock lock(&mu_);
  stall_listener_ = std::move(listener);
}

std::string_view WriteHealth::StallName(Stall stall) {
  switch (stall) {
    case Stall::kNone:
      return "none";
    case Stall::kDelayed:
      return "delayed";
    case Stall::kStopped:
      return "stopped";
  }
  return "unknown";
}

void WriteHealth::StallChanged(std::string_view column_family, Stall now, Stall before) {
  if (now == before) return;
  MutexLock lock(&mu_);
  if (stall_listener_) stall_listener_(column_family, now, before);
}

void WriteHealth::Change(bool writable, std::string_view reason) {
  MutexLock lock(&mu_);
  if (writable_.load(std::memory_order_relaxed) == writable) return;  // another thread was first
  writable_.store(writable, std::memory_order_release);
  if (listener_) listener_(writable, reason);
}

}  // namespace rasoat
