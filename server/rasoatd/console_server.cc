#include "server/rasoatd/console_server.h"

#include <optional>
#include <utility>

#include <google/protobuf/struct.pb.h>
#include <google/protobuf/util/json_util.h>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "rasoat/v1/admin.pb.h"
#include "rasoat/v1/report.pb.h"
#include "server/documents/posting_list.h"
#include "server/documents/qr_code.h"
#include "sync/base/status_macros.h"
#include <httplib.h>

namespace rasoat {
namespace {

constexpr char kJson[] = "application/json; charset=utf-8";
// Requests carry at most a review decision or a procedure step of a commune.
constexpr size_t kMaxRequestBytes = 4 << 20;
// Pixels per module of an enrolment token's QR code: about 300 px for a token.
constexpr int kQrPixelsPerModule = 8;

// The credential a request acts with, and whether it came in the cookie (which a browser sends
// by itself, so the request must prove it came from the console: the CSRF header).
struct Credential {
  std::string token;
  bool from_cookie = false;
};

Credential CredentialOf(const httplib::Request& request) {
  const std::string authorization = request.get_header_value("Authorization");
  if (absl::StartsWithIgnoreCase(authorization, "bearer ")) {
    return Credential{authorization.substr(7), false};
  }
  std::optional<std::string> token = ConsoleSessions::TokenOf(request.get_header_value("Cookie"));
  if (!token.has_value()) return Credential{};
  return Credential{*std::move(token), true};
}

void Answer(httplib::Response& response, const JsonAnswer& answer) {
  response.status = answer.http_status;
  response.set_content(answer.body, kJson);
}

void AnswerError(httplib::Response& response, const absl::Status& status) {
  Answer(response, ErrorAnswer(status));
}

// Splits "HOST:PORT" ("[::1]:8080" too).
absl::StatusOr<std::pair<std::string, int>> HostAndPort(std::string_view listen) {
  const size_t colon = listen.rfind(':');
  int port = 0;
  if (colon == std::string_view::npos ||
      !absl::SimpleAtoi(absl::string_view(listen.data() + colon + 1, listen.size() - colon - 1),
                        &port) ||
      port < 0 || port > 65535) {
    return absl::InvalidArgumentError(
        absl::StrCat("--http_listen: '", std::string(listen), "' is not HOST:PORT"));
  }
  std::string host(listen.substr(0, colon));
  if (host.size() >= 2 && host.front() == '[' && host.back() == ']') {
    host = host.substr(1, host.size() - 2);
  }
  return std::make_pair(host, port);
}

// The JSON of a session for the console's script: the user, the token's description (never the
// token) and the CSRF token.
absl::StatusOr<std::string> SessionJson(const v1::WhoAmIResponse& who, std::string_view csrf) {
  google::protobuf::util::JsonPrintOptions options;
  options.preserve_proto_field_names = true;
  options.always_print_primitive_fields = true;
  std::string json;
  const google::protobuf::util::Status printed =
      google::protobuf::util::MessageToJsonString(who, &json, options);
  if (!printed.ok() || json.empty() || json.back() != '}') {
    return absl::InternalError("the session does not print as JSON");
  }
  json.pop_back();
  absl::StrAppend(&json, json.size() > 1 ? "," : "", "\"csrf_token\":\"", std::string(csrf), "\"}");
  return json;
}

// The user and token description of `token`, as AdminService.WhoAmI answers them.
absl::StatusOr<v1::WhoAmIResponse> WhoIs(const JsonGateway& gateway, std::string_view token) {
  v1::WhoAmIResponse who;
  RETURN_IF_ERROR(
      gateway.CallMessage("/rasoat.v1.AdminService/WhoAmI", v1::WhoAmIRequest(), token, &who));
  return who;
}

// Answers the session of `token` for the console's script, or why there is none.
void AnswerSession(const JsonGateway& gateway, const ConsoleSessions& sessions,
                   std::string_view token, httplib::Response& response) {
  absl::StatusOr<v1::WhoAmIResponse> who = WhoIs(gateway, token);
  absl::StatusOr<std::string> json =
      who.ok() ? SessionJson(*who, sessions.CsrfTokenOf(token)) : who.status();
  if (!json.ok()) {
    AnswerError(response, json.status());
    return;
  }
  response.set_header("Cache-Control", "no-store");
  response.set_content(*json, kJson);
}

}  // namespace

ConsoleServer::ConsoleServer(JsonGateway gateway, ConsoleSessions sessions, ConsoleFiles files,
                             bool secure)
    : gateway_(std::move(gateway)),
      sessions_(std::move(sessions)),
      files_(std::move(files)),
      secure_(secure) {}

absl::StatusOr<std::unique_ptr<ConsoleServer>> ConsoleServer::Start(
    const ConsoleServerOptions& options, std::shared_ptr<grpc::Channel> channel) {
  absl::StatusOr<std::pair<std::string, int>> address = HostAndPort(options.listen);
  if (!address.ok()) return address.status();
  if (options.cert_file.empty() != options.key_file.empty()) {
    return absl::InvalidArgumentError("HTTPS needs both --tls_cert_file and --tls_key_file");
  }
  absl::StatusOr<ConsoleSessions> sessions = ConsoleSessions::Create();
  if (!sessions.ok()) return sessions.status();
  const bool secure = !options.cert_file.empty();
  std::unique_ptr<ConsoleServer> server(
      new ConsoleServer(JsonGateway(std::move(channel)), *std::move(sessions),
                        ConsoleFiles(options.console_dir), secure));
  if (secure) {
    auto https =
        std::make_unique<httplib::SSLServer>(options.cert_file.c_str(), options.key_file.c_str());
    if (!https->is_valid()) {
      return absl::InvalidArgumentError(absl::StrCat("HTTPS cannot start with ", options.cert_file,
                                                     " and ", options.key_file,
                                                     ": not a PEM certificate and its key"));
    }
    server->http_ = std::move(https);
  } else {
    server->http_ = std::make_unique<httplib::Server>();
  }
  server->metrics_page_ = options.metrics_page;
  server->Route();
  const auto& [host, port] = *address;
  if (port == 0) {
    server->port_ = server->http_->bind_to_any_port(host);
    if (server->port_ < 0) server->port_ = 0;
  } else if (server->http_->bind_to_port(host, port)) {
    server->port_ = port;
  }
  if (server->port_ == 0) {
    return absl::UnavailableError(
        absl::StrCat("--http_listen: cannot listen on ", options.listen,
                     " (the port is taken, or the host is not an address of this machine)"));
  }
  server->thread_ = std::thread([http = server->http_.get(), served = &server->served_] {
    http->listen_after_bind();
    served->Notify();
  });
  return server;
}

ConsoleServer::~ConsoleServer() {
  if (!thread_.joinable()) return;
  // cpp-httplib's stop() does nothing until its thread has begun to listen, so it is said again
  // until the thread is done.
  do {
    http_->stop();
  } while (!served_.WaitForNotificationWithTimeout(absl::Milliseconds(10)));
  thread_.join();
}

void ConsoleServer::Route() {
  httplib::Server& http = *http_;
  http.set_payload_max_length(kMaxRequestBytes);
  http.set_default_headers({
      {"X-Content-Type-Options", "nosniff"},
      {"Referrer-Policy", "no-referrer"},
      {"X-Frame-Options", "DENY"},
      {"Content-Security-Policy",
       "default-src 'self'; img-src 'self' data: blob:; style-src 'self' 'unsafe-inline'; "
       "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"},
  });

  // Whether `request`, made with `credential`, may act: with the cookie, only with the CSRF
  // header of its session. Answers the refusal itself.
  const auto csrf_ok = [this](const httplib::Request& request, const Credential& credential,
                              httplib::Response& response) {
    if (!credential.from_cookie) return true;
    if (sessions_.CsrfMatches(credential.token, request.get_header_value(
                                                    std::string(ConsoleSessions::kCsrfHeader)))) {
      return true;
    }
    AnswerError(response,
                absl::PermissionDeniedError(
                    "the request lacks this session's X-CSRF-Token header; reload the console"));
    return false;
  };

  const auto serve_file = [this](std::string_view name, httplib::Response& response) {
    std::optional<ConsoleFile> file = files_.Find(name);
    if (!file.has_value()) {
      response.status = 404;
      response.set_content("not found\n", "text/plain; charset=utf-8");
      return;
    }
    response.set_header("Cache-Control", "no-cache");
    response.set_content(std::move(file->body), std::string(file->content_type));
  };
  if (metrics_page_) {
    http.Get("/metrics", [this](const httplib::Request&, httplib::Response& response) {
      response.set_header("Cache-Control", "no-store");
      response.set_content(metrics_page_(), "text/plain; version=0.0.4; charset=utf-8");
    });
  }
  http.Get("/", [serve_file](const httplib::Request&, httplib::Response& response) {
    serve_file("index.html", response);
  });
  http.Get(R"(/([a-z0-9_-]+\.[a-z]+))",
           [serve_file](const httplib::Request& request, httplib::Response& response) {
             serve_file(request.matches[1].str(), response);
           });

  http.Post("/api/session", [this](const httplib::Request& request, httplib::Response& response) {
    v1::LoginRequest login;
    if (!google::protobuf::util::JsonStringToMessage(request.body, &login).ok()) {
      Answer(response,
             ErrorAnswer(absl::InvalidArgumentError(
                             "the body is not {\"login\": \"...\", \"password\": \"...\"}"),
                         "(body)"));
      return;
    }
    v1::LoginResponse session;
    if (absl::Status made =
            gateway_.CallMessage("/rasoat.v1.AdminService/Login", login, "", &session);
        !made.ok()) {
      AnswerError(response, made);
      return;
    }
    const int64_t seconds_left =
        (session.info().expires_at_unix_micros() - absl::ToUnixMicros(absl::Now())) / 1'000'000;
    response.set_header("Set-Cookie",
                        ConsoleSessions::SetCookie(session.token(), seconds_left, secure_));
    AnswerSession(gateway_, sessions_, session.token(), response);
  });

  http.Get("/api/session", [this](const httplib::Request& request, httplib::Response& response) {
    AnswerSession(gateway_, sessions_, CredentialOf(request).token, response);
  });

  http.Delete("/api/session", [this, csrf_ok](const httplib::Request& request,
                                              httplib::Response& response) {
    const Credential credential = CredentialOf(request);
    if (!csrf_ok(request, credential, response)) return;
    v1::LogoutResponse ended;
    const absl::Status logout = gateway_.CallMessage("/rasoat.v1.AdminService/Logout",
                                                     v1::LogoutRequest(), credential.token, &ended);
    // A session that had already ended is logged out all the same.
    if (!logout.ok() && !absl::IsUnauthenticated(logout)) {
      AnswerError(response, logout);
      return;
    }
    response.set_header("Set-Cookie", ConsoleSessions::ClearCookie(secure_));
    response.set_content("{}", kJson);
  });

  http.Post(R"(/api/v1/([A-Za-z]+)/([A-Za-z]+))", [this, csrf_ok](const httplib::Request& request,
                                                                  httplib::Response& response) {
    const Credential credential = CredentialOf(request);
    if (!csrf_ok(request, credential, response)) return;
    response.set_header("Cache-Control", "no-store");
    Answer(response, gateway_.Call(request.matches[1].str(), request.matches[2].str(),
                                   request.body.empty() ? "{}" : request.body, credential.token));
  });

  http.Post(
      "/api/qr", [this, csrf_ok](const httplib::Request& request, httplib::Response& response) {
        const Credential credential = CredentialOf(request);
        if (!csrf_ok(request, credential, response)) return;
        // Tokens are made for tablets by admins only: the QR code is theirs.
        const absl::StatusOr<v1::WhoAmIResponse> who = WhoIs(gateway_, credential.token);
        if (!who.ok()) {
          AnswerError(response, who.status());
          return;
        }
        if (who->user().role() != v1::ROLE_ADMIN) {
          AnswerError(response, absl::PermissionDeniedError("only an admin enrols tablets"));
          return;
        }
        google::protobuf::Struct body;
        if (!google::protobuf::util::JsonStringToMessage(request.body, &body).ok() ||
            body.fields().count("text") == 0 || !body.fields().at("text").has_string_value()) {
          Answer(response,
                 ErrorAnswer(absl::InvalidArgumentError("the body is not {\"text\": \"...\"}"),
                             "text"));
          return;
        }
        absl::StatusOr<std::string> svg =
            documents::SvgQrCode(body.fields().at("text").string_value(), kQrPixelsPerModule);
        if (!svg.ok()) {
          Answer(response, ErrorAnswer(svg.status(), "text"));
          return;
        }
        response.set_header("Cache-Control", "no-store");
        response.set_content(*svg, "image/svg+xml");
      });

  // The posting list as a commune prints it: what ReportService.PostingList answers this caller.
  const auto posting_list = [this](const httplib::Request& request, httplib::Response& response,
                                   bool html) {
    v1::PostingListRequest wanted;
    wanted.set_round_id(request.get_param_value("round_id"));
    wanted.set_commune_code(request.get_param_value("commune_code"));
    wanted.set_village_code(request.get_param_value("village_code"));
    v1::PostingListResponse list;
    if (absl::Status read = gateway_.CallMessage("/rasoat.v1.ReportService/PostingList", wanted,
                                                 CredentialOf(request).token, &list);
        !read.ok()) {
      AnswerError(response, read);
      return;
    }
    response.set_header("Cache-Control", "no-store");
    if (html) {
      response.set_content(documents::PostingListHtml(list), "text/html; charset=utf-8");
      return;
    }
    response.set_header("Content-Disposition",
                        absl::StrCat("attachment; filename=\"danh-sach-niem-yet-",
                                     wanted.commune_code(), ".csv\""));
    response.set_content(documents::PostingListCsv(list), "text/csv; charset=utf-8");
  };
  http.Get("/api/documents/posting-list.csv",
           [posting_list](const httplib::Request& request, httplib::Response& response) {
             posting_list(request, response, false);
           });
  http.Get("/api/documents/posting-list.html",
           [posting_list](const httplib::Request& request, httplib::Response& response) {
             posting_list(request, response, true);
           });
}

}  // namespace rasoat
