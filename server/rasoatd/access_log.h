// The access log: one "rpc" event (event_log.h) per gRPC call when it ends — the method, the
// status code, the time it took, who made it and the bytes it sent:
//   {"ts":...,"level":"info","event":"rpc","method":"/rasoat.v1.SyncService/Push","code":"OK",
//    "ms":1.234,"principal":"token:3f9a…","bytes_out":312}
// Recorded by a server interceptor (install it with SetInterceptorCreators, beside
// GrpcMetrics). The principal is the id of the token the CallGate admitted, and the tablet's id
// for a tablet's token: the gate leaves them to the interceptor in the call's trailing metadata
// under kAccessPrincipalKey, and the interceptor takes them out before the trailers are sent.
// Calls refused before admission log "principal":"". Never a login, a name or a token.
//
// Thread-safety: thread-safe; the log must outlive the server.
#pragma once

#include <grpcpp/support/server_interceptor.h>

#include "server/rasoatd/event_log.h"

namespace rasoat {

// Trailing metadata the CallGate sets and the access log removes: "token:ID[ device:ID]".
inline constexpr char kAccessPrincipalKey[] = "rasoat-access-principal";

class AccessLog : public grpc::experimental::ServerInterceptorFactoryInterface {
 public:
  // `log` is not owned.
  explicit AccessLog(const EventLog* log) : log_(log) {}

  grpc::experimental::Interceptor* CreateServerInterceptor(
      grpc::experimental::ServerRpcInfo* info) override;

 private:
  const EventLog* const log_;  // not owned
};

}  // namespace rasoat
