#include "server/rasoatd/access_log.h"

#include <chrono>
#include <cstdint>
#include <string>

namespace rasoat {
namespace {

using Hook = grpc::experimental::InterceptionHookPoints;

const char* CodeName(grpc::StatusCode code) {
  static constexpr const char* kNames[] = {"OK",
                                           "CANCELLED",
                                           "UNKNOWN",
                                           "INVALID_ARGUMENT",
                                           "DEADLINE_EXCEEDED",
                                           "NOT_FOUND",
                                           "ALREADY_EXISTS",
                                           "PERMISSION_DENIED",
                                           "RESOURCE_EXHAUSTED",
                                           "FAILED_PRECONDITION",
                                           "ABORTED",
                                           "OUT_OF_RANGE",
                                           "UNIMPLEMENTED",
                                           "INTERNAL",
                                           "UNAVAILABLE",
                                           "DATA_LOSS",
                                           "UNAUTHENTICATED"};
  const int index = static_cast<int>(code);
  return index >= 0 && index < 17 ? kNames[index] : "UNKNOWN";
}

class CallLog final : public grpc::experimental::Interceptor {
 public:
  CallLog(const EventLog* log, const char* method)
      : log_(log), method_(method), start_(std::chrono::steady_clock::now()) {}
  ~CallLog() override {
    if (!logged_) Log(grpc::StatusCode::CANCELLED);
  }

  void Intercept(grpc::experimental::InterceptorBatchMethods* methods) override {
    if (methods->QueryInterceptionHookPoint(Hook::PRE_SEND_MESSAGE)) {
      if (const grpc::ByteBuffer* message = methods->GetSerializedSendMessage();
          message != nullptr) {
        bytes_out_ += message->Length();
      }
    }
    if (!logged_ && methods->QueryInterceptionHookPoint(Hook::PRE_SEND_STATUS)) {
      std::multimap<std::string, std::string>* trailers = methods->GetSendTrailingMetadata();
      if (auto found = trailers->find(kAccessPrincipalKey); found != trailers->end()) {
        principal_ = std::move(found->second);
        trailers->erase(found);
      }
      Log(methods->GetSendStatus().error_code());
    }
    methods->Proceed();
  }

 private:
  void Log(grpc::StatusCode code) {
    logged_ = true;
    const double ms =
        std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start_)
            .count();
    log_->Write(LogLine(code == grpc::StatusCode::INTERNAL || code == grpc::StatusCode::UNKNOWN ||
                                code == grpc::StatusCode::DATA_LOSS
                            ? "error"
                            : "info",
                        "rpc")
                    .Add("method", method_)
                    .Add("code", CodeName(code))
                    .Add("ms", ms)
                    .Add("principal", principal_)
                    .Add("bytes_out", bytes_out_));
  }

  const EventLog* const log_;
  const char* const method_;  // gRPC's, alive for the call
  const std::chrono::steady_clock::time_point start_;
  std::string principal_;
  uint64_t bytes_out_ = 0;
  bool logged_ = false;
};

}  // namespace

grpc::experimental::Interceptor* AccessLog::CreateServerInterceptor(
    grpc::experimental::ServerRpcInfo* info) {
  return new CallLog(log_, info->method());
}

}  // namespace rasoat
