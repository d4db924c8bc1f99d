// rasoatd: the rasoat sync server. Flags, the engine, the gRPC server with health and
// reflection, and a clean shutdown on SIGTERM or SIGINT that lets in-flight calls finish.
#include <algorithm>
#include <chrono>
#include <climits>
#include <cstdio>
#include <iostream>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <grpcpp/ext/proto_server_reflection_plugin.h>
#include <grpcpp/health_check_service_interface.h>
#include <grpcpp/resource_quota.h>
#include <grpcpp/server.h>
#include <grpcpp/server_builder.h>

#include "absl/flags/flag.h"
#include "absl/flags/parse.h"
#include "absl/flags/reflection.h"
#include "absl/flags/usage.h"
#include "absl/strings/match.h"
#include "proto/client/program_version.h"
#include "server/rasoatd/access_log.h"
#include "server/rasoatd/admin_service.h"
#include "server/rasoatd/backup_schedule.h"
#include "server/rasoatd/call_gate.h"
#include "server/rasoatd/connection_acceptor.h"
#include "server/rasoatd/console_server.h"
#include "server/rasoatd/data_privacy.h"
#include "server/rasoatd/engine_metrics.h"
#include "server/rasoatd/event_log.h"
#include "server/rasoatd/grpc_metrics.h"
#include "server/rasoatd/memory_budget.h"
#include "server/rasoatd/memory_trimmer.h"
#include "server/rasoatd/metrics_page.h"
#include "server/rasoatd/open_files.h"
#include "server/rasoatd/report_service.h"
#include "server/rasoatd/review_service.h"
#include "server/rasoatd/sync_metrics.h"
#include "server/rasoatd/sync_service.h"
#include "server/rasoatd/token_file.h"
#include "server/rasoatd/transport_security.h"
#include "server/rasoatd/worker_pool.h"
#include "sync/base/rate_limiter.h"
#include "sync/engine.h"
#include <signal.h>
#include <unistd.h>

ABSL_FLAG(std::string, listen, "127.0.0.1:50051",
          "Address to serve gRPC on; port 0 picks a free port (printed at start).");
ABSL_FLAG(std::string, http_listen, "127.0.0.1:8080",
          "Address to serve the reviewers' web console and its JSON API on (HTTPS with the "
          "--tls_cert_file certificate); port 0 picks a free port (printed at start); empty: no "
          "console.");
ABSL_FLAG(std::string, console_dir, "",
          "Directory to serve the console's files from, read at each request (for working on "
          "server/console/); empty uses the copies built into rasoatd.");
ABSL_FLAG(std::string, data_dir, "./data", "Directory of the RocksDB store; created if missing.");
ABSL_FLAG(std::vector<std::string>, rounds, {"2026"},
          "Comma-separated review rounds this server accepts, each ROUND or ROUND:STANDARD naming "
          "the poverty standard it is classified by, e.g. 2026,2027:decree-351-2025. A round "
          "without a standard uses --default_standard.");
ABSL_FLAG(std::string, targets_dir, "",
          "Directory of the rounds' targets files (ROUND.textproto: each commune's household count "
          "and targets), read at start; empty uses the copies of deploy/targets/ built into "
          "rasoatd.");
ABSL_FLAG(std::vector<std::string>, previous_rounds, {},
          "Comma-separated ROUND:BEFORE pairs naming the round before a round, e.g. 2027:2026: a "
          "household recognised in ROUND gets its outcome (newly poor, escaped, ...) against its "
          "recognition in BEFORE. A round without one finds every household first reviewed.");
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
ABSL_FLAG(uint32_t, memory_budget_mb, 512,
          "Memory rasoatd's load may take, in MiB: a quarter for gRPC's buffers (calls past it "
          "are refused with RESOURCE_EXHAUSTED), an eighth for pushes applied at once (more are "
          "refused with RESOURCE_EXHAUSTED, and tablets send them again), an eighth for "
          "RocksDB's block cache and an eighth for its memtables. At least 8 times the largest "
          "request (--max_batch_mutations x --max_record_bytes, at most 64 MB).");
ABSL_FLAG(
    uint32_t, max_connection_idle_seconds, 120,
    "A connection with no call for this long is closed (the tablet reconnects when it next "
    "syncs), so idle and abandoned connections do not hold descriptors. 0 or more than a day: "
    "never.");
