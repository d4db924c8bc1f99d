// AdminServiceImpl serves rasoat.v1.AdminService: the publisher's status and dead letters, the
// retry of dead letters, and the published list of a commune, from sync/outbox. Authentication
// and the other admin calls come later (DESIGN.md "Identity, authorization, audit").
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

class AdminServiceImpl final : public v1::AdminService::CallbackService {
 public:
  // None is owned; all must outlive the server. `pool` is the admin's own.
  AdminServiceImpl(Publisher* publisher, const PublishedListing* published, WorkerPool* pool)
      : publisher_(publisher), published_(published), pool_(pool) {}

  grpc::ServerUnaryReactor* GetPublishStatus(grpc::CallbackServerContext* context,
                                             const v1::GetPublishStatusRequest* request,
                                             v1::GetPublishStatusResponse* response) override;

  grpc::ServerUnaryReactor* RetryDeadLetters(grpc::CallbackServerContext* context,
                                             const v1::RetryDeadLettersRequest* request,
                                             v1::RetryDeadLettersResponse* response) override;

  grpc::ServerUnaryReactor* ListPublished(grpc::CallbackServerContext* context,
                                          const v1::ListPublishedRequest* request,
                                          v1::ListPublishedResponse* response) override;

 private:
  Publisher* const publisher_;               // not owned
  const PublishedListing* const published_;  // not owned
  WorkerPool* const pool_;                   // not owned
};

}  // namespace rasoat
