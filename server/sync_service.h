// SyncServiceImpl serves rasoat.v1.SyncService over gRPC's callback API: it checks nothing of
// the domain itself, hands each call to the SyncEngine and maps the status.
//
// Thread-safety: gRPC calls it from many threads; the engine and the pool are thread-safe.
// Pushes run on the WorkerPool because they wait for an fsync; pull pages are read in the
// stream's reactions (RocksDB reads, no waiting on other calls).
#pragma once

#include "rasoat/v1/sync.grpc.pb.h"
#include "server/arena_message_allocator.h"
#include "server/worker_pool.h"
#include "sync/sync_engine.h"

namespace rasoat {

class SyncServiceImpl final : public v1::SyncService::CallbackService {
 public:
  // Neither is owned; both must outlive the server.
  SyncServiceImpl(SyncEngine* engine, WorkerPool* pool) : engine_(engine), pool_(pool) {
    SetMessageAllocatorFor_Push(&push_allocator_);
  }

  grpc::ServerUnaryReactor* Push(grpc::CallbackServerContext* context,
                                 const v1::PushRequest* request,
                                 v1::PushResponse* response) override;

  grpc::ServerWriteReactor<v1::PullResponse>* Pull(grpc::CallbackServerContext* context,
                                                   const v1::PullRequest* request) override;

 private:
  SyncEngine* engine_;  // not owned
  WorkerPool* pool_;    // not owned
  // Each push's request and response live on an arena of their own.
  ArenaMessageAllocator<v1::PushRequest, v1::PushResponse> push_allocator_;
};

}  // namespace rasoat