ABSL_FLAG(std::string, tls_cert_file, "",
          "PEM certificate chain to serve TLS with, beside --tls_key_file; without them rasoatd "
          "serves plaintext, and only on a loopback address.");
ABSL_FLAG(std::string, tls_key_file, "", "PEM private key of --tls_cert_file.");
ABSL_FLAG(std::string, tls_client_ca_file, "",
          "PEM CA certificate: with it, only clients presenting a certificate it signed connect "
          "(mutual TLS).");
ABSL_FLAG(bool, allow_insecure_non_loopback, false,
          "Serve plaintext on an address that is not loopback (behind a TLS proxy): tokens and "
          "personal data then cross that network in the clear.");
ABSL_FLAG(uint32_t, session_hours, 12,
          "How long a session made by a login (AdminService.Login, rasoatctl login) lasts.");
ABSL_FLAG(double, token_requests_per_second, 50,
          "Calls one token may make per second, sustained; more are refused with "
          "RESOURCE_EXHAUSTED and told when to try again. 0: no limit.");
ABSL_FLAG(double, token_request_burst, 200,
          "Calls one token may make at once after a quiet spell (a tablet's whole sync).");
ABSL_FLAG(std::string, backup_dir, "",
          "Directory of the store's backups (AdminService.CreateBackup, rasoatctl backup, "
          "--backup_every); best on another disk. Empty: no backups.");
ABSL_FLAG(absl::Duration, backup_every, absl::ZeroDuration(),
          "Make a backup into --backup_dir this often, e.g. 24h; 0: only when asked.");
ABSL_FLAG(uint32_t, backup_keep, 7,
          "Backups kept in --backup_dir: after each new one, the oldest beyond this are "
          "deleted. 0: all.");
ABSL_FLAG(std::string, restore_from, "",
          "Instead of serving: restore the newest good backup of this directory (or "
          "--restore_backup_id) into --data_dir, which must be new or empty, with a new epoch "
          "so tablets' later cursors are refused; then exit. Start rasoatd on it afterwards.");
ABSL_FLAG(uint32_t, restore_backup_id, 0,
          "With --restore_from: the backup to restore (rasoatctl backup list); 0: the newest "
          "that verifies.");
ABSL_FLAG(uint32_t, device_silent_days, 7,
          "A tablet not seen for more than this many days is counted in /metrics' "
          "rasoat_devices_silent: the operator's first alert.");
ABSL_FLAG(uint32_t, shutdown_grace_seconds, 10,
          "On SIGTERM/SIGINT, how long in-flight calls may take before they are cancelled.");

