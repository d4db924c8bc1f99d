// The request and the response of a raw callback method (the generated
// `WithRawCallbackMethod_*`, which hand over a call's bytes unparsed). rasoatd's services parse
// their requests themselves, because when gRPC's callback API cannot parse a request it answers
// UNIMPLEMENTED with no message; here a request that is not a valid message gets
// INVALID_ARGUMENT saying where its bytes go wrong. Parsing and serializing cost what gRPC's
// own (de)serializer costs: the same zero-copy streams over the call's slices, and the message
// wherever the caller put it (on an arena).
//
// Thread-safety: free functions; each call touches only its arguments.
#pragma once

#include <google/protobuf/message.h>
#include <grpcpp/support/byte_buffer.h>

#include "absl/status/status.h"

namespace rasoat {

// Parses `bytes` into `request` (cleared first), then clears `bytes`, as gRPC's own
// deserializer does, so the wire copy is freed while the call goes on.
// Returns OK; or INVALID_ARGUMENT "the request is not a valid <type>: <where and what>", e.g.
// "the request is not a valid rasoat.v1.PushRequest: mutations[0].key.household_id is not
// valid UTF-8 at byte 3: text must be sent as UTF-8". The message never quotes the bytes.
absl::Status ParseRequest(grpc::ByteBuffer* bytes, google::protobuf::Message* request);

// Serializes `response` into `bytes`, replacing what they held.
// Returns OK; or INTERNAL when protobuf cannot serialize it (over 2 GiB).
absl::Status SerializeResponse(const google::protobuf::Message& response, grpc::ByteBuffer* bytes);

}  // namespace rasoat
