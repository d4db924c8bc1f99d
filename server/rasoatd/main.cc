// rasoatd: the rasoat sync server. Flags, the engine, the gRPC server with health and
// reflection, and a clean shutdown on SIGTERM or SIGINT that lets in-flight calls finish.
#include <chrono>
#include <cstdio>
#include <iostream>
#include <string>
#include <vector>

#include <grpcpp/ext/proto_server_reflection_plugin.h>
#include <grpcpp/health_check_service_interface.h>
#include <grpcpp/server.h>
#include <grpcpp/server_builder.h>

#include "absl/flags/flag.h"
#include "absl/flags/parse.h"
#include "absl/flags/usage.h"
#include "server/rasoatd/admin_service.h"
#include "server/rasoatd/review_service.h"
#include "server/rasoatd/sync_service.h"
#include "server/rasoatd/worker_pool.h"
#include "sync/engine.h"
#include <signal.h>

ABSL_FLAG(std::string, listen, "127.0.0.1:50051",
          "Address to serve gRPC on; port 0 picks a free port (printed at start).");
ABSL_FLAG(std::string, data_dir, "./data", "Directory of the RocksDB store; created if missing.");
ABSL_FLAG(std::vector<std::string>, rounds, {"2026"},
          "Comma-separated review rounds this server accepts, each ROUND or ROUND:STANDARD naming "
          "the poverty standard it is classified by, e.g. 2026,2027:decree-351-2025. A round "
          "without a standard uses --default_standard.");
ABSL_FLAG(std::string, default_standard, "decree-07-2021",
          "Poverty standard of the rounds that name none.");
ABSL_FLAG(std::string, standards_dir, "",
          "Directory of poverty standard files (NAME.textproto), read at start; empty uses the "
          "copies of deploy/standards/ built into rasoatd.");
ABSL_FLAG(std::string, program_store, "",
          "Where approved households are published: postgresql://... (a libpq URI), "
          "sqlite:PATH, or empty for DATA_DIR/program.db.");
ABSL_FLAG(uint32_t, publish_max_backoff_ms, 10'000,
          "Longest wait between deliveries while the program store is down.");
ABSL_FLAG(uint32_t, max_publish_status_waiters, 256,
          "Most GetPublishStatus calls that may wait for the publish backlog to drain at once; "
          "one more is refused with RESOURCE_EXHAUSTED. A waiting call holds no thread.");
ABSL_FLAG(uint32_t, max_batch_mutations, 500, "Most mutations one Push may carry.");
ABSL_FLAG(uint32_t, max_record_bytes, 256 << 10, "Largest household record accepted, in bytes.");
ABSL_FLAG(uint32_t, max_open_conflicts, 100,
          "Most open conflicts one household may have (one per field path); a stale push that "
          "would open more is rejected until they are resolved.");
ABSL_FLAG(uint32_t, push_workers, 32,
          "Threads that apply pushes and decisions; those waiting for disk together share one "
          "fsync.");
ABSL_FLAG(uint32_t, read_workers, 8,
          "Threads that read pull pages and reviewers' listings and histories, so that no read "
          "holds up gRPC's own threads or waits behind an fsync.");
ABSL_FLAG(uint32_t, admin_workers, 2,
          "Threads that serve AdminService (publish status, dead-letter retries, published "
          "lists), apart from the tablets' and reviewers' threads.");
ABSL_FLAG(uint32_t, shutdown_grace_seconds, 10,
          "On SIGTERM/SIGINT, how long in-flight calls may take before they are cancelled.");

