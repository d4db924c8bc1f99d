// JsonGateway: the console's JSON API (DESIGN.md "Identity, authorization, audit"). A call
// POST /api/v1/SERVICE/METHOD with a JSON body becomes the unary gRPC call any client makes, on
// rasoatd's own server through an in-process channel, with the caller's token as its bearer: the
// CallGate, the authorization table, the audit log and the handlers are those of every client,
// and no method has code of its own here. The request and response types come from the
// descriptor pool; the JSON is protobuf's mapping (json_util): the .proto field names, every field
// printed, enums by name, 64-bit integers as strings.
//
// Thread-safety: Call and CallMessage may run on many threads at once (the channel and the
// descriptor pool are thread-safe). Each blocks its thread until the call is answered, so never
// call them on gRPC's threads; the HTTP server's threads are its own.
#pragma once

#include <memory>
#include <string>
#include <string_view>

#include <google/protobuf/message.h>
#include <grpcpp/channel.h>
#include <grpcpp/generic/generic_stub.h>

#include "absl/status/status.h"

namespace rasoat {

// What the HTTP server answers: a status and a JSON body.
struct JsonAnswer {
  int http_status = 200;
  std::string body;
};

// The HTTP status of a gRPC status code (the mapping of google/rpc/code.proto).
int HttpStatusOf(absl::StatusCode code);

// The JSON body of a failed call: {"code": 9, "status": "FAILED_PRECONDITION", "message": ...,
// "field_violations": [{"field": ..., "description": ...}]}. `field` may be empty: no violation.
JsonAnswer ErrorAnswer(const absl::Status& status, std::string_view field = {});

class JsonGateway {
 public:
  // `channel` reaches rasoatd's own gRPC server (grpc::Server::InProcessChannel).
  explicit JsonGateway(std::shared_ptr<grpc::Channel> channel) : stub_(std::move(channel)) {}

  // Calls rasoat.v1.`service`/`method` with `json` (the request in protobuf's JSON mapping)
  // and `token` (empty: none, as for a caller without a session). Only the unary methods of
  // ReviewService, ReportService and AdminService, Login and Logout aside (the session routes make
  // those): any other is NOT_FOUND. A body that is not the request's JSON is INVALID_ARGUMENT
  // naming the field; everything else is the gRPC call's own answer.
  JsonAnswer Call(std::string_view service, std::string_view method, std::string_view json,
                  std::string_view token) const;

  // Calls `path` ("/rasoat.v1.AdminService/Login") with `request`, filling `response`: for the
  // HTTP routes that are not the generic API (the session, the documents).
  absl::Status CallMessage(std::string_view path, const google::protobuf::Message& request,
                           std::string_view token, google::protobuf::Message* response) const;

 private:
  absl::Status CallBytes(std::string_view path, const std::string& request, std::string_view token,
                         std::string* response) const;

  mutable grpc::GenericStub stub_;
};

}  // namespace rasoat
