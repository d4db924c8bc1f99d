#include "server/rasoatd/raw_messages.h"

#include <string>
#include <string_view>

#include <grpcpp/impl/codegen/proto_utils.h>
#include <grpcpp/support/proto_buffer_reader.h>
#include <grpcpp/support/slice.h>

#include "absl/strings/str_cat.h"
#include "server/rasoatd/wire_problem.h"

namespace rasoat {
namespace {

// Why `bytes` do not parse as a `type`, for the error message.
std::string Explain(const grpc::ByteBuffer& bytes, const google::protobuf::Descriptor& type) {
  grpc::Slice flat;
  if (!bytes.DumpToSingleSlice(&flat).ok()) return "its bytes cannot be read";
  std::string problem = FindWireProblem(
      std::string_view(reinterpret_cast<const char*>(flat.begin()), flat.size()), type);
  return problem.empty() ? "its bytes are not a well-formed encoding of one" : problem;
}

}  // namespace

absl::Status ParseRequest(grpc::ByteBuffer* bytes, google::protobuf::Message* request) {
  bool parsed = false;
  {
    grpc::ProtoBufferReader reader(bytes);
    parsed = reader.status().ok() && request->ParseFromZeroCopyStream(&reader);
  }
  if (!parsed) {
    const std::string why = Explain(*bytes, *request->GetDescriptor());
    bytes->Clear();
    return absl::InvalidArgumentError(
        absl::StrCat("the request is not a valid ", request->GetTypeName(), ": ", why));
  }
  bytes->Clear();
  return absl::OkStatus();
}

absl::Status SerializeResponse(const google::protobuf::Message& response, grpc::ByteBuffer* bytes) {
  bytes->Clear();  // The writer starts from an empty buffer.
  bool own_buffer = false;
  const grpc::Status status =
      grpc::SerializationTraits<google::protobuf::Message>::Serialize(response, bytes, &own_buffer);
  if (!status.ok()) {
    return absl::InternalError(absl::StrCat("cannot serialize the ", response.GetTypeName(), ": ",
                                            status.error_message()));
  }
  return absl::OkStatus();
}

}  // namespace rasoat
