// PullReactor streams the pages of one Pull call (SyncServiceImpl::Pull creates it; it deletes
// itself when gRPC is done with the call). Pages are read on the read pool, never on a gRPC
// thread, and ahead of the sending: a pool task reads pages into a small ring of buffers while
// gRPC sends the ones before, and each write's OnWriteDone starts the next write itself from a
// page already read. So reading overlaps sending and no page waits for a thread to wake up,
// except when the reader is behind (a one-commune pull sends ~40 pages).
//
// Thread-safety: gRPC calls OnWriteDone and OnDone from its threads while a pool task may be
// reading; what is read, queued and sent is handed over under mu_. The session is used by one
// pool task at a time (a reader is scheduled only when none runs).
#pragma once

#include <array>
#include <cstddef>
#include <deque>
#include <memory>

#include "absl/status/status.h"
#include "rasoat/v1/sync.grpc.pb.h"
#include "server/rasoatd/worker_pool.h"
#include "sync/base/mutex.h"
#include "sync/pull/pull_service.h"

namespace rasoat {

class PullReactor final : public grpc::ServerWriteReactor<v1::PullResponse> {
 public:
  // Opens the pull of `request` on `pool` and starts streaming. None is owned; `pull` and `pool`
  // outlive the server, `request` the call.
  PullReactor(const PullService* pull, WorkerPool* pool, const v1::PullRequest* request);

  void OnWriteDone(bool ok) override;
  void OnDone() override;

 private:
  // Pages read but not yet sent, at most: with the page being sent, what a pull holds in memory
  // (pages are bounded in bytes by PullOptions).
  static constexpr size_t kPagesAhead = 2;
  static constexpr size_t kBuffers = kPagesAhead + 1;

  // How a read of one buffer ended.
  struct Read {
    absl::Status status;
    bool last = false;  // the session is done: this page ends the pull
  };
  // What a thread does after releasing mu_, as its last act on the reactor.
  enum class Next { kNothing, kSend, kFinish };
  struct Action {
    Next next = Next::kNothing;
    size_t buffer = 0;
    Read read;
    bool schedule_reader = false;  // then start a reader on the pool
  };

  // On the pool: opens the session, then reads.
  void Start(const PullService* pull, const v1::PullRequest* request);
  // On the pool: reads pages into free buffers until the ring is full or the pull is read.
  void ReadAhead();
  // Under mu_: takes the oldest queued page for sending, if nothing is being sent.
  Action SendNextQueued() ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_);
  // With mu_ released, as the caller's last act on the reactor unless a reader is scheduled or
  // the caller is the reader (which keeps it alive).
  void Act(const Action& action);

  WorkerPool* const pool_;  // not owned
  std::unique_ptr<PullSession> session_;
  std::array<v1::PullResponse, kBuffers> pages_;

  Mutex mu_;
  std::array<Read, kBuffers> reads_ ABSL_GUARDED_BY(mu_);
  std::deque<size_t> queued_ ABSL_GUARDED_BY(mu_);  // buffers read and not sent, oldest first
  size_t in_use_ ABSL_GUARDED_BY(mu_) = 0;          // buffers queued, being sent or being read
  size_t next_read_ ABSL_GUARDED_BY(mu_) = 0;       // buffers are read, and freed, in ring order
  bool reading_ ABSL_GUARDED_BY(mu_) = true;        // a pool task is opening or reading
  bool read_all_ ABSL_GUARDED_BY(mu_) = false;      // the last page (or an error) was read
  bool writing_ ABSL_GUARDED_BY(mu_) = false;       // gRPC is sending a page
  bool finished_ ABSL_GUARDED_BY(mu_) = false;      // Finish was called, or will be by its caller
  bool done_ ABSL_GUARDED_BY(mu_) = false;          // OnDone ran: the last task out deletes
};

}  // namespace rasoat
