#include "server/rasoatd/admin_service.h"

#include "server/rasoatd/grpc_status.h"

namespace rasoat {
namespace {

constexpr uint32_t kMaxWaitSeconds = 600;

}  // namespace

grpc::ServerUnaryReactor* AdminServiceImpl::GetPublishStatus(
    grpc::CallbackServerContext* context, const v1::GetPublishStatusRequest* request,
    v1::GetPublishStatusResponse* response) {
  grpc::ServerUnaryReactor* reactor = context->DefaultReactor();
  if (request->wait_drained_seconds() > kMaxWaitSeconds) {
    reactor->Finish(
        grpc::Status(grpc::StatusCode::INVALID_ARGUMENT, "wait_drained_seconds: at most 600"));
    return reactor;
  }
  // Waiting holds a thread: on the pool, never on gRPC's own.
  pool_->Schedule([this, reactor, request, response] {
    *response = publisher_->Status(std::chrono::seconds(request->wait_drained_seconds()));
    reactor->Finish(grpc::Status::OK);
  });
  return reactor;
}

grpc::ServerUnaryReactor* AdminServiceImpl::ListPublished(grpc::CallbackServerContext* context,
                                                          const v1::ListPublishedRequest* request,
                                                          v1::ListPublishedResponse* response) {
  grpc::ServerUnaryReactor* reactor = context->DefaultReactor();
  pool_->Schedule([this, reactor, request, response] {
    reactor->Finish(ToGrpcStatus(published_->ListPublished(*request, response)));
  });
  return reactor;
}

}  // namespace rasoat
