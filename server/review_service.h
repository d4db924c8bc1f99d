// ReviewServiceImpl serves rasoat.v1.ReviewService: checks nothing of the domain itself, calls
// the SyncEngine and maps the status. Authentication and authorization come later (DESIGN.md
// "Security").
//
// Thread-safety: gRPC calls it from many threads; the engine and the pool are thread-safe.
// ResolveConflict waits for an fsync, so it runs on the WorkerPool.
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

 private:
  SyncEngine* engine_;  // not owned
  WorkerPool* pool_;    // not owned
};

}  // namespace rasoat
