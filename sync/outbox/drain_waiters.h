// DrainWaiters: the calls waiting for the publisher's backlog to empty (AdminService's
// GetPublishStatus with wait_drained_seconds, before a backup or in a test). A waiter is a
// callback, not a thread: one thread of its own runs each callback once — when the backlog is
// empty, when the waiter's time is up, or when the waiters stop — so that any number of waiting
// admins never hold a thread a push or a pull needs. At most `capacity` wait at once; past that
// a wait is refused, so waiters cannot grow without bound either.
//
// Thread-safety: every method may be called from any thread. Callbacks run with no lock held,
// on the waiters' thread, or on the thread calling Add when the backlog is empty already; they
// must not block (schedule the work elsewhere).
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <map>
#include <thread>

#include "absl/base/thread_annotations.h"
#include "absl/status/statusor.h"
#include "sync/base/mutex.h"

namespace rasoat {

class DrainWaiters {
 public:
  // REQUIRES: capacity > 0.
  explicit DrainWaiters(size_t capacity);
  // Runs the callbacks still waiting, then joins the thread.
  ~DrainWaiters();
  DrainWaiters(const DrainWaiters&) = delete;
  DrainWaiters& operator=(const DrainWaiters&) = delete;

  // Runs `done` once: at once (on this thread) if the backlog is empty, else when it empties or
  // after `max_wait`, whichever is first. Returns an id for Cancel. RESOURCE_EXHAUSTED, and
  // `done` never runs, when `capacity` callbacks wait already.
  absl::StatusOr<uint64_t> Add(std::chrono::milliseconds max_wait, std::function<void()> done);

  // Drops waiter `id` without running its callback (its call went away); nothing if the
  // callback ran already or is running.
  void Cancel(uint64_t id);

  // Whether the backlog is empty now. Starts true.
  void SetDrained(bool drained);

  // How many callbacks wait.
  size_t waiting() const;

 private:
  struct Waiter {
    std::chrono::steady_clock::time_point deadline;
    std::function<void()> done;
  };

  void Run();

  const size_t capacity_;
  mutable Mutex mu_;
  bool drained_ ABSL_GUARDED_BY(mu_) = true;
  bool stopping_ ABSL_GUARDED_BY(mu_) = false;
  uint64_t next_id_ ABSL_GUARDED_BY(mu_) = 1;
  // Bumped by every Add, so the thread sees a deadline earlier than the one it waits for.
  uint64_t added_ ABSL_GUARDED_BY(mu_) = 0;
  std::map<uint64_t, Waiter> waiters_ ABSL_GUARDED_BY(mu_);
  std::thread thread_;
};

}  // namespace rasoat
