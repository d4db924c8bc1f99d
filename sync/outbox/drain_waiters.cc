#include "sync/outbox/drain_waiters.h"

#include <algorithm>
#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"

namespace rasoat {

DrainWaiters::DrainWaiters(size_t capacity) : capacity_(capacity) {
  thread_ = std::thread(&DrainWaiters::Run, this);
}

DrainWaiters::~DrainWaiters() {
  {
    MutexLock lock(&mu_);
    stopping_ = true;
  }
  thread_.join();
}

absl::StatusOr<uint64_t> DrainWaiters::Add(std::chrono::milliseconds max_wait,
                                           std::function<void()> done) {
  uint64_t id = 0;
  {
    MutexLock lock(&mu_);
    id = next_id_++;
    if (!drained_ && !stopping_) {
      if (waiters_.size() >= capacity_) {
        return absl::ResourceExhaustedError(absl::StrCat(
            capacity_, " calls wait for the publish backlog already; try again later"));
      }
      waiters_.emplace(id, Waiter{std::chrono::steady_clock::now() + max_wait, std::move(done)});
      ++added_;
      return id;
    }
  }
  done();
  return id;
}

void DrainWaiters::Cancel(uint64_t id) {
  std::function<void()> dropped;
  {
    MutexLock lock(&mu_);
    const auto it = waiters_.find(id);
    if (it == waiters_.end()) return;
    dropped = std::move(it->second.done);
    waiters_.erase(it);
  }
  // Destroyed here, outside the lock: it may hold the last reference to its call's state.
}

void DrainWaiters::SetDrained(bool drained) {
  MutexLock lock(&mu_);
  drained_ = drained;
}

size_t DrainWaiters::waiting() const {
  MutexLock lock(&mu_);
  return waiters_.size();
}

void DrainWaiters::Run() {
  for (bool stop = false; !stop;) {
    std::vector<std::function<void()>> due;
    {
      MutexLock lock(&mu_);
      const uint64_t added = added_;
      const auto ready = [this, added]() ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_) {
        return stopping_ || added_ != added || (drained_ && !waiters_.empty());
      };
      if (waiters_.empty()) {
        mu_.Await(ready);
      } else {
        auto earliest = std::chrono::steady_clock::time_point::max();
        for (const auto& [id, waiter] : waiters_) earliest = std::min(earliest, waiter.deadline);
        mu_.AwaitWithTimeout(ready, earliest - std::chrono::steady_clock::now());
      }
      const auto now = std::chrono::steady_clock::now();
      for (auto it = waiters_.begin(); it != waiters_.end();) {
        if (stopping_ || drained_ || it->second.deadline <= now) {
          due.push_back(std::move(it->second.done));
          it = waiters_.erase(it);
        } else {
          ++it;
        }
      }
      stop = stopping_;
    }
    for (std::function<void()>& done : due) done();
  }
}

}  // namespace rasoat
