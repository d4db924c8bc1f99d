#include "server/rasoatd/publish_status_wait.h"

#include <utility>

#include "server/rasoatd/grpc_status.h"
#include "server/rasoatd/raw_messages.h"

namespace rasoat {

grpc::ServerUnaryReactor* PublishStatusWait::Start(Publisher* publisher, WorkerPool* pool,
                                                   std::chrono::milliseconds wait,
                                                   grpc::ByteBuffer* response) {
  auto* reactor = new PublishStatusWait(publisher);
  auto call = std::make_shared<Call>();
  call->reactor = reactor;
  call->response = response;
  reactor->call_ = call;
  // The callback must not block: the status is read on the pool.
  absl::StatusOr<uint64_t> waiter = publisher->WhenDrained(wait, [call, publisher, pool] {
    pool->Schedule([call, publisher] {
      v1::GetPublishStatusResponse status = publisher->Status();
      if (!call->Claim()) return;  // cancelled meanwhile
      call->reactor->Finish(ToGrpcStatus(SerializeResponse(status, call->response)));
    });
  });
  if (!waiter.ok()) {
    if (call->Claim()) reactor->Finish(ToGrpcStatus(waiter.status()));
    return reactor;
  }
  // gRPC calls OnCancel only once this handler has returned the reactor.
  reactor->waiter_id_ = *waiter;
  return reactor;
}

void PublishStatusWait::OnCancel() {
  publisher_->CancelWhenDrained(waiter_id_);
  if (call_->Claim()) Finish(grpc::Status::CANCELLED);
}

}  // namespace rasoat
