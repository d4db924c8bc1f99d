#include "server/rasoatd/sync_service.h"

#include "server/rasoatd/grpc_status.h"
#include "server/rasoatd/pull_reactor.h"

namespace rasoat {

grpc::ServerUnaryReactor* SyncServiceImpl::Push(grpc::CallbackServerContext* context,
                                                const v1::PushRequest* request,
                                                v1::PushResponse* response) {
  grpc::ServerUnaryReactor* reactor = context->DefaultReactor();
  write_pool_->Schedule([this, reactor, request, response] {
    reactor->Finish(ToGrpcStatus(push_->Push(*request, response)));
  });
  return reactor;
}

grpc::ServerWriteReactor<v1::PullResponse>* SyncServiceImpl::Pull(
    grpc::CallbackServerContext* /*context*/, const v1::PullRequest* request) {
  return new PullReactor(pull_, read_pool_, request);
}

}  // namespace rasoat
