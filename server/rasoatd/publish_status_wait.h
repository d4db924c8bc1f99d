// PublishStatusWait: one GetPublishStatus call with wait_drained_seconds. It waits without a
// thread: it registers a callback with the publisher (Publisher::WhenDrained), which runs when
// the backlog is empty or the wait is over, and only then is the status read, on the admin
// pool. Pushes and pulls never wait behind it. A cancelled call (the client went away, the
// server shuts down) is answered CANCELLED at once and its place among the waiters freed.
//
// Thread-safety: gRPC calls the reactions from its threads, the publisher's callback runs on the
// waiters' thread and the read on the pool; the call is finished exactly once, by whichever
// claims it first, and the reactor deletes itself once gRPC is done with it.
#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>

#include <grpcpp/support/byte_buffer.h>
#include <grpcpp/support/server_callback.h>

#include "absl/status/status.h"
#include "server/rasoatd/worker_pool.h"
#include "sync/outbox/publisher.h"

namespace rasoat {

class PublishStatusWait final : public grpc::ServerUnaryReactor {
 public:
  // On `pool`, runs `admit` (the CallGate's check of the caller) and, if it passes, starts
  // waiting up to `wait`, then serializes the status into `response` (not owned: the raw
  // method's buffer). Finishes with `admit`'s error if it fails, and with RESOURCE_EXHAUSTED
  // when the publisher has as many waiters as it allows. Neither `publisher` nor `pool` is
  // owned; both must outlive every call.
  static grpc::ServerUnaryReactor* Start(Publisher* publisher, WorkerPool* pool,
                                         std::function<absl::Status()> admit,
                                         std::chrono::milliseconds wait,
                                         grpc::ByteBuffer* response);

  void OnCancel() override;
  void OnDone() override { delete this; }

 private:
  // What outlives the reactor: the callbacks still scheduled hold it.
  struct Call {
    PublishStatusWait* reactor;  // valid until finished
    grpc::ByteBuffer* response;  // valid until finished
    std::atomic<bool> claimed{false};
    // The publisher's id of the wait, once registered; 0 before.
    std::atomic<uint64_t> waiter_id{0};
    // Whether this caller is the one to finish the call.
    bool Claim() { return !claimed.exchange(true); }
  };

  explicit PublishStatusWait(Publisher* publisher) : publisher_(publisher) {}

  Publisher* const publisher_;  // not owned
  std::shared_ptr<Call> call_;
};

}  // namespace rasoat