namespace rasoat {
namespace {

// Connections live at most this long (then a GOAWAY, and this grace for calls in flight), and a
// client may ping no more often than this without data, so no connection is kept forever.
constexpr int kMaxConnectionAgeMs = 30 * 60 * 1000;
constexpr int kMaxConnectionAgeGraceMs = 5 * 60 * 1000;
constexpr int kMinPingIntervalWithoutDataMs = 60 * 1000;

// A flag's value for the log: a password in a postgresql:// URI replaced by "***".
std::string LoggedValue(std::string_view name, std::string value) {
  if (name != "program_store") return value;
  const size_t scheme = value.find("://");
  const size_t at = value.find('@');
  if (scheme == std::string::npos || at == std::string::npos) return value;
  const size_t colon = value.find(':', scheme + 3);
  if (colon != std::string::npos && colon < at) value.replace(colon + 1, at - colon - 1, "***");
  return value;
}

// The "start" event: the version and every rasoatd flag's effective value.
void LogStart(const EventLog& log) {
  LogLine line("info", "start");
  line.Add("version", BuildVersion()).Add("pid", static_cast<int64_t>(getpid()));
  std::vector<std::pair<std::string, std::string>> flags;
  for (const auto& [name, flag] : absl::GetAllFlags()) {
    if (!absl::EndsWith(flag->Filename(), "rasoatd/main.cc")) continue;
    const std::string flag_name(name);
    flags.emplace_back(flag_name, LoggedValue(flag_name, flag->CurrentValue()));
  }
  std::sort(flags.begin(), flags.end());
  for (const auto& [name, value] : flags) line.Add(name, value);
  log.Write(line);
}

// --restore_from: the offline restore, instead of serving.
int Restore(const std::string& backup_dir, uint32_t backup_id, const std::string& data_dir,
            const EventLog& log) {
  absl::StatusOr<BackupSummary> restored = RestoreBackup(backup_dir, backup_id, data_dir);
  if (!restored.ok()) {
    std::cerr << "rasoatd: --restore_from=" << backup_dir << ": " << restored.status().message()
              << "\n";
    return 1;
  }
  log.Write(LogLine("info", "restore")
                .Add("backup_id", static_cast<int64_t>(restored->id))
                .Add("backup_dir", backup_dir)
                .Add("data_dir", data_dir));
  std::cout << "rasoatd: restored backup " << restored->id << " of " << backup_dir << " into "
            << data_dir << ", with a new epoch: tablets' cursors from after the backup are "
            << "refused and they pull again. Start rasoatd with --data_dir=" << data_dir
            << std::endl;
  return 0;
}

int Serve(const OpenFileLimit& open_files, const EventLog& log) {
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
  for (const std::string& entry : absl::GetFlag(FLAGS_previous_rounds)) {
    const size_t colon = entry.find(':');
    if (colon == std::string::npos) {
      std::cerr << "rasoatd: --previous_rounds: '" << entry << "' is not ROUND:BEFORE\n";
      return 1;
    }
    options.rounds.previous[entry.substr(0, colon)] = entry.substr(colon + 1);
  }
  if (absl::GetFlag(FLAGS_backup_every) < absl::ZeroDuration() ||
      (absl::GetFlag(FLAGS_backup_every) > absl::ZeroDuration() &&
       absl::GetFlag(FLAGS_backup_dir).empty())) {
    std::cerr << "rasoatd: --backup_every needs --backup_dir (and a positive period)\n";
    return 1;
  }
  options.rounds.default_standard = absl::GetFlag(FLAGS_default_standard);
  options.rounds.standards_dir = absl::GetFlag(FLAGS_standards_dir);
  options.rounds.targets_dir = absl::GetFlag(FLAGS_targets_dir);
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
  // A full batch of records at the size limit, plus room for the envelope.
  const size_t max_batch_bytes =
      std::min<size_t>(options.push.max_batch_mutations * options.push.max_record_bytes, 64 << 20);
  const size_t max_message = max_batch_bytes + (64 << 10);
  const absl::StatusOr<MemoryBudget> budget = ShareMemoryBudget(
      static_cast<size_t>(absl::GetFlag(FLAGS_memory_budget_mb)) << 20, max_batch_bytes);
  if (!budget.ok()) {
    std::cerr << "rasoatd: " << budget.status().message() << "\n";
    return 1;
  }
  options.identity.session_lifetime = absl::Hours(absl::GetFlag(FLAGS_session_hours));
  RateLimiterOptions rate_options;
  rate_options.per_second = absl::GetFlag(FLAGS_token_requests_per_second);
  rate_options.burst = absl::GetFlag(FLAGS_token_request_burst);
  if (absl::Status valid = rate_options.Validate(); !valid.ok()) {
    std::cerr << "rasoatd: --token_requests_per_second, --token_request_burst: " << valid.message()
              << "\n";
    return 1;
  }
  options.store.block_cache_bytes = budget->block_cache_bytes;
  options.store.write_buffer_bytes = budget->write_buffer_bytes;

  TransportSecurityOptions security;
  security.cert_file = absl::GetFlag(FLAGS_tls_cert_file);
  security.key_file = absl::GetFlag(FLAGS_tls_key_file);
  security.client_ca_file = absl::GetFlag(FLAGS_tls_client_ca_file);
  security.allow_insecure_non_loopback = absl::GetFlag(FLAGS_allow_insecure_non_loopback);
  absl::StatusOr<std::shared_ptr<grpc::ServerCredentials>> credentials =
      ServerCredentialsFor(absl::GetFlag(FLAGS_listen), security);
  if (!credentials.ok()) {
    std::cerr << "rasoatd: " << credentials.status().message() << "\n";
    return 1;
  }
  const std::string http_listen = absl::GetFlag(FLAGS_http_listen);
  if (security.cert_file.empty() && !http_listen.empty() && !IsLoopbackListen(http_listen) &&
      !security.allow_insecure_non_loopback) {
    std::cerr << "rasoatd: --http_listen=" << http_listen
              << " is not a loopback address, and without --tls_cert_file the console would "
                 "send passwords and personal data in the clear; give a certificate, or "
                 "--allow_insecure_non_loopback behind a TLS proxy\n";
    return 1;
  }
  if (security.cert_file.empty() && !IsLoopbackListen(absl::GetFlag(FLAGS_listen))) {
    std::cout << "rasoatd: WARNING: serving plaintext on " << absl::GetFlag(FLAGS_listen)
              << " (--allow_insecure_non_loopback): tokens and personal data cross the network "
                 "in the clear unless a TLS proxy is in front"
              << std::endl;
  }

  // The port first, so a taken one stops rasoatd before it serves anything.
  ConnectionAcceptorOptions acceptor_options;
  acceptor_options.address = absl::GetFlag(FLAGS_listen);
  acceptor_options.max_descriptor = MaxConnectionDescriptors(open_files);
  absl::StatusOr<std::unique_ptr<ConnectionAcceptor>> acceptor =
      ConnectionAcceptor::Listen(acceptor_options);
  if (!acceptor.ok()) {
    std::cerr << "rasoatd: " << acceptor.status().message() << "\n";
    return 1;
  }
  std::cout << "rasoatd: open files: soft limit " << open_files.soft << " (was "
            << open_files.soft_before << "), hard limit " << open_files.hard
            << "; connections are accepted while a descriptor below "
            << acceptor_options.max_descriptor << " is free" << std::endl;

  absl::StatusOr<std::unique_ptr<Engine>> engine = Engine::Open(options);
  if (!engine.ok()) {
    std::cerr << "rasoatd: " << engine.status() << "\n";
    return 1;
  }

  // The first start of an empty store makes the first admin; its token goes to a file only
  // this user can read, and the log says where, never what.
  const std::string token_path = AdminTokenPath(options.data_dir);
  absl::StatusOr<bool> bootstrapped = (*engine)->identity().BootstrapAdmin(
      [&token_path](std::string_view token) { return WriteTokenFile(token_path, token); });
  if (!bootstrapped.ok()) {
    std::cerr << "rasoatd: " << bootstrapped.status().message() << "\n";
    return 1;
  }
  if (*bootstrapped) {
    std::cout << "rasoatd: first start: the token of user \"admin\" is in " << token_path
              << " (readable by this user only); use it with rasoatctl --token_file=" << token_path
              << std::endl;
  }
  RateLimiter rate_limiter(rate_options);
  const CallGate gate(&(*engine)->authenticator(), &rate_limiter, &(*engine)->identity());

  WorkerPool write_pool(static_cast<int>(absl::GetFlag(FLAGS_push_workers)));
  WorkerPool read_pool(static_cast<int>(absl::GetFlag(FLAGS_read_workers)));
  WorkerPool admin_pool(static_cast<int>(absl::GetFlag(FLAGS_admin_workers)));
  // What the pools' threads free stays in their malloc arenas; once a second it goes back.
  const MemoryTrimmer memory_trimmer;
  ByteBudget push_bytes(budget->push_bytes);
  std::optional<StoreBackups> backups;
  if (const std::string dir = absl::GetFlag(FLAGS_backup_dir); !dir.empty()) {
    backups.emplace(&(*engine)->store(), dir, absl::GetFlag(FLAGS_backup_keep));
  }
  // /metrics: what the calls did, counted as they happen; the engine's figures, read at each
  // scrape.
  prometheus::Registry metrics;
  SyncMetrics sync_metrics(&metrics);
  EngineMetricsOptions engine_metrics_options;
  engine_metrics_options.data_dir = options.data_dir;
  engine_metrics_options.device_silent = absl::Hours(24) * absl::GetFlag(FLAGS_device_silent_days);
  engine_metrics_options.backups = backups.has_value() ? &*backups : nullptr;
  const EngineMetrics engine_metrics(engine->get(), engine_metrics_options);
  SyncServiceImpl sync_service(&(*engine)->push(), &(*engine)->pull(), &gate, &write_pool,
                               &read_pool, &push_bytes, &sync_metrics);
  ReviewServiceImpl review_service(&(*engine)->review(), &gate, &write_pool, &read_pool);
  ReportServiceImpl report_service(&(*engine)->reports(), &gate, &read_pool);
  AdminServiceImpl admin_service(&(*engine)->identity(), &(*engine)->publisher(),
                                 &(*engine)->published(), &(*engine)->audit_service(), &gate,
                                 &admin_pool, backups.has_value() ? &*backups : nullptr,
                                 &(*engine)->audit());

  grpc::EnableDefaultHealthCheckService(true);
  grpc::reflection::InitProtoReflectionServerBuilderPlugin();
  grpc::ServerBuilder builder;
  builder.SetMaxReceiveMessageSize(static_cast<int>(max_message));
  grpc::ResourceQuota quota("rasoatd");
  quota.Resize(budget->grpc_bytes);
  builder.SetResourceQuota(quota);
  const uint32_t idle_seconds = absl::GetFlag(FLAGS_max_connection_idle_seconds);
  builder.AddChannelArgument(GRPC_ARG_MAX_CONNECTION_IDLE_MS,
                             idle_seconds == 0 || idle_seconds > 24 * 3600
                                 ? INT_MAX
                                 : static_cast<int>(idle_seconds) * 1000);
  builder.AddChannelArgument(GRPC_ARG_MAX_CONNECTION_AGE_MS, kMaxConnectionAgeMs);
  builder.AddChannelArgument(GRPC_ARG_MAX_CONNECTION_AGE_GRACE_MS, kMaxConnectionAgeGraceMs);
  builder.AddChannelArgument(GRPC_ARG_HTTP2_MIN_RECV_PING_INTERVAL_WITHOUT_DATA_MS,
                             kMinPingIntervalWithoutDataMs);
  builder.AddChannelArgument(GRPC_ARG_HTTP2_MAX_PING_STRIKES, 2);
  builder.RegisterService(&sync_service);
  builder.RegisterService(&review_service);
  builder.RegisterService(&report_service);
  builder.RegisterService(&admin_service);
  std::vector<std::unique_ptr<grpc::experimental::ServerInterceptorFactoryInterface>> interceptors;
  interceptors.push_back(std::make_unique<AccessLog>(&log));
  interceptors.push_back(std::make_unique<GrpcMetrics>(
      &metrics, std::vector<std::string>{"rasoat.v1.SyncService", "rasoat.v1.ReviewService",
                                         "rasoat.v1.ReportService", "rasoat.v1.AdminService"}));
  builder.experimental().SetInterceptorCreators(std::move(interceptors));
  // The acceptor's connections go to gRPC through this, secured with `credentials`.
  std::unique_ptr<grpc::experimental::ExternalConnectionAcceptor> handoff =
      builder.experimental().AddExternalConnectionAcceptor(
          grpc::ServerBuilder::experimental_type::ExternalConnectionType::FROM_FD, *credentials);
  std::unique_ptr<grpc::Server> server = builder.BuildAndStart();
  if (server == nullptr) {
    std::cerr << "rasoatd: the gRPC server did not start\n";
    return 1;
  }
  // The console reaches the services through gRPC itself, in process: the same gate,
  // authorization table and audit log as any client.
  std::unique_ptr<ConsoleServer> console;
  if (!http_listen.empty()) {
    ConsoleServerOptions console_options;
    console_options.listen = http_listen;
    console_options.cert_file = security.cert_file;
    console_options.key_file = security.key_file;
    console_options.console_dir = absl::GetFlag(FLAGS_console_dir);
    console_options.metrics_page = [&metrics, &engine_metrics] {
      return MetricsPage({&metrics, &engine_metrics});
    };
    grpc::ChannelArguments channel_arguments;
    channel_arguments.SetMaxReceiveMessageSize(static_cast<int>(max_message));
    absl::StatusOr<std::unique_ptr<ConsoleServer>> started =
        ConsoleServer::Start(console_options, server->InProcessChannel(channel_arguments));
    if (!started.ok()) {
      std::cerr << "rasoatd: " << started.status().message() << "\n";
      return 1;
    }
    console = *std::move(started);
    std::cout << "rasoatd: console on " << (console->secure() ? "https" : "http") << "://"
              << http_listen.substr(0, http_listen.rfind(':')) << ":" << console->port() << "/"
              << std::endl;
  }
  // Health says NOT_SERVING while the store cannot write (a full disk), and each change is
  // logged once with its reason.
  grpc::HealthCheckServiceInterface* health = server->GetHealthCheckService();
  // RocksDB slowing or stopping writes (flushes or compaction behind: a slow or full disk).
  (*engine)->write_health().SetStallListener(
      [&log](std::string_view column_family, WriteHealth::Stall now, WriteHealth::Stall before) {
        log.Write(LogLine(now == WriteHealth::Stall::kNone ? "info" : "warning", "store_stall")
                      .Add("column_family", column_family)
                      .Add("stall", WriteHealth::StallName(now))
                      .Add("was", WriteHealth::StallName(before)));
      });
  (*engine)->write_health().SetListener([health, &log](bool writable, std::string_view reason) {
    health->SetServingStatus(writable);
    log.Write(LogLine(writable ? "info" : "error", "store_health")
                  .Add("writable", writable)
                  .Add("reason", reason));
    if (writable) {
      std::cout << "rasoatd: the store writes again (" << reason << "); health SERVING"
                << std::endl;
    } else {
      std::cout << "rasoatd: the store cannot write: " << reason << "; health NOT_SERVING"
                << std::endl;
    }
  });
  (*acceptor)->Start(handoff.get());
  const std::string listen = absl::GetFlag(FLAGS_listen);
  std::cout << "rasoatd: serving on " << listen.substr(0, listen.rfind(':')) << ":"
            << (*acceptor)->port() << " (" << (security.cert_file.empty() ? "plaintext" : "TLS")
            << "; data in " << options.data_dir << ")" << std::endl;
  log.Write(LogLine("info", "serving")
                .Add("grpc_port", (*acceptor)->port())
                .Add("http_port", console != nullptr ? console->port() : 0)
                .Add("tls", !security.cert_file.empty()));

  std::optional<BackupSchedule> backup_schedule;
  if (const absl::Duration every = absl::GetFlag(FLAGS_backup_every);
      backups.has_value() && every > absl::ZeroDuration()) {
    backup_schedule.emplace(&*backups, &(*engine)->audit(), every, &log);
  }

  // SIGTERM and SIGINT were blocked in every thread; wait for one here.
  sigset_t signals;
  sigemptyset(&signals);
  sigaddset(&signals, SIGTERM);
  sigaddset(&signals, SIGINT);
  int signal_number = 0;
  sigwait(&signals, &signal_number);
  std::cout << "rasoatd: " << (signal_number == SIGTERM ? "SIGTERM" : "SIGINT")
            << ", finishing in-flight calls" << std::endl;
  log.Write(LogLine("info", "stop").Add("signal", signal_number == SIGTERM ? "SIGTERM" : "SIGINT"));
  backup_schedule.reset();  // a backup under way finishes first
  console.reset();  // its requests in flight finish first: they are calls to the gRPC server
  (*acceptor)->Stop();
  server->Shutdown(std::chrono::system_clock::now() +
                   std::chrono::seconds(absl::GetFlag(FLAGS_shutdown_grace_seconds)));
  server->Wait();
  (*engine)->write_health().SetListener(nullptr);  // the health service goes with the server
  std::cout << "rasoatd: stopped" << std::endl;
  log.Write(LogLine("info", "stopped"));
  return 0;
}

}  // namespace
}  // namespace rasoat

