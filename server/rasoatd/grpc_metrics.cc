#include "server/rasoatd/grpc_metrics.h"

#include <chrono>

#include <google/protobuf/descriptor.h>

#include "absl/strings/str_cat.h"

namespace rasoat {
namespace {

using Type = grpc::experimental::ServerRpcInfo::Type;
using Hook = grpc::experimental::InterceptionHookPoints;

// From 1 ms (a duplicate push on loopback) to a minute (a province's initial pull).
const prometheus::Histogram::BucketBoundaries& Buckets() {
  static const auto* const kBuckets = new prometheus::Histogram::BucketBoundaries{
      0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60};
  return *kBuckets;
}

const char* TypeName(Type type) {
  switch (type) {
    case Type::UNARY:
      return "unary";
    case Type::CLIENT_STREAMING:
      return "client_stream";
    case Type::SERVER_STREAMING:
      return "server_stream";
    case Type::BIDI_STREAMING:
      return "bidi_stream";
  }
  return "unknown";
}

const char* CodeName(int code) {
  static constexpr const char* kNames[] = {
      "OK",       "Canceled",       "Unknown",          "InvalidArgument",   "DeadlineExceeded",
      "NotFound", "AlreadyExists",  "PermissionDenied", "ResourceExhausted", "FailedPrecondition",
      "Aborted",  "OutOfRange",     "Unimplemented",    "Internal",          "Unavailable",
      "DataLoss", "Unauthenticated"};
  return kNames[code];
}

// One call: started when gRPC creates it, handled when its status is sent (or, for a call
// cancelled before that, when gRPC destroys it).
class CallMetrics final : public grpc::experimental::Interceptor {
 public:
  explicit CallMetrics(const MethodMetrics* metrics)
      : metrics_(metrics), start_(std::chrono::steady_clock::now()) {
    metrics_->started->Increment();
  }
  ~CallMetrics() override {
    if (!handled_) Handled(grpc::StatusCode::CANCELLED);
  }

  void Intercept(grpc::experimental::InterceptorBatchMethods* methods) override {
    if (!handled_ && methods->QueryInterceptionHookPoint(Hook::PRE_SEND_STATUS)) {
      Handled(methods->GetSendStatus().error_code());
    }
    methods->Proceed();
  }

 private:
  void Handled(grpc::StatusCode code) {
    handled_ = true;
    const int index = static_cast<int>(code);
    metrics_->handled[index >= 0 && index < 17 ? index : grpc::StatusCode::UNKNOWN]->Increment();
    metrics_->seconds->Observe(
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count());
  }

  const MethodMetrics* const metrics_;
  const std::chrono::steady_clock::time_point start_;
  bool handled_ = false;
};

}  // namespace

GrpcMetrics::GrpcMetrics(prometheus::Registry* registry, const std::vector<std::string>& services)
    : started_(prometheus::BuildCounter()
                   .Name("grpc_server_started_total")
                   .Help("Calls started on the server.")
                   .Register(*registry)),
      handled_(prometheus::BuildCounter()
                   .Name("grpc_server_handled_total")
                   .Help("Calls completed on the server, by status code.")
                   .Register(*registry)),
      seconds_(prometheus::BuildHistogram()
                   .Name("grpc_server_handling_seconds")
                   .Help("Time from a call's start to its status, in seconds.")
                   .Register(*registry)) {
  const google::protobuf::DescriptorPool* pool = google::protobuf::DescriptorPool::generated_pool();
  for (const std::string& name : services) {
    const google::protobuf::ServiceDescriptor* service = pool->FindServiceByName(name);
    if (service == nullptr) continue;
    for (int i = 0; i < service->method_count(); ++i) {
      const google::protobuf::MethodDescriptor* method = service->method(i);
      const Type type =
          method->client_streaming()
              ? (method->server_streaming() ? Type::BIDI_STREAMING : Type::CLIENT_STREAMING)
              : (method->server_streaming() ? Type::SERVER_STREAMING : Type::UNARY);
      std::string path = absl::StrCat("/", name, "/", method->name());
      known_.emplace(path, Make(path, type));
    }
  }
}

MethodMetrics GrpcMetrics::Make(std::string_view method, Type type) {
  // "/package.Service/Method": the service and the method.
  const std::string_view trimmed = method.substr(method.starts_with('/') ? 1 : 0);
  const size_t slash = trimmed.rfind('/');
  const std::string service(trimmed.substr(0, slash == std::string_view::npos ? 0 : slash));
  const std::string name(trimmed.substr(slash == std::string_view::npos ? 0 : slash + 1));
  const prometheus::Labels labels = {
      {"grpc_service", service}, {"grpc_method", name}, {"grpc_type", TypeName(type)}};
  MethodMetrics metrics;
  metrics.started = &started_.Add(labels);
  metrics.seconds = &seconds_.Add(labels, Buckets());
  for (int code = 0; code < 17; ++code) {
    prometheus::Labels with_code = labels;
    with_code.emplace("grpc_code", CodeName(code));
    metrics.handled[code] = &handled_.Add(with_code);
  }
  return metrics;
}

const MethodMetrics& GrpcMetrics::For(std::string_view method, Type type) {
  const absl::string_view key(method.data(), method.size());  // absl's, not std's, in Debian
  if (auto known = known_.find(key); known != known_.end()) return known->second;
  MutexLock lock(&mutex_);
  std::unique_ptr<MethodMetrics>& other = others_[key];
  if (other == nullptr) other = std::make_unique<MethodMetrics>(Make(method, type));
  return *other;
}

grpc::experimental::Interceptor* GrpcMetrics::CreateServerInterceptor(
    grpc::experimental::ServerRpcInfo* info) {
  return new CallMetrics(&For(info->method(), info->type()));
}

}  // namespace rasoat
