// The gRPC server's calls as Prometheus metrics, with the names of the grpc-ecosystem
// (go-grpc-prometheus) so that existing dashboards work: grpc_server_started_total,
// grpc_server_handled_total{grpc_code} and the grpc_server_handling_seconds histogram, each
// labelled grpc_service, grpc_method and grpc_type. Recorded by a server interceptor; install it
// with ServerBuilder::experimental().SetInterceptorCreators(). The console's JSON API calls the
// services in process, through the same server, so its calls count too.
//
// The counters and histogram of each method of the services named at construction are made
// once, up front: a call finds them in an immutable map, without a lock of its own. A method of
// any other service (health, reflection) gets its series on first use, under a mutex.
//
// Thread-safety: thread-safe; the factory and its registry must outlive the server.
#pragma once

#include <array>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include <grpcpp/support/server_interceptor.h>

#include "absl/base/thread_annotations.h"
#include "absl/container/flat_hash_map.h"
#include "sync/base/mutex.h"
#include <prometheus/counter.h>
#include <prometheus/family.h>
#include <prometheus/histogram.h>
#include <prometheus/registry.h>

namespace rasoat {

// The series of one method.
struct MethodMetrics {
  prometheus::Counter* started = nullptr;
  prometheus::Histogram* seconds = nullptr;
  std::array<prometheus::Counter*, 17> handled{};  // by grpc::StatusCode, 0..16
};

class GrpcMetrics : public grpc::experimental::ServerInterceptorFactoryInterface {
 public:
  // Registers the three families in `registry`; makes the series of every method of
  // `services` (full names, e.g. "rasoat.v1.SyncService") from the generated descriptors.
  GrpcMetrics(prometheus::Registry* registry, const std::vector<std::string>& services);

  grpc::experimental::Interceptor* CreateServerInterceptor(
      grpc::experimental::ServerRpcInfo* info) override;

  // The series of `method` ("/package.Service/Method") of type `type`.
  const MethodMetrics& For(std::string_view method, grpc::experimental::ServerRpcInfo::Type type);

 private:
  MethodMetrics Make(std::string_view method, grpc::experimental::ServerRpcInfo::Type type);

  prometheus::Family<prometheus::Counter>& started_;
  prometheus::Family<prometheus::Counter>& handled_;
  prometheus::Family<prometheus::Histogram>& seconds_;
  absl::flat_hash_map<std::string, MethodMetrics> known_;  // immutable after construction
  Mutex mutex_;
  absl::flat_hash_map<std::string, std::unique_ptr<MethodMetrics>> others_ ABSL_GUARDED_BY(mutex_);
};

}  // namespace rasoat
