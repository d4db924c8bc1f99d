#include "server/rasoatctl/context.h"

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "server/rasoatctl/commands.h"
#include "server/rasoatctl/format.h"

namespace rasoat::ctl {

int CommandContext::Usage(absl::string_view problem) const {
  *err << "rasoatctl: " << problem << "\n";
  if (command != nullptr) *err << "usage: rasoatctl " << command->usage << "\n";
  return kExitUsage;
}

int CommandContext::RpcError(const grpc::Status& status) const {
  return Fail(
      absl::Status(static_cast<absl::StatusCode>(status.error_code()), status.error_message()));
}

int CommandContext::Fail(const absl::Status& status) const {
  absl::string_view message = status.message();
  if (message.empty()) {
    message = status.code() == absl::StatusCode::kUnimplemented
                  ? "this rasoatd does not offer the call"
                  : "(no message)";
  }
  *err << "rasoatctl: " << absl::StatusCodeToString(status.code()) << ": " << message << "\n";
  return kExitFailed;
}

int CommandContext::PrintJson(const google::protobuf::Message& message) const {
  absl::StatusOr<std::string> json = ToJson(message);
  if (!json.ok()) return Fail(json.status());
  return PrintJsonText(*json);
}

int CommandContext::PrintJsonText(const std::string& json) const {
  *out << json << "\n";
  return kExitOk;
}

}  // namespace rasoat::ctl
