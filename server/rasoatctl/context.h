// What every rasoatctl command runs with: the settings taken from the flags, the ReviewService
// stub, where to print, and the three ways a command ends (exit codes). Commands call the
// server through Call(), which sets the deadline, and end through Usage() or RpcError() so
// that every failure looks the same to a person and to a script:
//
//   exit 0  done
//   exit 1  the server refused or could not be reached: "rasoatctl: CODE: message" on stderr
//   exit 2  the command line is wrong: the problem and the command's usage on stderr
//   exit 3  audit verify: the audit log is not intact (its first bad entry on stdout)
//
// Thread-safety: one command runs at a time on one thread; the stub is thread-safe.
#pragma once

#include <chrono>
#include <cstdint>
#include <ostream>
#include <string>

#include <google/protobuf/message.h>
#include <grpcpp/client_context.h>
#include <grpcpp/support/status.h>

#include "absl/status/status.h"
#include "absl/strings/string_view.h"
#include "rasoat/v1/admin.grpc.pb.h"
#include "rasoat/v1/report.grpc.pb.h"
#include "rasoat/v1/review.grpc.pb.h"

namespace rasoat::ctl {

constexpr int kExitOk = 0;
constexpr int kExitFailed = 1;
constexpr int kExitUsage = 2;
constexpr int kExitAuditBroken = 3;

// The flags, as read in main. The command-specific ones are empty (0) when not given.
struct Settings {
  std::string round_id;
  bool json = false;
  std::string reviewer;
  std::chrono::seconds timeout{30};
  // Where the token is read from, and where `login` keeps its session.
  std::string token_file;
  // queue, summary.
  std::string village;
  // queue.
  std::string statuses;
  uint32_t page_size = 0;
  // show.
  std::string diff;
  // audit verify.
  std::string expect_head;
  // audit show.
  std::string household;
  std::string actor;
  std::string since;
  uint32_t limit = 0;
  // report: as CSV; posting: as HTML; export: with machine names.
  bool csv = false;
  bool html = false;
  bool machine_names = false;
};

struct Command;

struct CommandContext {
  Settings settings;
  v1::ReviewService::Stub* stub = nullptr;     // not owned
  v1::AdminService::Stub* admin = nullptr;     // not owned
  v1::ReportService::Stub* reports = nullptr;  // not owned
  const Command* command = nullptr;            // not owned: the one running
  std::ostream* out = nullptr;                 // not owned
  std::ostream* err = nullptr;                 // not owned

  // Prints "rasoatctl: <problem>" and the running command's usage to err; returns kExitUsage.
  int Usage(absl::string_view problem) const;
  // Prints "rasoatctl: <CODE>: <message>" to err; returns kExitFailed.
  int RpcError(const grpc::Status& status) const;
  // The same for a failure of rasoatctl itself.
  int Fail(const absl::Status& status) const;
  // Prints `message` as one line of JSON to out; returns kExitOk, or kExitFailed if it cannot.
  int PrintJson(const google::protobuf::Message& message) const;
  // Prints `json`, a JSON text made by the command, as one line; returns kExitOk.
  int PrintJsonText(const std::string& json) const;

  // Calls `method` on the ReviewService (or AdminService, ReportService) stub with the deadline of
  // --timeout_seconds.
  template <typename Request, typename Response>
  grpc::Status Call(grpc::Status (v1::ReviewService::Stub::*method)(grpc::ClientContext*,
                                                                    const Request&, Response*),
                    const Request& request, Response* response) const {
    grpc::ClientContext context;
    context.set_deadline(std::chrono::system_clock::now() + settings.timeout);
    return (stub->*method)(&context, request, response);
  }
  template <typename Request, typename Response>
  grpc::Status Call(grpc::Status (v1::AdminService::Stub::*method)(grpc::ClientContext*,
                                                                   const Request&, Response*),
                    const Request& request, Response* response) const {
    grpc::ClientContext context;
    context.set_deadline(std::chrono::system_clock::now() + settings.timeout);
    return (admin->*method)(&context, request, response);
  }
  template <typename Request, typename Response>
  grpc::Status Call(grpc::Status (v1::ReportService::Stub::*method)(grpc::ClientContext*,
                                                                    const Request&, Response*),
                    const Request& request, Response* response) const {
    grpc::ClientContext context;
    context.set_deadline(std::chrono::system_clock::now() + settings.timeout);
    return (reports->*method)(&context, request, response);
  }
};

}  // namespace rasoat::ctl
