// One unary call of a raw callback method (raw_messages.h), run on a worker pool: the caller
// admitted by the CallGate (authenticated, their role allowed the method), the request parsed and
// the response made on an arena of the call's own (a push of 100 households makes thousands of
// strings and sub-messages: on an arena each costs a pointer bump and all are freed at once), the
// response serialized, the call finished. A call the gate refuses is finished with its code before
// the request is even parsed; a request that does not parse is finished with INVALID_ARGUMENT and
// never reaches sync/.
//
// Thread-safety: RunRawUnaryCall may be called from any of gRPC's threads; the call's work runs
// on one thread of `pool`, and the call's buffers are used by that thread only.
#pragma once

#include <utility>

#include <google/protobuf/arena.h>
#include <grpcpp/support/byte_buffer.h>
#include <grpcpp/support/server_callback.h>

#include "absl/status/status.h"
#include "server/rasoatd/call_gate.h"
#include "server/rasoatd/grpc_status.h"
#include "server/rasoatd/raw_messages.h"
#include "server/rasoatd/worker_pool.h"
#include "sync/base/status_macros.h"

namespace rasoat {

namespace internal {

// Admits the call through `gate`, parses `request_bytes` as a Request, runs
// `call(principal, request, &response)` and serializes its response into `response_bytes`;
// the messages live on an arena for the time of the call.
template <typename Request, typename Response, typename Call>
absl::Status CallOnArena(grpc::ServerContextBase* context, const CallGate& gate,
                         std::string_view method, grpc::ByteBuffer* request_bytes,
                         grpc::ByteBuffer* response_bytes, const Call& call) {
  ASSIGN_OR_RETURN(const identity::Principal principal, gate.Admit(context, method));
  google::protobuf::Arena arena;
  Request* request = google::protobuf::Arena::CreateMessage<Request>(&arena);
  RETURN_IF_ERROR(ParseRequest(request_bytes, request));
  Response* response = google::protobuf::Arena::CreateMessage<Response>(&arena);
  RETURN_IF_ERROR(call(principal, *request, response));
  return SerializeResponse(*response, response_bytes);
}

}  // namespace internal

// What a call that holds nothing of a budget does when its work is done.
struct NothingToGiveBack {
  void operator()() const {}
};

// Runs `call` on `pool`, never on gRPC's callback threads, once `gate` admitted the call to
// `method` (the wire's "/package.Service/Method", a string that outlives the call), and
// finishes the call with its status. `call` is
// `absl::Status(const identity::Principal&, const Request&, Response*)`; `done()` runs once the
// work is done, admitted, parsed or not, just before the call is finished (to give back a
// budget's bytes). `request` and `response` are the raw method's buffers: not owned, alive
// until the call is finished; `gate` is not owned and outlives the server.
template <typename Request, typename Response, typename Call, typename Done = NothingToGiveBack>
grpc::ServerUnaryReactor* RunRawUnaryCall(grpc::CallbackServerContext* context, WorkerPool* pool,
                                          const CallGate* gate, std::string_view method,
                                          const grpc::ByteBuffer* request,
                                          grpc::ByteBuffer* response, Call call, Done done = {}) {
  grpc::ServerUnaryReactor* reactor = context->DefaultReactor();
  // gRPC hands the request over as const but holds it only to free it; like its own
  // deserializer, ParseRequest reads it and then releases its slices.
  grpc::ByteBuffer* request_bytes = const_cast<grpc::ByteBuffer*>(request);
  pool->Schedule(
      [context, gate, method, reactor, request_bytes, response, call = std::move(call), done] {
        const grpc::Status status = ToGrpcStatus(internal::CallOnArena<Request, Response>(
            context, *gate, method, request_bytes, response, call));
        done();
        reactor->Finish(status);
      });
  return reactor;
}

}  // namespace rasoat
