// ConsoleServer: rasoatd's HTTP side for people (DESIGN.md "Layout", "Identity, authorization,
// audit"), on cpp-httplib from Debian: the console's files, the session routes, the JSON API
// (json_gateway.h) and the documents a commune prints. Routes:
//
//   GET  /, /NAME                      the console's files (console_files.h); open to all
//   POST /api/session                  {"login","password"} → a session cookie; open to all
//   GET  /api/session                  the session's user and token and its CSRF token
//   DELETE /api/session                ends the session (AdminService.Logout)
//   POST /api/v1/SERVICE/METHOD        the JSON API: every unary ReviewService, ReportService and
//                                      AdminService method, authorized as over gRPC
//   POST /api/qr                       {"text"} → the SVG QR code of an enrolment token (admins)
//   GET  /api/documents/posting-list.csv|.html?round_id=&commune_code=[&village_code=]
//                                      the posting list (authorized as ReportService.PostingList)
//
// Every route but the files and the login acts as the session cookie's user (or, for programs,
// as "Authorization: Bearer TOKEN"), through the same gRPC calls, CallGate and audit log as any
// client; with the cookie, a POST or DELETE also needs the X-CSRF-Token header
// (console_session.h). Answers carry a Content-Security-Policy that allows only this origin.
//
// Thread-safety: Start and Stop from one thread; the routes run on the HTTP server's own
// threads, which block on the in-process gRPC calls (never gRPC's threads).
#pragma once

#include <functional>
#include <memory>
#include <string>
#include <thread>

#include <grpcpp/channel.h>

#include "absl/status/statusor.h"
#include "absl/synchronization/notification.h"
#include "server/rasoatd/console_files.h"
#include "server/rasoatd/console_session.h"
#include "server/rasoatd/json_gateway.h"

namespace httplib {
class Server;
}

namespace rasoat {

struct ConsoleServerOptions {
  // HOST:PORT; port 0 picks a free one.
  std::string listen = "127.0.0.1:8080";
  // PEM files for HTTPS; both or neither.
  std::string cert_file;
  std::string key_file;
  // Empty: the console's files built into rasoatd.
  std::string console_dir;
  // If set, GET /metrics answers with what it returns, Prometheus' text format. Open to anyone
  // who reaches the port, as scrapers and health checks expect: aggregate figures only, never
  // personal data.
  std::function<std::string()> metrics_page;
};

class ConsoleServer {
 public:
  // Binds `options.listen` and serves it on a thread of its own; calls go to rasoatd's gRPC
  // server through `channel`. INVALID_ARGUMENT for a listen address that is not HOST:PORT or a
  // certificate that does not load; UNAVAILABLE if the port cannot be bound.
  static absl::StatusOr<std::unique_ptr<ConsoleServer>> Start(
      const ConsoleServerOptions& options, std::shared_ptr<grpc::Channel> channel);

  // Stops accepting, lets the requests in flight finish, and joins the thread.
  ~ConsoleServer();

  int port() const { return port_; }
  bool secure() const { return secure_; }

 private:
  ConsoleServer(JsonGateway gateway, ConsoleSessions sessions, ConsoleFiles files, bool secure);

  void Route();

  const JsonGateway gateway_;
  const ConsoleSessions sessions_;
  const ConsoleFiles files_;
  const bool secure_;
  std::function<std::string()> metrics_page_;
  std::unique_ptr<httplib::Server> http_;
  int port_ = 0;
  std::thread thread_;
  // Notified when the thread stops serving.
  absl::Notification served_;
};

}  // namespace rasoat
