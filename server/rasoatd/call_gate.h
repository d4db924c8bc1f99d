// CallGate: the first thing every handler does (DESIGN.md "Identity, authorization, audit"):
// it reads the call's "authorization: Bearer TOKEN", authenticates it (sync/identity), checks
// the authorization table's role rule for the method and the token's request rate, and hands
// the handler the Principal the call is from. gRPC 1.51's AuthMetadataProcessor cannot be used
// with insecure credentials and never sees the method, and an interceptor cannot refuse a
// call; so each handler calls Admit, on its worker pool, before it parses the request.
//
// Thread-safety: Admit may be called from any thread; it reads the store (the token, its user,
// its tablet), so not from gRPC's callback threads.
#pragma once

#include <string_view>

#include <grpcpp/server_context.h>

#include "absl/status/statusor.h"
#include "sync/base/rate_limiter.h"
#include "sync/identity/authenticator.h"
#include "sync/identity/identity_service.h"
#include "sync/identity/principal.h"

namespace rasoat {

class CallGate {
 public:
  // None is owned; all must outlive the gate. `limiter` may be null: no rate limit.
  // `identity`, if not null, records when each tablet was last seen (RecordSeen).
  CallGate(const identity::Authenticator* authenticator, RateLimiter* limiter,
           identity::IdentityService* identity = nullptr)
      : authenticator_(authenticator), limiter_(limiter), identity_(identity) {}

  // The principal the call to `method` ("/rasoat.v1.SyncService/Push") is from, allowed by
  // the authorization table to call it; an empty Principal for a method open to all.
  // UNAUTHENTICATED (no or a malformed header, a token that does not authenticate);
  // PERMISSION_DENIED (the role may not call the method, or the method has no rule);
  // RESOURCE_EXHAUSTED (the token made more calls than its rate allows; the message says when
  // to try again); UNAVAILABLE or INTERNAL if the store cannot be read. An admitted caller's
  // token id (and tablet) are left for the access log in the trailing metadata of `context`
  // (access_log.h), which the log removes before they are sent.
  absl::StatusOr<identity::Principal> Admit(grpc::ServerContextBase* context,
                                            std::string_view method) const;

 private:
  const identity::Authenticator* const authenticator_;  // not owned
  RateLimiter* const limiter_;                          // not owned; may be null
  identity::IdentityService* const identity_;           // not owned; may be null
};

}  // namespace rasoat
