#include "server/review_service.h"

#include "server/grpc_status.h"

namespace rasoat {

grpc::ServerUnaryReactor* ReviewServiceImpl::ListQueue(grpc::CallbackServerContext* context,
                                                       const v1::ListQueueRequest* request,
                                                       v1::ListQueueResponse* response) {
  grpc::ServerUnaryReactor* reactor = context->DefaultReactor();
  reactor->Finish(ToGrpcStatus(engine_->ListQueue(*request, response)));
  return reactor;
}

grpc::ServerUnaryReactor* ReviewServiceImpl::ResolveConflict(
    grpc::CallbackServerContext* context, const v1::ResolveConflictRequest* request,
    v1::ResolveConflictResponse* response) {
  grpc::ServerUnaryReactor* reactor = context->DefaultReactor();
  pool_->Schedule([this, reactor, request, response] {
    reactor->Finish(ToGrpcStatus(engine_->ResolveConflict(*request, response)));
  });
  return reactor;
}

}  // namespace rasoat
