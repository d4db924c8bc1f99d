#include "server/rasoatd/json_gateway.h"

#include <chrono>
#include <vector>

#include <google/protobuf/descriptor.h>
#include <google/protobuf/util/json_util.h>
#include <grpcpp/client_context.h>
#include <grpcpp/support/byte_buffer.h>

#include "absl/status/statusor.h"
#include "absl/strings/ascii.h"
#include "absl/strings/escaping.h"
#include "absl/strings/str_cat.h"
#include "absl/synchronization/notification.h"
#include "sync/base/status_macros.h"

namespace rasoat {
namespace {

using google::protobuf::Descriptor;
using google::protobuf::Message;
using google::protobuf::MethodDescriptor;

// Long enough for the slowest unary call (VerifyAudit reads the whole log).
constexpr auto kCallDeadline = std::chrono::minutes(5);

constexpr std::string_view kServices[] = {"ReviewService", "ReportService", "AdminService"};

absl::StatusOr<const MethodDescriptor*> FindUnaryMethod(std::string_view service,
                                                        std::string_view method) {
  const absl::Status missing = absl::NotFoundError(
      absl::StrCat("the JSON API has no method ", std::string(service), "/", std::string(method),
                   "; it serves the unary methods of rasoat.v1.ReviewService, ReportService and "
                   "AdminService (proto/rasoat/v1/)"));
  if (std::find(std::begin(kServices), std::end(kServices), service) == std::end(kServices)) {
    return missing;
  }
  const google::protobuf::ServiceDescriptor* found =
      google::protobuf::DescriptorPool::generated_pool()->FindServiceByName(
          absl::StrCat("rasoat.v1.", std::string(service)));
  if (found == nullptr) return missing;
  const MethodDescriptor* unary = found->FindMethodByName(std::string(method));
  if (unary == nullptr || unary->client_streaming() || unary->server_streaming() ||
      (service == "AdminService" && (method == "Login" || method == "Logout"))) {
    return missing;
  }
  return unary;
}

std::unique_ptr<Message> NewMessage(const Descriptor& type) {
  return std::unique_ptr<Message>(
      google::protobuf::MessageFactory::generated_factory()->GetPrototype(&type)->New());
}

// The field a message about `type` starts with ("key.household_id is not ..."), when its first
// word is a path of `type`'s fields (indexes aside); empty otherwise.
std::string FieldNamedBy(std::string_view message, const Descriptor& type) {
  const size_t end = message.find_first_of(" :");
  const std::string_view word = message.substr(0, end);
  if (word.empty()) return "";
  const Descriptor* at = &type;
  size_t start = 0;
  while (start <= word.size()) {
    size_t dot = word.find('.', start);
    if (dot == std::string_view::npos) dot = word.size();
    std::string_view part = word.substr(start, dot - start);
    part = part.substr(0, part.find('['));
    if (at == nullptr) return "";
    const google::protobuf::FieldDescriptor* field = at->FindFieldByName(std::string(part));
    if (field == nullptr) return "";
    at = field->message_type();
    start = dot + 1;
  }
  return std::string(word);
}

}  // namespace

int HttpStatusOf(absl::StatusCode code) {
  switch (code) {
    case absl::StatusCode::kOk:
      return 200;
    case absl::StatusCode::kCancelled:
      return 499;
    case absl::StatusCode::kInvalidArgument:
    case absl::StatusCode::kFailedPrecondition:
    case absl::StatusCode::kOutOfRange:
      return 400;
    case absl::StatusCode::kUnauthenticated:
      return 401;
    case absl::StatusCode::kPermissionDenied:
      return 403;
    case absl::StatusCode::kNotFound:
      return 404;
    case absl::StatusCode::kAlreadyExists:
    case absl::StatusCode::kAborted:
      return 409;
    case absl::StatusCode::kResourceExhausted:
      return 429;
    case absl::StatusCode::kUnimplemented:
      return 501;
    case absl::StatusCode::kUnavailable:
      return 503;
    case absl::StatusCode::kDeadlineExceeded:
      return 504;
    default:
      return 500;
  }
}

JsonAnswer ErrorAnswer(const absl::Status& status, std::string_view field) {
  JsonAnswer answer;
  answer.http_status = HttpStatusOf(status.code());
  // The message is the server's own English text (the handlers keep personal data out of it),
  // escaped for a JSON string: quotes, backslashes and control characters.
  const auto quoted = [](absl::string_view text) {
    std::string out = "\"";
    for (const char c : text) {
      const unsigned char byte = static_cast<unsigned char>(c);
      if (c == '"' || c == '\\') {
        out.push_back('\\');
        out.push_back(c);
      } else if (byte < 0x20) {
        absl::StrAppend(&out, "\\u00", absl::BytesToHexString(std::string(1, c)));
      } else {
        out.push_back(c);
      }
    }
    out.push_back('"');
    return out;
  };
  const std::string name = absl::StatusCodeToString(status.code());
  std::string upper = absl::AsciiStrToUpper(name);
  for (char& c : upper) {
    if (c == ' ') c = '_';
  }
  answer.body =
      absl::StrCat("{\"code\":", static_cast<int>(status.code()), ",\"status\":", quoted(upper),
                   ",\"message\":", quoted(status.message()), ",\"field_violations\":[");
  if (!field.empty()) {
    absl::StrAppend(&answer.body,
                    "{\"field\":", quoted(absl::string_view(field.data(), field.size())),
                    ",\"description\":", quoted(status.message()), "}");
  }
  answer.body += "]}";
  return answer;
}

JsonAnswer JsonGateway::Call(std::string_view service, std::string_view method,
                             std::string_view json, std::string_view token) const {
  const absl::StatusOr<const MethodDescriptor*> found = FindUnaryMethod(service, method);
  if (!found.ok()) return ErrorAnswer(found.status());
  const Descriptor& request_type = *(*found)->input_type();
  std::unique_ptr<Message> request = NewMessage(request_type);
  const google::protobuf::util::Status parsed = google::protobuf::util::JsonStringToMessage(
      google::protobuf::StringPiece(json.data(), json.size()), request.get());
  if (!parsed.ok()) {
    // json_util says "(path): problem" for a field it could not take.
    const std::string said = parsed.message().ToString();
    std::string field;
    if (!said.empty() && said.front() == '(') {
      const size_t close = said.find("): ");
      if (close != std::string::npos) field = said.substr(1, close - 1);
    }
    return ErrorAnswer(absl::InvalidArgumentError(absl::StrCat(
                           "the body is not a ", request_type.full_name(), " in JSON: ", said)),
                       field.empty() ? "(body)" : field);
  }
  std::string response_bytes;
  const absl::Status called =
      CallBytes(absl::StrCat("/rasoat.v1.", std::string(service), "/", std::string(method)),
                request->SerializeAsString(), token, &response_bytes);
  if (!called.ok()) {
    return ErrorAnswer(called, called.code() == absl::StatusCode::kInvalidArgument
                                   ? FieldNamedBy(std::string(called.message()), request_type)
                                   : "");
  }
  std::unique_ptr<Message> response = NewMessage(*(*found)->output_type());
  if (!response->ParseFromString(response_bytes)) {
    return ErrorAnswer(absl::InternalError("rasoatd's answer did not parse"));
  }
  google::protobuf::util::JsonPrintOptions options;
  options.preserve_proto_field_names = true;
  options.always_print_primitive_fields = true;
  JsonAnswer answer;
  const google::protobuf::util::Status printed =
      google::protobuf::util::MessageToJsonString(*response, &answer.body, options);
  if (!printed.ok()) return ErrorAnswer(absl::InternalError(printed.message().ToString()));
  return answer;
}

absl::Status JsonGateway::CallMessage(std::string_view path, const Message& request,
                                      std::string_view token, Message* response) const {
  std::string bytes;
  RETURN_IF_ERROR(CallBytes(path, request.SerializeAsString(), token, &bytes));
  if (!response->ParseFromString(bytes)) {
    return absl::InternalError("rasoatd's answer did not parse");
  }
  return absl::OkStatus();
}

absl::Status JsonGateway::CallBytes(std::string_view path, const std::string& request,
                                    std::string_view token, std::string* response) const {
  grpc::ClientContext context;
  context.set_deadline(std::chrono::system_clock::now() + kCallDeadline);
  if (!token.empty())
    context.AddMetadata("authorization", absl::StrCat("Bearer ", std::string(token)));
  grpc::Slice slice(request);
  grpc::ByteBuffer request_buffer(&slice, 1);
  grpc::ByteBuffer response_buffer;
  absl::Notification done;
  grpc::Status status;
  stub_.UnaryCall(&context, std::string(path), grpc::StubOptions(), &request_buffer,
                  &response_buffer, [&](grpc::Status answer) {
                    status = std::move(answer);
                    done.Notify();
                  });
  done.WaitForNotification();
  if (!status.ok()) {
    return absl::Status(static_cast<absl::StatusCode>(status.error_code()), status.error_message());
  }
  std::vector<grpc::Slice> slices;
  if (!response_buffer.Dump(&slices).ok()) return absl::InternalError("rasoatd's answer is lost");
  response->clear();
  for (const grpc::Slice& part : slices) {
    response->append(reinterpret_cast<const char*>(part.begin()), part.size());
  }
  return absl::OkStatus();
}

}  // namespace rasoat
