#include "server/rasoatd/sync_service.h"

#include "server/rasoatd/grpc_status.h"
#include "server/rasoatd/pull_reactor.h"
#include "server/rasoatd/raw_unary_call.h"

namespace rasoat {

grpc::ServerUnaryReactor* SyncServiceImpl::Push(grpc::CallbackServerContext* context,
                                                const grpc::ByteBuffer* request,
                                                grpc::ByteBuffer* response) {
  return RunRawUnaryCall<v1::PushRequest, v1::PushResponse>(
      context, write_pool_, request, response,
      [this](const v1::PushRequest& push, v1::PushResponse* result) {
        return push_->Push(push, result);
      });
}

grpc::ServerWriteReactor<grpc::ByteBuffer>* SyncServiceImpl::Pull(
    grpc::CallbackServerContext* /*context*/, const grpc::ByteBuffer* request) {
  // gRPC hands the request over as const but holds it only to free it (raw_unary_call.h).
  return new PullReactor(pull_, read_pool_, const_cast<grpc::ByteBuffer*>(request));
}

}  // namespace rasoat
