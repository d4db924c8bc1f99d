// RasoatdProcess runs a real rasoatd for a test: started on a free loopback port with its own
// data directory, waited on until it prints that it serves, stopped by SIGTERM or killed.
//
// Thread-safety: one owner; the stubs it hands out are thread-safe.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <grpcpp/channel.h>
#include <grpcpp/support/channel_arguments.h>

#include "absl/status/statusor.h"
#include "rasoat/v1/admin.grpc.pb.h"
#include "rasoat/v1/review.grpc.pb.h"
#include "rasoat/v1/sync.grpc.pb.h"
#include <sys/types.h>

namespace rasoat::testing {

class RasoatdProcess {
 public:
  // Starts rasoatd with --data_dir=data_dir --listen=127.0.0.1:0 and `flags` (and no rate
  // limit per token unless `flags` set --token_requests_per_second), and returns once it
  // serves, with the token its first start made for the admin. UNAVAILABLE if it exited or did not
  // say it serves within 30 s. `launcher` runs before rasoatd's own arguments, e.g.
  // {"/usr/bin/prlimit", "--nofile=256"}.
  static absl::StatusOr<std::unique_ptr<RasoatdProcess>> Start(
      const std::string& data_dir, const std::vector<std::string>& flags = {},
      const std::vector<std::string>& launcher = {});

  // Kills the process if it is still running.
  ~RasoatdProcess();

  // "127.0.0.1:PORT".
  const std::string& address() const { return address_; }
  // The port of the console's HTTP server (--http_listen, 127.0.0.1:0 unless `flags` name one);
  // 0 when rasoatd serves no console (--http_listen=).
  int http_port() const { return http_port_; }

  // The process id, e.g. to read its memory use from /proc.
  pid_t pid() const { return pid_; }
  // What rasoatd printed before it said it serves, one line each, that line included.
  const std::string& startup_output() const { return startup_output_; }
  std::unique_ptr<v1::SyncService::Stub> NewSyncStub() const;
  // A stub whose connection is up before it returns, for scenarios that open many connections
  // at once and count every failed call. gRPC 1.51's client can fail a connection attempt that
  // was only in progress: it reads connect(2)'s errno after calls that may change it (seen under
  // ASan as "ipv4:127.0.0.1:PORT: No such file or directory"; fixed upstream in
  // grpc/grpc#35064), and a call made before the channel has connected again fails with
  // UNAVAILABLE. Waiting for READY lets the channel connect again on its own, as it does after
  // any failed attempt, before anything is sent. If it is not READY within 30 s the stub is
  // returned anyway, and its first call says why.
  std::unique_ptr<v1::SyncService::Stub> NewConnectedSyncStub() const;
  // What the standard health service (grpc.health.v1) answers for the whole server: 1 SERVING,
  // 2 NOT_SERVING; -1 if the call failed.
  int HealthStatus() const;
  // Reads what rasoatd prints after it serves until a line holds `needle`, and returns
  // everything read up to that line (kept for later calls). UNAVAILABLE if none did within
  // 60 s or rasoatd exited.
  absl::StatusOr<std::string> AwaitOutput(const std::string& needle);
  // Stubs on fresh channels that present the admin's token (or `token`, where taken; "" for
  // none).
  std::unique_ptr<v1::ReviewService::Stub> NewReviewStub() const;
  std::unique_ptr<v1::AdminService::Stub> NewAdminStub() const;
  std::shared_ptr<grpc::Channel> NewChannel(
      grpc::ChannelArguments arguments = {},
      const std::optional<std::string>& token = std::nullopt) const;
  // The token rasoatd's first start on the data directory made for its admin.
  const std::string& admin_token() const { return admin_token_; }
  // Makes user `login` with `role` and `scopes`, unless it exists, and a new token for it, with
  // the admin's token; returns the token.
  absl::StatusOr<std::string> MakeUserToken(const std::string& login, v1::Role role,
                                            const std::vector<v1::Scope>& scopes = {}) const;
  // The CA file clients trust when rasoatd serves TLS; empty otherwise.
  const std::string& ca_file() const { return ca_file_; }

  // Sends SIGTERM and waits; returns the exit code, or -signal if a signal ended it.
  int Terminate();
  // Sends SIGKILL and waits.
  void Kill();
  // Sends `signal` and returns at once.
  void Signal(int signal);
  // Waits for the process to end; returns as Terminate does.
  int Wait();

 private:
  RasoatdProcess() = default;

  pid_t pid_ = -1;
  int stdout_fd_ = -1;
  std::string address_;
  int http_port_ = 0;
  std::string startup_output_;
  std::string later_output_;  // printed after the serving line, read by AwaitOutput
  std::string admin_token_;
  std::string ca_file_;
};

}  // namespace rasoat::testing
