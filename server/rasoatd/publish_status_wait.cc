#include "server/rasoatd/publish_status_wait.h"

#include <utility>

#include "server/rasoatd/grpc_status.h"
#include "server/rasoatd/raw_messages.h"

namespace rasoat {

grpc::ServerUnaryReactor* PublishStatusWait::Start(Publisher* publisher, WorkerPool* pool,
                                                   std::function<absl::Status()> admit,
                                                   std::chrono::milliseconds wait,
                                                   grpc::ByteBuffer* response) {
  auto* reactor = new PublishStatusWait(publisher);
  auto call = std::make_shared<Call>();
  call->reactor = reactor;
  call->response = response;
  reactor->call_ = call;
  pool->Schedule([call, publisher, pool, admit = std::move(admit), wait] {
    if (absl::Status admitted = admit(); !admitted.ok()) {
      if (call->Claim()) call->reactor->Finish(ToGrpcStatus(admitted));
      return;
    }
    // The callback must not block: the status is read on the pool.
    absl::StatusOr<uint64_t> waiter = publisher->WhenDrained(wait, [call, publisher, pool] {
      pool->Schedule([call, publisher] {
        v1::GetPublishStatusResponse status = publisher->Status();
        if (!call->Claim()) return;  // cancelled meanwhile
        call->reactor->Finish(ToGrpcStatus(SerializeResponse(status, call->response)));
      });
    });
    if (!waiter.ok()) {
      if (call->Claim()) call->reactor->Finish(ToGrpcStatus(waiter.status()));
      return;
    }
    call->waiter_id.store(*waiter);
    // Cancelled while it registered: OnCancel found no id to cancel.
    if (call->claimed.load()) publisher->CancelWhenDrained(*waiter);
  });
  return reactor;
}

void PublishStatusWait::OnCancel() {
  const bool claimed = call_->Claim();
  if (const uint64_t id = call_->waiter_id.load(); id != 0) publisher_->CancelWhenDrained(id);
  if (claimed) Finish(grpc::Status::CANCELLED);
}

}  // namespace rasoat
