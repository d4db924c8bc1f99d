#include "server/rasoatd/admin_service.h"

#include <chrono>

#include "server/rasoatd/grpc_status.h"
#include "server/rasoatd/publish_status_wait.h"
#include "server/rasoatd/raw_messages.h"
#include "server/rasoatd/raw_unary_call.h"

namespace rasoat {
namespace {

constexpr uint32_t kMaxWaitSeconds = 600;

}  // namespace

grpc::ServerUnaryReactor* AdminServiceImpl::GetPublishStatus(grpc::CallbackServerContext* context,
                                                             const grpc::ByteBuffer* request,
                                                             grpc::ByteBuffer* response) {
  // The request is a few bytes: parsed here, so that a wait is started without a thread.
  v1::GetPublishStatusRequest call;
  absl::Status parsed = ParseRequest(const_cast<grpc::ByteBuffer*>(request), &call);
  if (parsed.ok() && call.wait_drained_seconds() > kMaxWaitSeconds) {
    parsed = absl::InvalidArgumentError("wait_drained_seconds: at most 600");
  }
  grpc::ServerUnaryReactor* reactor = context->DefaultReactor();
  if (!parsed.ok()) {
    reactor->Finish(ToGrpcStatus(parsed));
    return reactor;
  }
  if (call.wait_drained_seconds() > 0) {
    return PublishStatusWait::Start(publisher_, pool_,
                                    std::chrono::seconds(call.wait_drained_seconds()), response);
  }
  pool_->Schedule([this, reactor, response] {
    reactor->Finish(ToGrpcStatus(SerializeResponse(publisher_->Status(), response)));
  });
  return reactor;
}

grpc::ServerUnaryReactor* AdminServiceImpl::RetryDeadLetters(grpc::CallbackServerContext* context,
                                                             const grpc::ByteBuffer* request,
                                                             grpc::ByteBuffer* response) {
  return RunRawUnaryCall<v1::RetryDeadLettersRequest, v1::RetryDeadLettersResponse>(
      context, pool_, request, response,
      [this](const v1::RetryDeadLettersRequest& call, v1::RetryDeadLettersResponse* result) {
        return publisher_->RetryDeadLetters(call, result);
      });
}

grpc::ServerUnaryReactor* AdminServiceImpl::ListPublished(grpc::CallbackServerContext* context,
                                                          const grpc::ByteBuffer* request,
                                                          grpc::ByteBuffer* response) {
  return RunRawUnaryCall<v1::ListPublishedRequest, v1::ListPublishedResponse>(
      context, pool_, request, response,
      [this](const v1::ListPublishedRequest& call, v1::ListPublishedResponse* result) {
        return published_->ListPublished(call, result);
      });
}

}  // namespace rasoat
