// WorkerPool runs blocking work (a push waits for its fsync) off gRPC's callback threads, which
// must never block. Many workers waiting on fsyncs at once is what lets RocksDB group their
// writes into one.
//
// Thread-safety: Schedule may be called from any thread. The destructor runs the work already
// scheduled, then joins the workers.
#pragma once

#include <deque>
#include <functional>
#include <thread>
#include <vector>

#include "absl/base/thread_annotations.h"
#include "sync/base/mutex.h"

namespace rasoat {

class WorkerPool {
 public:
  // REQUIRES: threads > 0.
  explicit WorkerPool(int threads);
  ~WorkerPool();
  WorkerPool(const WorkerPool&) = delete;
  WorkerPool& operator=(const WorkerPool&) = delete;

  void Schedule(std::function<void()> work);

 private:
  void Run();

  Mutex mu_;
  CondVar work_ready_;  // signalled once per scheduled task, so one worker wakes for it
  std::deque<std::function<void()>> queue_ ABSL_GUARDED_BY(mu_);
  bool stopping_ ABSL_GUARDED_BY(mu_) = false;
  std::vector<std::thread> threads_;
};

}  // namespace rasoat
