// ReviewServiceImpl serves rasoat.v1.ReviewService: it hands each call to sync/'s
// ReviewService, for the caller the CallGate admitted, and maps the status; it checks nothing of
// the domain itself (DESIGN.md "Identity, authorization, audit"). Its methods are
// raw (raw_messages.h): a request that is not a valid message is refused with INVALID_ARGUMENT
// saying where, not gRPC's UNIMPLEMENTED.
//
// Thread-safety: gRPC calls it from many threads; the service and the pools are thread-safe.
// No call runs on gRPC's callback threads: decisions, resolutions and the procedure's steps
// wait for an fsync and run on the write pool; the queue, the summary, a household's history and a
// diff read many records (and may classify again) and run on the read pool. Each request is parsed
// there too.
#pragma once

#include "rasoat/v1/review.grpc.pb.h"
#include "server/rasoatd/call_gate.h"
#include "server/rasoatd/worker_pool.h"
#include "sync/review/review_service.h"

namespace rasoat {

using RawReviewService = v1::ReviewService::WithRawCallbackMethod_ListQueue<
    v1::ReviewService::WithRawCallbackMethod_ResolveConflict<
        v1::ReviewService::WithRawCallbackMethod_GetHousehold<
            v1::ReviewService::WithRawCallbackMethod_DiffVersions<
                v1::ReviewService::WithRawCallbackMethod_Approve<
                    v1::ReviewService::WithRawCallbackMethod_Return<
                        v1::ReviewService::WithRawCallbackMethod_CommuneSummary<
                            v1::ReviewService::WithRawCallbackMethod_RecordVillageMeeting<
                                v1::ReviewService::WithRawCallbackMethod_OpenPosting<
                                    v1::ReviewService::WithRawCallbackMethod_RecordObjection<
                                        v1::ReviewService::WithRawCallbackMethod_Recognise<
                                            v1::ReviewService::Service>>>>>>>>>>>;

// Each method takes the rasoat.v1 request of its name and answers its response
// (rasoat.v1.ListQueueRequest → rasoat.v1.ListQueueResponse, ...).
class ReviewServiceImpl final : public RawReviewService {
 public:
  // None is owned; all must outlive the server.
  ReviewServiceImpl(ReviewService* review, const CallGate* gate, WorkerPool* write_pool,
                    WorkerPool* read_pool)
      : review_(review), gate_(gate), write_pool_(write_pool), read_pool_(read_pool) {}

  grpc::ServerUnaryReactor* ListQueue(grpc::CallbackServerContext* context,
                                      const grpc::ByteBuffer* request,
                                      grpc::ByteBuffer* response) override;

  grpc::ServerUnaryReactor* ResolveConflict(grpc::CallbackServerContext* context,
                                            const grpc::ByteBuffer* request,
                                            grpc::ByteBuffer* response) override;

  grpc::ServerUnaryReactor* GetHousehold(grpc::CallbackServerContext* context,
                                         const grpc::ByteBuffer* request,
                                         grpc::ByteBuffer* response) override;

  grpc::ServerUnaryReactor* DiffVersions(grpc::CallbackServerContext* context,
                                         const grpc::ByteBuffer* request,
                                         grpc::ByteBuffer* response) override;

  grpc::ServerUnaryReactor* Approve(grpc::CallbackServerContext* context,
                                    const grpc::ByteBuffer* request,
                                    grpc::ByteBuffer* response) override;

  grpc::ServerUnaryReactor* Return(grpc::CallbackServerContext* context,
                                   const grpc::ByteBuffer* request,
                                   grpc::ByteBuffer* response) override;

  grpc::ServerUnaryReactor* CommuneSummary(grpc::CallbackServerContext* context,
                                           const grpc::ByteBuffer* request,
                                           grpc::ByteBuffer* response) override;

  grpc::ServerUnaryReactor* RecordVillageMeeting(grpc::CallbackServerContext* context,
                                                 const grpc::ByteBuffer* request,
                                                 grpc::ByteBuffer* response) override;

  grpc::ServerUnaryReactor* OpenPosting(grpc::CallbackServerContext* context,
                                        const grpc::ByteBuffer* request,
                                        grpc::ByteBuffer* response) override;

  grpc::ServerUnaryReactor* RecordObjection(grpc::CallbackServerContext* context,
                                            const grpc::ByteBuffer* request,
                                            grpc::ByteBuffer* response) override;

  grpc::ServerUnaryReactor* Recognise(grpc::CallbackServerContext* context,
                                      const grpc::ByteBuffer* request,
                                      grpc::ByteBuffer* response) override;

 private:
  ReviewService* const review_;   // not owned
  const CallGate* const gate_;    // not owned
  WorkerPool* const write_pool_;  // not owned
  WorkerPool* const read_pool_;   // not owned
};

}  // namespace rasoat
