#include "server/rasoatd/admin_service.h"

#include "server/rasoatd/grpc_status.h"
#include "server/rasoatd/publish_status_wait.h"

namespace rasoat {
namespace {

constexpr uint32_t kMaxWaitSeconds = 600;

}  // namespace

grpc::ServerUnaryReactor* AdminServiceImpl::GetPublishStatus(
    grpc::CallbackServerContext* context, const v1::GetPublishStatusRequest* request,
    v1::GetPublishStatusResponse* response) {
  if (request->wait_drained_seconds() > kMaxWaitSeconds) {
    grpc::ServerUnaryReactor* reactor = context->DefaultReactor();
    reactor->Finish(
        grpc::Status(grpc::StatusCode::INVALID_ARGUMENT, "wait_drained_seconds: at most 600"));
    return reactor;
  }
  if (request->wait_drained_seconds() > 0) {
    return PublishStatusWait::Start(
        publisher_, pool_, std::chrono::seconds(request->wait_drained_seconds()), response);
  }
  grpc::ServerUnaryReactor* reactor = context->DefaultReactor();
  pool_->Schedule([this, reactor, response] {
    *response = publisher_->Status();
    reactor->Finish(grpc::Status::OK);
  });
  return reactor;
}

grpc::ServerUnaryReactor* AdminServiceImpl::RetryDeadLetters(
    grpc::CallbackServerContext* context, const v1::RetryDeadLettersRequest* request,
    v1::RetryDeadLettersResponse* response) {
  grpc::ServerUnaryReactor* reactor = context->DefaultReactor();
  pool_->Schedule([this, reactor, request, response] {
    reactor->Finish(ToGrpcStatus(publisher_->RetryDeadLetters(*request, response)));
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