namespace rasoat {
namespace {

int Serve() {
  EngineOptions options;
  options.data_dir = absl::GetFlag(FLAGS_data_dir);
  options.rounds.ids.clear();
  for (const std::string& entry : absl::GetFlag(FLAGS_rounds)) {
    const size_t colon = entry.find(':');
    options.rounds.ids.push_back(entry.substr(0, colon));
    if (colon != std::string::npos) {
      options.rounds.standards[entry.substr(0, colon)] = entry.substr(colon + 1);
    }
  }
  options.rounds.default_standard = absl::GetFlag(FLAGS_default_standard);
  options.rounds.standards_dir = absl::GetFlag(FLAGS_standards_dir);
  options.program_store = absl::GetFlag(FLAGS_program_store);
  options.publisher.max_backoff =
      std::chrono::milliseconds(absl::GetFlag(FLAGS_publish_max_backoff_ms));
  options.publisher.max_drain_waiters = absl::GetFlag(FLAGS_max_publish_status_waiters);
  options.push.max_batch_mutations = absl::GetFlag(FLAGS_max_batch_mutations);
  options.push.max_record_bytes = absl::GetFlag(FLAGS_max_record_bytes);
  options.push.max_open_conflicts = absl::GetFlag(FLAGS_max_open_conflicts);
  if (absl::GetFlag(FLAGS_push_workers) == 0 || absl::GetFlag(FLAGS_read_workers) == 0 ||
      absl::GetFlag(FLAGS_admin_workers) == 0) {
    std::cerr << "rasoatd: --push_workers, --read_workers and --admin_workers must be at least "
                 "1\n";
    return 1;
  }
  absl::StatusOr<std::unique_ptr<Engine>> engine = Engine::Open(options);
  if (!engine.ok()) {
    std::cerr << "rasoatd: " << engine.status() << "\n";
    return 1;
  }

  WorkerPool write_pool(static_cast<int>(absl::GetFlag(FLAGS_push_workers)));
  WorkerPool read_pool(static_cast<int>(absl::GetFlag(FLAGS_read_workers)));
  WorkerPool admin_pool(static_cast<int>(absl::GetFlag(FLAGS_admin_workers)));
  SyncServiceImpl sync_service(&(*engine)->push(), &(*engine)->pull(), &write_pool, &read_pool);
  ReviewServiceImpl review_service(&(*engine)->review(), &write_pool, &read_pool);
  AdminServiceImpl admin_service(&(*engine)->publisher(), &(*engine)->published(), &admin_pool);

  grpc::EnableDefaultHealthCheckService(true);
  grpc::reflection::InitProtoReflectionServerBuilderPlugin();
  grpc::ServerBuilder builder;
  int port = 0;
  builder.AddListeningPort(absl::GetFlag(FLAGS_listen), grpc::InsecureServerCredentials(), &port);
  // A full batch of records at the size limit, plus room for the envelope.
  const size_t max_message =
      std::min<size_t>(options.push.max_batch_mutations * options.push.max_record_bytes, 64 << 20) +
      (64 << 10);
  builder.SetMaxReceiveMessageSize(static_cast<int>(max_message));
  builder.RegisterService(&sync_service);
  builder.RegisterService(&review_service);
  builder.RegisterService(&admin_service);
  std::unique_ptr<grpc::Server> server = builder.BuildAndStart();
  if (server == nullptr || port == 0) {
    std::cerr << "rasoatd: cannot listen on " << absl::GetFlag(FLAGS_listen) << "\n";
    return 1;
  }
  const std::string listen = absl::GetFlag(FLAGS_listen);
  std::cout << "rasoatd: serving on " << listen.substr(0, listen.rfind(':')) << ":" << port
            << " (data in " << options.data_dir << ")" << std::endl;

  // SIGTERM and SIGINT were blocked in every thread; wait for one here.
  sigset_t signals;
  sigemptyset(&signals);
  sigaddset(&signals, SIGTERM);
  sigaddset(&signals, SIGINT);
  int signal_number = 0;
  sigwait(&signals, &signal_number);
  std::cout << "rasoatd: " << (signal_number == SIGTERM ? "SIGTERM" : "SIGINT")
            << ", finishing in-flight calls" << std::endl;
  server->Shutdown(std::chrono::system_clock::now() +
                   std::chrono::seconds(absl::GetFlag(FLAGS_shutdown_grace_seconds)));
  server->Wait();
  std::cout << "rasoatd: stopped" << std::endl;
  return 0;
}

}  // namespace
}  // namespace rasoat

int main(int argc, char** argv) {
  absl::SetProgramUsageMessage(
      "rasoat sync server for the household poverty review.\n"
      "  rasoatd [--listen=127.0.0.1:50051] [--data_dir=./data] [--rounds=2026]\n"
      "Settings may also come from a file: --flagfile=deploy/rasoatd.flags");
  absl::ParseCommandLine(argc, argv);

  // Block the shutdown signals before any thread starts, so only sigwait sees them.
  sigset_t signals;
  sigemptyset(&signals);
  sigaddset(&signals, SIGTERM);
  sigaddset(&signals, SIGINT);
  pthread_sigmask(SIG_BLOCK, &signals, nullptr);
  return rasoat::Serve();
}
