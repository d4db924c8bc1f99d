// SyncServiceImpl serves rasoat.v1.SyncService over gRPC's callback API: it hands each call to
// the push or pull service of sync/ and maps the status; it checks nothing of the domain
// itself.
//
// Thread-safety: gRPC calls it from many threads; the services and the pools are thread-safe.
// No reaction blocks: a push runs on the write pool (it waits for an fsync); a pull's session
// is opened and each of its pages read on the read pool, and written from there.
#pragma once

#include "rasoat/v1/sync.grpc.pb.h"
#include "server/rasoatd/arena_message_allocator.h"
#include "server/rasoatd/worker_pool.h"
#include "sync/pull/pull_service.h"
#include "sync/push/push_service.h"

namespace rasoat {

class SyncServiceImpl final : public v1::SyncService::CallbackService {
 public:
  // None is owned; all must outlive the server. `write_pool` runs pushes, `read_pool` pulls.
  SyncServiceImpl(PushService* push, const PullService* pull, WorkerPool* write_pool,
                  WorkerPool* read_pool)
      : push_(push), pull_(pull), write_pool_(write_pool), read_pool_(read_pool) {
    SetMessageAllocatorFor_Push(&push_allocator_);
  }

  grpc::ServerUnaryReactor* Push(grpc::CallbackServerContext* context,
                                 const v1::PushRequest* request,
                                 v1::PushResponse* response) override;

  grpc::ServerWriteReactor<v1::PullResponse>* Pull(grpc::CallbackServerContext* context,
                                                   const v1::PullRequest* request) override;

 private:
  PushService* const push_;        // not owned
  const PullService* const pull_;  // not owned
  WorkerPool* const write_pool_;   // not owned
  WorkerPool* const read_pool_;    // not owned
  // Each push's request and response live on an arena of their own.
  ArenaMessageAllocator<v1::PushRequest, v1::PushResponse> push_allocator_;
};

}  // namespace rasoat
