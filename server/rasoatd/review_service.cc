#include "server/rasoatd/review_service.h"

#include "server/rasoatd/raw_unary_call.h"

namespace rasoat {

grpc::ServerUnaryReactor* ReviewServiceImpl::ListQueue(grpc::CallbackServerContext* context,
                                                       const grpc::ByteBuffer* request,
                                                       grpc::ByteBuffer* response) {
  return RunRawUnaryCall<v1::ListQueueRequest, v1::ListQueueResponse>(
      context, read_pool_, gate_, "/rasoat.v1.ReviewService/ListQueue", request, response,
      [this](const identity::Principal& caller, const v1::ListQueueRequest& call,
             v1::ListQueueResponse* result) { return review_->ListQueue(caller, call, result); });
}

grpc::ServerUnaryReactor* ReviewServiceImpl::ResolveConflict(grpc::CallbackServerContext* context,
                                                             const grpc::ByteBuffer* request,
                                                             grpc::ByteBuffer* response) {
  return RunRawUnaryCall<v1::ResolveConflictRequest, v1::ResolveConflictResponse>(
      context, write_pool_, gate_, "/rasoat.v1.ReviewService/ResolveConflict", request, response,
      [this](const identity::Principal& caller, const v1::ResolveConflictRequest& call,
             v1::ResolveConflictResponse* result) {
        return review_->ResolveConflict(caller, call, result);
      });
}

grpc::ServerUnaryReactor* ReviewServiceImpl::GetHousehold(grpc::CallbackServerContext* context,
                                                          const grpc::ByteBuffer* request,
                                                          grpc::ByteBuffer* response) {
  return RunRawUnaryCall<v1::GetHouseholdRequest, v1::GetHouseholdResponse>(
      context, read_pool_, gate_, "/rasoat.v1.ReviewService/GetHousehold", request, response,
      [this](const identity::Principal& caller, const v1::GetHouseholdRequest& call,
             v1::GetHouseholdResponse* result) {
        return review_->GetHousehold(caller, call, result);
      });
}

grpc::ServerUnaryReactor* ReviewServiceImpl::DiffVersions(grpc::CallbackServerContext* context,
                                                          const grpc::ByteBuffer* request,
                                                          grpc::ByteBuffer* response) {
  return RunRawUnaryCall<v1::DiffVersionsRequest, v1::DiffVersionsResponse>(
      context, read_pool_, gate_, "/rasoat.v1.ReviewService/DiffVersions", request, response,
      [this](const identity::Principal& caller, const v1::DiffVersionsRequest& call,
             v1::DiffVersionsResponse* result) {
        return review_->DiffVersions(caller, call, result);
      });
}

grpc::ServerUnaryReactor* ReviewServiceImpl::Approve(grpc::CallbackServerContext* context,
                                                     const grpc::ByteBuffer* request,
                                                     grpc::ByteBuffer* response) {
  return RunRawUnaryCall<v1::ApproveRequest, v1::ApproveResponse>(
      context, write_pool_, gate_, "/rasoat.v1.ReviewService/Approve", request, response,
      [this](const identity::Principal& caller, const v1::ApproveRequest& call,
             v1::ApproveResponse* result) { return review_->Approve(caller, call, result); });
}

grpc::ServerUnaryReactor* ReviewServiceImpl::Return(grpc::CallbackServerContext* context,
                                                    const grpc::ByteBuffer* request,
                                                    grpc::ByteBuffer* response) {
  return RunRawUnaryCall<v1::ReturnRequest, v1::ReturnResponse>(
      context, write_pool_, gate_, "/rasoat.v1.ReviewService/Return", request, response,
      [this](const identity::Principal& caller, const v1::ReturnRequest& call,
             v1::ReturnResponse* result) { return review_->Return(caller, call, result); });
}

grpc::ServerUnaryReactor* ReviewServiceImpl::CommuneSummary(grpc::CallbackServerContext* context,
                                                            const grpc::ByteBuffer* request,
                                                            grpc::ByteBuffer* response) {
  return RunRawUnaryCall<v1::CommuneSummaryRequest, v1::CommuneSummaryResponse>(
      context, read_pool_, gate_, "/rasoat.v1.ReviewService/CommuneSummary", request, response,
      [this](const identity::Principal& caller, const v1::CommuneSummaryRequest& call,
             v1::CommuneSummaryResponse* result) {
        return review_->CommuneSummary(caller, call, result);
      });
}

grpc::ServerUnaryReactor* ReviewServiceImpl::RecordVillageMeeting(
    grpc::CallbackServerContext* context, const grpc::ByteBuffer* request,
    grpc::ByteBuffer* response) {
  return RunRawUnaryCall<v1::RecordVillageMeetingRequest, v1::RecordVillageMeetingResponse>(
      context, write_pool_, gate_, "/rasoat.v1.ReviewService/RecordVillageMeeting", request,
      response,
      [this](const identity::Principal& caller, const v1::RecordVillageMeetingRequest& call,
             v1::RecordVillageMeetingResponse* result) {
        return review_->RecordVillageMeeting(caller, call, result);
      });
}

grpc::ServerUnaryReactor* ReviewServiceImpl::OpenPosting(grpc::CallbackServerContext* context,
                                                         const grpc::ByteBuffer* request,
                                                         grpc::ByteBuffer* response) {
  return RunRawUnaryCall<v1::OpenPostingRequest, v1::OpenPostingResponse>(
      context, write_pool_, gate_, "/rasoat.v1.ReviewService/OpenPosting", request, response,
      [this](const identity::Principal& caller, const v1::OpenPostingRequest& call,
             v1::OpenPostingResponse* result) {
        return review_->OpenPosting(caller, call, result);
      });
}

grpc::ServerUnaryReactor* ReviewServiceImpl::RecordObjection(grpc::CallbackServerContext* context,
                                                             const grpc::ByteBuffer* request,
                                                             grpc::ByteBuffer* response) {
  return RunRawUnaryCall<v1::RecordObjectionRequest, v1::RecordObjectionResponse>(
      context, write_pool_, gate_, "/rasoat.v1.ReviewService/RecordObjection", request, response,
      [this](const identity::Principal& caller, const v1::RecordObjectionRequest& call,
             v1::RecordObjectionResponse* result) {
        return review_->RecordObjection(caller, call, result);
      });
}

grpc::ServerUnaryReactor* ReviewServiceImpl::Recognise(grpc::CallbackServerContext* context,
                                                       const grpc::ByteBuffer* request,
                                                       grpc::ByteBuffer* response) {
  return RunRawUnaryCall<v1::RecogniseRequest, v1::RecogniseResponse>(
      context, write_pool_, gate_, "/rasoat.v1.ReviewService/Recognise", request, response,
      [this](const identity::Principal& caller, const v1::RecogniseRequest& call,
             v1::RecogniseResponse* result) { return review_->Recognise(caller, call, result); });
}

}  // namespace rasoat
