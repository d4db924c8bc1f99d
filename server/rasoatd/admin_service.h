// AdminServiceImpl serves rasoat.v1.AdminService: users, tablets and tokens from
// sync/identity; the publisher's status and dead letters, the retry of dead letters, and the
// published list of a commune, from sync/outbox; the audit log's head, verification and
// entries, from sync/audit. Each call is admitted by the CallGate first (DESIGN.md "Identity,
// authorization, audit"). Its methods are raw (raw_messages.h): a request that is not a valid
// message is refused with INVALID_ARGUMENT saying where, not gRPC's UNIMPLEMENTED.
//
// Thread-safety: gRPC calls it from many threads; the components, the gate and the pool are
// thread-safe. Each call runs on the admin pool, never on gRPC's callback threads nor on the
// pools that serve tablets: a listing waits on the program store, a retry on the delivery in
// progress, a login on argon2id. A status that waits for the backlog to drain holds no thread
// at all while it waits (PublishStatusWait).
#pragma once

#include "rasoat/v1/admin.grpc.pb.h"
#include "server/rasoatd/call_gate.h"
#include "server/rasoatd/worker_pool.h"
#include "sync/audit/audit_service.h"
#include "sync/identity/identity_service.h"
#include "sync/outbox/published_listing.h"
#include "sync/outbox/publisher.h"
#include "sync/store/store_backups.h"

namespace rasoat {

using RawAdminServiceWithoutBackups = v1::AdminService::WithRawCallbackMethod_AuditHead<
    v1::AdminService::WithRawCallbackMethod_VerifyAudit<v1::AdminService::WithRawCallbackMethod_ListAudit<
        v1::AdminService::WithRawCallbackMethod_GetPublishStatus<
            v1::AdminService::WithRawCallbackMethod_RetryDeadLetters<
                v1::AdminService::WithRawCallbackMethod_ListPublished<
                    v1::AdminService::WithRawCallbackMethod_Login<v1::AdminService::WithRawCallbackMethod_WhoAmI<
                        v1::AdminService::WithRawCallbackMethod_Logout<
                            v1::AdminService::WithRawCallbackMethod_CreateUser<
                                v1::AdminService::WithRawCallbackMethod_ListUsers<
                                    v1::AdminService::WithRawCallbackMethod_UpdateUser<
                                        v1::AdminService::WithRawCallbackMethod_EnrollDevice<
                                            v1::AdminService::WithRawCallbackMethod_RevokeDevice<
                                                v1::AdminService::WithRawCallbackMethod_ListDevices<
                                                    v1::AdminService::WithRawCallbackMethod_CreateToken<
                                                        v1::AdminService::
                                                            WithRawCallbackMethod_RevokeToken<
                                                                v1::AdminService::
                                                                    WithRawCallbackMethod_ListTokens<
                                                                        v1::AdminService::
                                                                            Service>>>>>>>>>>>>>>>>>>;
using RawAdminService = v1::AdminService::WithRawCallbackMethod_CreateBackup<
    v1::AdminService::WithRawCallbackMethod_ListBackups<
        v1::AdminService::WithRawCallbackMethod_VerifyBackup<RawAdminServiceWithoutBackups>>>;

// Each method takes the rasoat.v1 request of its name and answers its response
// (rasoat.v1.LoginRequest → rasoat.v1.LoginResponse, ...).
class AdminServiceImpl final : public RawAdminService {
 public:
  // None is owned; all must outlive the server. `pool` is the admin's own. `backups` may be
  // null: rasoatd has no --backup_dir; with it, `audit_log` records who made each backup.
  AdminServiceImpl(identity::IdentityService* identity, Publisher* publisher,
                   const PublishedListing* published, audit::AuditService* audit,
                   const CallGate* gate, WorkerPool* pool, StoreBackups* backups = nullptr,
                   audit::AuditLog* audit_log = nullptr)
      : identity_(identity),
        publisher_(publisher),
        published_(published),
        audit_(audit),
        gate_(gate),
        pool_(pool),
        backups_(backups),
        audit_log_(audit_log) {}

