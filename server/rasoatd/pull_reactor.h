// PullReactor streams the pages of one Pull call (SyncServiceImpl::Pull creates it; it deletes
// itself when gRPC is done with the call). The CallGate admits the caller first, on the read
// pool. The method is raw (raw_messages.h): the request is parsed here, so one that is not a valid
// PullRequest ends with INVALID_ARGUMENT saying where, and each page is serialized here before it
// is written. A page is read while nothing is being sent, then sent: the first page, which opens
// the session, on the read pool; each next page in OnWriteDone, on gRPC's thread, as far as RocksDB
// holds it in memory (PullSession::NextPageFromMemory never waits for the disk), its rest, if any,
// on the read pool again. Reading ahead of the sending on the pool was measured slower: on a busy
// machine each page then waited for a pool thread to be scheduled.
//
// Thread-safety: the steps of a call run one after the other, each started by the one before
// (a pool task by its Schedule, OnWriteDone by the write it follows), so the session and the page
// are never touched by two threads at once and need no lock. Every step's last act on the
// reactor is StartWrite, Finish or Schedule.
#pragma once

#include <memory>

#include <grpcpp/support/byte_buffer.h>

#include "absl/status/status.h"
#include "rasoat/v1/sync.grpc.pb.h"
#include "server/rasoatd/call_gate.h"
#include "server/rasoatd/sync_metrics.h"
#include "server/rasoatd/worker_pool.h"
#include "sync/pull/pull_page.pb.h"
#include "sync/pull/pull_service.h"

namespace rasoat {

class PullReactor final : public grpc::ServerWriteReactor<grpc::ByteBuffer> {
 public:
  // Admits the caller of `context` through `gate`, parses `request_bytes` and opens the pull on
  // `pool`, then starts streaming. None is owned; `pull`, `gate` and `pool` outlive the server,
  // `context` and `request_bytes` the call. `metrics`, if not null, counts each page sent.
  PullReactor(const PullService* pull, const CallGate* gate, WorkerPool* pool, SyncMetrics* metrics,
              grpc::CallbackServerContext* context, grpc::ByteBuffer* request_bytes);

  void OnWriteDone(bool ok) override;
  void OnDone() override { delete this; }

 private:
  // On the pool: admits the caller, parses the request, opens the session and reads the first
  // page.
  void Start(const PullService* pull, const CallGate* gate, grpc::CallbackServerContext* context,
             grpc::ByteBuffer* request_bytes);
  // Sends the page just read, the last one with the call's end, or ends the call with `read`'s
  // error.
  void Send(const absl::Status& read);

  WorkerPool* const pool_;      // not owned
  SyncMetrics* const metrics_;  // not owned; may be null
  std::unique_ptr<PullSession> session_;
  pull::PullPage page_;
  // page_ as written; gRPC holds it until OnWriteDone.
  grpc::ByteBuffer page_bytes_;
};

}  // namespace rasoat
