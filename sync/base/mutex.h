// Mutex and MutexLock: a std::mutex with clang thread-safety annotations and absl-style Await.
//
// Why not absl::Mutex: Debian's abseil is a prebuilt library without ThreadSanitizer
// instrumentation, so TSan cannot see absl::Mutex's synchronization and reports races on
// everything it guards. std::mutex goes through pthread, which TSan intercepts. The
// annotations keep -Wthread-safety checking every ABSL_GUARDED_BY member.
//
// Thread-safety: that of a mutex.
#pragma once

#include <condition_variable>
#include <mutex>

#include "absl/base/thread_annotations.h"

namespace rasoat {

class ABSL_LOCKABLE Mutex {
 public:
  void Lock() ABSL_EXCLUSIVE_LOCK_FUNCTION() { mu_.lock(); }

  void Unlock() ABSL_UNLOCK_FUNCTION() {
    const bool wake = waiters_ > 0;
    mu_.unlock();
    if (wake) changed_.notify_all();
  }

  // Releases the mutex until `ready()` is true, re-checking it whenever a holder unlocks.
  // REQUIRES: held by this thread; `ready` reads only state this mutex guards.
  template <typename Predicate>
  void Await(Predicate ready) ABSL_EXCLUSIVE_LOCKS_REQUIRED(this) {
    ++waiters_;
    std::unique_lock<std::mutex> lock(mu_, std::adopt_lock);
    changed_.wait(lock, ready);
    lock.release();
    --waiters_;
  }
  // As Await, but gives up after `timeout`; returns whether `ready()` became true.
  template <typename Predicate, typename Duration>
  bool AwaitWithTimeout(Predicate ready, Duration timeout) ABSL_EXCLUSIVE_LOCKS_REQUIRED(this) {
    ++waiters_;
    std::unique_lock<std::mutex> lock(mu_, std::adopt_lock);
    const bool became_ready = changed_.wait_for(lock, timeout, ready);
    lock.release();
    --waiters_;
    return became_ready;
  }

 private:
  friend class CondVar;

  std::mutex mu_;
  std::condition_variable changed_;
  int waiters_ = 0;  // guarded by mu_
};

// A condition variable for Mutex, for waits where one event is for one waiter: Signal wakes one
// thread, where Await wakes every awaiting thread at every unlock (a pool of 32 idle workers
// would all wake for each task). Waiters re-check their condition in a loop, as with any
// condition variable.
class CondVar {
 public:
  // Releases `mu` until signalled (or woken spuriously), then holds it again.
  void Wait(Mutex* mu) ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu) {
    std::unique_lock<std::mutex> lock(mu->mu_, std::adopt_lock);
    cv_.wait(lock);
    lock.release();
  }
  void Signal() { cv_.notify_one(); }
  void SignalAll() { cv_.notify_all(); }

 private:
  std::condition_variable cv_;
};

// Holds a Mutex for its scope.
class ABSL_SCOPED_LOCKABLE MutexLock {
 public:
  explicit MutexLock(Mutex* mu) ABSL_EXCLUSIVE_LOCK_FUNCTION(mu) : mu_(mu) { mu_->Lock(); }
  ~MutexLock() ABSL_UNLOCK_FUNCTION() { mu_->Unlock(); }
  MutexLock(const MutexLock&) = delete;
  MutexLock& operator=(const MutexLock&) = delete;

 private:
  Mutex* mu_;  // not owned
};

}  // namespace rasoat