  grpc::ServerUnaryReactor* GetPublishStatus(grpc::CallbackServerContext* context,
                                             const grpc::ByteBuffer* request,
                                             grpc::ByteBuffer* response) override;
  grpc::ServerUnaryReactor* RetryDeadLetters(grpc::CallbackServerContext* context,
                                             const grpc::ByteBuffer* request,
                                             grpc::ByteBuffer* response) override;
  grpc::ServerUnaryReactor* ListPublished(grpc::CallbackServerContext* context,
                                          const grpc::ByteBuffer* request,
                                          grpc::ByteBuffer* response) override;
  grpc::ServerUnaryReactor* Login(grpc::CallbackServerContext* context,
                                  const grpc::ByteBuffer* request,
                                  grpc::ByteBuffer* response) override;
  grpc::ServerUnaryReactor* WhoAmI(grpc::CallbackServerContext* context,
                                   const grpc::ByteBuffer* request,
                                   grpc::ByteBuffer* response) override;
  grpc::ServerUnaryReactor* Logout(grpc::CallbackServerContext* context,
                                   const grpc::ByteBuffer* request,
                                   grpc::ByteBuffer* response) override;
  grpc::ServerUnaryReactor* CreateUser(grpc::CallbackServerContext* context,
                                       const grpc::ByteBuffer* request,
                                       grpc::ByteBuffer* response) override;
  grpc::ServerUnaryReactor* ListUsers(grpc::CallbackServerContext* context,
                                      const grpc::ByteBuffer* request,
                                      grpc::ByteBuffer* response) override;
  grpc::ServerUnaryReactor* UpdateUser(grpc::CallbackServerContext* context,
                                       const grpc::ByteBuffer* request,
                                       grpc::ByteBuffer* response) override;
  grpc::ServerUnaryReactor* EnrollDevice(grpc::CallbackServerContext* context,
                                         const grpc::ByteBuffer* request,
                                         grpc::ByteBuffer* response) override;
  grpc::ServerUnaryReactor* RevokeDevice(grpc::CallbackServerContext* context,
                                         const grpc::ByteBuffer* request,
                                         grpc::ByteBuffer* response) override;
  grpc::ServerUnaryReactor* ListDevices(grpc::CallbackServerContext* context,
                                        const grpc::ByteBuffer* request,
                                        grpc::ByteBuffer* response) override;
  grpc::ServerUnaryReactor* CreateToken(grpc::CallbackServerContext* context,
                                        const grpc::ByteBuffer* request,
                                        grpc::ByteBuffer* response) override;
  grpc::ServerUnaryReactor* RevokeToken(grpc::CallbackServerContext* context,
                                        const grpc::ByteBuffer* request,
                                        grpc::ByteBuffer* response) override;
  grpc::ServerUnaryReactor* ListTokens(grpc::CallbackServerContext* context,
                                       const grpc::ByteBuffer* request,
                                       grpc::ByteBuffer* response) override;
  grpc::ServerUnaryReactor* AuditHead(grpc::CallbackServerContext* context,
                                      const grpc::ByteBuffer* request,
                                      grpc::ByteBuffer* response) override;
  grpc::ServerUnaryReactor* VerifyAudit(grpc::CallbackServerContext* context,
                                        const grpc::ByteBuffer* request,
                                        grpc::ByteBuffer* response) override;
  grpc::ServerUnaryReactor* ListAudit(grpc::CallbackServerContext* context,
                                      const grpc::ByteBuffer* request,
                                      grpc::ByteBuffer* response) override;
  grpc::ServerUnaryReactor* CreateBackup(grpc::CallbackServerContext* context,
                                         const grpc::ByteBuffer* request,
                                         grpc::ByteBuffer* response) override;
  grpc::ServerUnaryReactor* ListBackups(grpc::CallbackServerContext* context,
                                        const grpc::ByteBuffer* request,
                                        grpc::ByteBuffer* response) override;
  grpc::ServerUnaryReactor* VerifyBackup(grpc::CallbackServerContext* context,
                                         const grpc::ByteBuffer* request,
                                         grpc::ByteBuffer* response) override;

 private:
  identity::IdentityService* const identity_;  // not owned
  Publisher* const publisher_;                 // not owned
  const PublishedListing* const published_;    // not owned
  audit::AuditService* const audit_;           // not owned
  const CallGate* const gate_;                 // not owned
  WorkerPool* const pool_;                     // not owned
  StoreBackups* const backups_;                // not owned; may be null
  audit::AuditLog* const audit_log_;           // not owned; set with backups_
};

}  // namespace rasoat
