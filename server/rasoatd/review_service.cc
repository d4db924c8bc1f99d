#include "server/rasoatd/review_service.h"

#include <utility>

#include "server/rasoatd/grpc_status.h"

namespace rasoat {
namespace {

// Finishes the call with what `call` returns, run on `pool`, never on gRPC's callback threads.
template <typename Call>
grpc::ServerUnaryReactor* RunOnPool(grpc::CallbackServerContext* context, WorkerPool* pool,
                                    Call call) {
  grpc::ServerUnaryReactor* reactor = context->DefaultReactor();
  pool->Schedule([reactor, call = std::move(call)] { reactor->Finish(ToGrpcStatus(call())); });
  return reactor;
}

}  // namespace

grpc::ServerUnaryReactor* ReviewServiceImpl::ListQueue(grpc::CallbackServerContext* context,
                                                       const v1::ListQueueRequest* request,
                                                       v1::ListQueueResponse* response) {
  return RunOnPool(context, read_pool_,
                   [=, this] { return review_->ListQueue(*request, response); });
}

grpc::ServerUnaryReactor* ReviewServiceImpl::ResolveConflict(
    grpc::CallbackServerContext* context, const v1::ResolveConflictRequest* request,
    v1::ResolveConflictResponse* response) {
  return RunOnPool(context, write_pool_,
                   [=, this] { return review_->ResolveConflict(*request, response); });
}

grpc::ServerUnaryReactor* ReviewServiceImpl::GetHousehold(grpc::CallbackServerContext* context,
                                                          const v1::GetHouseholdRequest* request,
                                                          v1::GetHouseholdResponse* response) {
  return RunOnPool(context, read_pool_,
                   [=, this] { return review_->GetHousehold(*request, response); });
}

grpc::ServerUnaryReactor* ReviewServiceImpl::DiffVersions(grpc::CallbackServerContext* context,
                                                          const v1::DiffVersionsRequest* request,
                                                          v1::DiffVersionsResponse* response) {
  return RunOnPool(context, read_pool_,
                   [=, this] { return review_->DiffVersions(*request, response); });
}

grpc::ServerUnaryReactor* ReviewServiceImpl::Approve(grpc::CallbackServerContext* context,
                                                     const v1::ApproveRequest* request,
                                                     v1::ApproveResponse* response) {
  return RunOnPool(context, write_pool_,
                   [=, this] { return review_->Approve(*request, response); });
}

grpc::ServerUnaryReactor* ReviewServiceImpl::Return(grpc::CallbackServerContext* context,
                                                    const v1::ReturnRequest* request,
                                                    v1::ReturnResponse* response) {
  return RunOnPool(context, write_pool_, [=, this] { return review_->Return(*request, response); });
}

grpc::ServerUnaryReactor* ReviewServiceImpl::CommuneSummary(
    grpc::CallbackServerContext* context, const v1::CommuneSummaryRequest* request,
    v1::CommuneSummaryResponse* response) {
  return RunOnPool(context, read_pool_,
                   [=, this] { return review_->CommuneSummary(*request, response); });
}

}  // namespace rasoat
