// ReviewServiceImpl serves rasoat.v1.ReviewService: checks nothing of the domain itself, calls
// the SyncEngine and maps the status. Authentication and authorization come later (DESIGN.md
// "Security").
//
// Thread-safety: gRPC calls it from many threads; the engine and the pool are thread-safe.
// Calls that wait for an fsync (decisions, resolutions) or read a whole commune (queue,
// summary) run on the WorkerPool; point reads (one household, a diff) run inline.
#pragma once

#include "rasoat/v1/review.grpc.pb.h"
#include "server/worker_pool.h"
#include "sync/sync_engine.h"

namespace rasoat {

class ReviewServiceImpl final : public v1::ReviewService::CallbackService {
 public:
  // Neither is owned; both must outlive the server.
  ReviewServiceImpl(SyncEngine* engine, WorkerPool* pool) : engine_(engine), pool_(pool) {}

  grpc::ServerUnaryReactor* ListQueue(grpc::CallbackServerContext* context,
                                      const v1::ListQueueRequest* request,
                                      v1::ListQueueResponse* response) override;

  grpc::ServerUnaryReactor* ResolveConflict(grpc::CallbackServerContext* context,
                                            const v1::ResolveConflictRequest* request,
                                            v1::ResolveConflictResponse* response) override;

  grpc::ServerUnaryReactor* GetHousehold(grpc::CallbackServerContext* context,
                                         const v1::GetHouseholdRequest* request,
                                         v1::GetHouseholdResponse* response) override;

  grpc::ServerUnaryReactor* DiffVersions(grpc::CallbackServerContext* context,
                                         const v1::DiffVersionsRequest* request,
                                         v1::DiffVersionsResponse* response) override;

  grpc::ServerUnaryReactor* Approve(grpc::CallbackServerContext* context,
                                    const v1::ApproveRequest* request,
                                    v1::ApproveResponse* response) override;

  grpc::ServerUnaryReactor* Return(grpc::CallbackServerContext* context,
                                   const v1::ReturnRequest* request,
                                   v1::ReturnResponse* response) override;

  grpc::ServerUnaryReactor* CommuneSummary(grpc::CallbackServerContext* context,
                                           const v1::CommuneSummaryRequest* request,
                                           v1::CommuneSummaryResponse* response) override;

 private:
  SyncEngine* engine_;  // not owned
  WorkerPool* pool_;    // not owned
};

}  // namespace rasoat
