// AdminServiceImpl serves rasoat.v1.AdminService: the publisher's status and dead letters, the
// retry of dead letters, and the published list of a commune, from sync/outbox. Authentication
// and the other admin calls come later (DESIGN.md "Identity, authorization, audit"). Its
// methods are raw (raw_messages.h): a request that is not a valid message is refused with
// INVALID_ARGUMENT saying where, not gRPC's UNIMPLEMENTED.
//
// Thread-safety: gRPC calls it from many threads; the publisher, the listing and the pool are
// thread-safe. Each call runs on the admin pool, never on gRPC's callback threads nor on the
// pools that serve tablets: a listing waits on the program store, a retry on the delivery in
// progress. A status that waits for the backlog to drain holds no thread at all while it waits
// (PublishStatusWait).
#pragma once

#include "rasoat/v1/admin.grpc.pb.h"
#include "server/rasoatd/worker_pool.h"
#include "sync/outbox/published_listing.h"
#include "sync/outbox/publisher.h"

namespace rasoat {

using RawAdminService = v1::AdminService::WithRawCallbackMethod_GetPublishStatus<
    v1::AdminService::WithRawCallbackMethod_RetryDeadLetters<
        v1::AdminService::WithRawCallbackMethod_ListPublished<v1::AdminService::Service>>>;

class AdminServiceImpl final : public RawAdminService {
 public:
  // None is owned; all must outlive the server. `pool` is the admin's own.
  AdminServiceImpl(Publisher* publisher, const PublishedListing* published, WorkerPool* pool)
      : publisher_(publisher), published_(published), pool_(pool) {}

  // rasoat.v1.GetPublishStatusRequest → rasoat.v1.GetPublishStatusResponse.
  grpc::ServerUnaryReactor* GetPublishStatus(grpc::CallbackServerContext* context,
                                             const grpc::ByteBuffer* request,
                                             grpc::ByteBuffer* response) override;

  // rasoat.v1.RetryDeadLettersRequest → rasoat.v1.RetryDeadLettersResponse.
  grpc::ServerUnaryReactor* RetryDeadLetters(grpc::CallbackServerContext* context,
                                             const grpc::ByteBuffer* request,
                                             grpc::ByteBuffer* response) override;

  // rasoat.v1.ListPublishedRequest → rasoat.v1.ListPublishedResponse.
  grpc::ServerUnaryReactor* ListPublished(grpc::CallbackServerContext* context,
                                          const grpc::ByteBuffer* request,
                                          grpc::ByteBuffer* response) override;

 private:
  Publisher* const publisher_;               // not owned
  const PublishedListing* const published_;  // not owned
  WorkerPool* const pool_;                   // not owned
};

}  // namespace rasoat
