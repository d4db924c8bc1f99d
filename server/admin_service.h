// AdminServiceImpl serves rasoat.v1.AdminService: the publisher's status and the published
// list of a commune. Authentication and the other admin calls come later (DESIGN.md
// "Security").
//
// Thread-safety: gRPC calls it from many threads; the engine and the pool are thread-safe.
// ListPublished talks to the program store, so it runs on the WorkerPool.
#pragma once

#include "rasoat/v1/admin.grpc.pb.h"
#include "server/worker_pool.h"
#include "sync/sync_engine.h"

namespace rasoat {

class AdminServiceImpl final : public v1::AdminService::CallbackService {
 public:
  // Neither is owned; both must outlive the server.
  AdminServiceImpl(SyncEngine* engine, WorkerPool* pool) : engine_(engine), pool_(pool) {}

  grpc::ServerUnaryReactor* GetPublishStatus(grpc::CallbackServerContext* context,
                                             const v1::GetPublishStatusRequest* request,
                                             v1::GetPublishStatusResponse* response) override;

  grpc::ServerUnaryReactor* ListPublished(grpc::CallbackServerContext* context,
                                          const v1::ListPublishedRequest* request,
                                          v1::ListPublishedResponse* response) override;

 private:
  SyncEngine* engine_;  // not owned
  WorkerPool* pool_;    // not owned
};

}  // namespace rasoat