int main(int argc, char** argv) {
  absl::SetProgramUsageMessage(
      "rasoat sync server for the household poverty review.\n"
      "  rasoatd [--listen=127.0.0.1:50051] [--data_dir=./data] [--rounds=2026]\n"
      "Settings may also come from a file: --flagfile=deploy/rasoatd.flags");
  rasoat::SetVersionFlag("rasoatd");
  absl::ParseCommandLine(argc, argv);
  rasoat::KeepNewFilesPrivate();
  for (const std::string& warning : rasoat::ExposedPersonalData(
           absl::GetFlag(FLAGS_data_dir), absl::GetFlag(FLAGS_program_store))) {
    std::cout << "rasoatd: warning: " << warning << std::endl;
  }
  const rasoat::OpenFileLimit open_files = rasoat::RaiseOpenFileLimit();

  // Block the shutdown signals before any thread starts, so only sigwait sees them.
  sigset_t signals;
  sigemptyset(&signals);
  sigaddset(&signals, SIGTERM);
  sigaddset(&signals, SIGINT);
  pthread_sigmask(SIG_BLOCK, &signals, nullptr);
  const rasoat::EventLog log;
  rasoat::LogStart(log);
  if (const std::string from = absl::GetFlag(FLAGS_restore_from); !from.empty()) {
    return rasoat::Restore(from, absl::GetFlag(FLAGS_restore_backup_id),
                           absl::GetFlag(FLAGS_data_dir), log);
  }
  return rasoat::Serve(open_files, log);
}
