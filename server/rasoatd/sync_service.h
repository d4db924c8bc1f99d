// SyncServiceImpl serves rasoat.v1.SyncService over gRPC's callback API: it hands each call,
// for the caller the CallGate admitted, to the push or pull service of sync/ and maps the status;
// it checks nothing of the domain itself. Its methods are raw (raw_messages.h): it parses each
// request itself, so a request that is not a valid message is refused with INVALID_ARGUMENT saying
// where, not gRPC's UNIMPLEMENTED.
//
// Thread-safety: gRPC calls it from many threads; the services and the pools are thread-safe.
// No reaction blocks: a push is parsed and run on the write pool (it waits for an fsync); a
// pull's request is parsed, its session opened and each of its pages read on the read pool,
// and written from there.
#pragma once

#include "rasoat/v1/sync.grpc.pb.h"
#include "server/rasoatd/byte_budget.h"
#include "server/rasoatd/call_gate.h"
#include "server/rasoatd/sync_metrics.h"
#include "server/rasoatd/worker_pool.h"
#include "sync/pull/pull_service.h"
#include "sync/push/push_service.h"

namespace rasoat {

using RawSyncService = v1::SyncService::WithRawCallbackMethod_Push<
    v1::SyncService::WithRawCallbackMethod_Pull<v1::SyncService::Service>>;

class SyncServiceImpl final : public RawSyncService {
 public:
  // None is owned; all must outlive the server. `write_pool` runs pushes, `read_pool` pulls.
  // `push_bytes`, if not null, bounds the bytes of pushes applied at once; `metrics`, if not
  // null, counts what pushes and pulls did.
  SyncServiceImpl(PushService* push, const PullService* pull, const CallGate* gate,
                  WorkerPool* write_pool, WorkerPool* read_pool, ByteBudget* push_bytes = nullptr,
                  SyncMetrics* metrics = nullptr)
      : push_(push),
        pull_(pull),
        gate_(gate),
        write_pool_(write_pool),
        read_pool_(read_pool),
        push_bytes_(push_bytes),
        metrics_(metrics) {}

  // A rasoat.v1.PushRequest in, a rasoat.v1.PushResponse out; the request and the response
  // live on an arena of the call's own (raw_unary_call.h). RESOURCE_EXHAUSTED, at once, if
  // the push does not fit in what is left of `push_bytes`: the tablet sends it again later.
  grpc::ServerUnaryReactor* Push(grpc::CallbackServerContext* context,
                                 const grpc::ByteBuffer* request,
                                 grpc::ByteBuffer* response) override;

  // A rasoat.v1.PullRequest in, a stream of rasoat.v1.PullResponse out.
  grpc::ServerWriteReactor<grpc::ByteBuffer>* Pull(grpc::CallbackServerContext* context,
                                                   const grpc::ByteBuffer* request) override;

 private:
  PushService* const push_;        // not owned
  const PullService* const pull_;  // not owned
  const CallGate* const gate_;     // not owned
  WorkerPool* const write_pool_;   // not owned
  WorkerPool* const read_pool_;    // not owned
  ByteBudget* const push_bytes_;   // not owned; may be null
  SyncMetrics* const metrics_;     // not owned; may be null
};

}  // namespace rasoat
