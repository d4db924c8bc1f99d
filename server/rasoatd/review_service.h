// ReviewServiceImpl serves rasoat.v1.ReviewService: it hands each call to sync/'s
// ReviewService and maps the status; it checks nothing of the domain itself. Authentication
// and authorization come later (DESIGN.md "Identity, authorization, audit").
//
// Thread-safety: gRPC calls it from many threads; the service and the pools are thread-safe.
// No call runs on gRPC's callback threads: decisions and resolutions wait for an fsync and run
// on the write pool; the queue, the summary, a household's history and a diff read many
// records (and may classify again) and run on the read pool.
#pragma once

#include "rasoat/v1/review.grpc.pb.h"
#include "server/rasoatd/worker_pool.h"
#include "sync/review/review_service.h"

namespace rasoat {

class ReviewServiceImpl final : public v1::ReviewService::CallbackService {
 public:
  // None is owned; all must outlive the server.
  ReviewServiceImpl(ReviewService* review, WorkerPool* write_pool, WorkerPool* read_pool)
      : review_(review), write_pool_(write_pool), read_pool_(read_pool) {}

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
  ReviewService* const review_;   // not owned
  WorkerPool* const write_pool_;  // not owned
  WorkerPool* const read_pool_;   // not owned
};

}  // namespace rasoat
