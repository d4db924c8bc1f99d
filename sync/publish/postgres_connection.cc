#include "sync/publish/postgres_connection.h"

#include <utility>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"

namespace rasoat::publish::internal {
namespace {

// Connection lost, server shutting down or starting, too many connections, read-only server:
// all "try again later", on a new connection.
bool IsUnavailable(absl::string_view state) {
  return absl::StartsWith(state, "08") || state == "57P01" || state == "57P02" ||
         state == "57P03" || state == "53300" || state == "25006";
}

absl::StatusCode CodeOf(const char* sqlstate) {
  if (sqlstate == nullptr) return absl::StatusCode::kInternal;
  const absl::string_view state(sqlstate);
  if (IsUnavailable(state)) return absl::StatusCode::kUnavailable;
  if (absl::StartsWith(state, "53")) return absl::StatusCode::kResourceExhausted;
  if (absl::StartsWith(state, "40")) return absl::StatusCode::kAborted;
  if (absl::StartsWith(state, "22")) return absl::StatusCode::kInvalidArgument;
  if (state == "42501") return absl::StatusCode::kPermissionDenied;
  return absl::StatusCode::kInternal;
}

std::string Trimmed(const char* message) {
  return std::string(absl::StripAsciiWhitespace(message != nullptr ? message : ""));
}

// Notices ("relation already exists, skipping") have no reader here.
void IgnoreNotice(void*, const char*) {}

}  // namespace

void PgParams::Int(int64_t value) { Add(absl::StrCat(value), 0); }

std::vector<const char*> PgParams::Values() const {
  std::vector<const char*> values;
  for (const std::string& value : values_) values.push_back(value.c_str());
  return values;
}

void PgParams::Add(std::string value, int format) {
  lengths_.push_back(static_cast<int>(value.size()));
  formats_.push_back(format);
  values_.push_back(std::move(value));
}

PostgresConnection::PostgresConnection(std::string uri, std::string description)
    : uri_(std::move(uri)), description_(std::move(description)) {}

PostgresConnection::~PostgresConnection() { Close(); }

absl::StatusOr<bool> PostgresConnection::Connect() {
  if (conn_ != nullptr && PQstatus(conn_) == CONNECTION_OK) return false;
  Close();
  // Keywords before dbname (which holds the URI) are defaults the URI may override; those
  // after it are not.
  const char* const keywords[] = {"connect_timeout",
                                  "keepalives",
                                  "keepalives_idle",
                                  "keepalives_interval",
                                  "keepalives_count",
                                  "fallback_application_name",
                                  "dbname",
                                  "client_encoding",
                                  nullptr};
  const char* const values[] = {"10",      "1",          "30",   "10",   "3",
                                "rasoatd", uri_.c_str(), "UTF8", nullptr};
  PGconn* conn = PQconnectdbParams(keywords, values, /*expand_dbname=*/1);
  if (conn == nullptr) {
    return absl::UnavailableError(absl::StrCat(description_, ": connect: out of memory"));
  }
  if (PQstatus(conn) != CONNECTION_OK) {
    const std::string message = Trimmed(PQerrorMessage(conn));
    PQfinish(conn);
    return absl::UnavailableError(absl::StrCat(description_, ": connect: ", message));
  }
  PQsetNoticeProcessor(conn, IgnoreNotice, nullptr);
  conn_ = conn;
  return true;
}

absl::StatusOr<PgResult> PostgresConnection::Exec(const char* sql, const char* doing) {
  return Check(PQexec(conn_, sql), doing);
}

absl::StatusOr<PgResult> PostgresConnection::ExecParams(const char* sql, const PgParams& params,
                                                        const char* doing) {
  const std::vector<const char*> values = params.Values();
  return Check(PQexecParams(conn_, sql, params.size(), /*paramTypes=*/nullptr, values.data(),
                            params.Lengths(), params.Formats(), /*resultFormat=*/0),
               doing);
}

absl::Status PostgresConnection::Prepare(const char* name, const char* sql, int params,
                                         const char* doing) {
  return Check(PQprepare(conn_, name, sql, params, /*paramTypes=*/nullptr), doing).status();
}

absl::StatusOr<PgResult> PostgresConnection::ExecPrepared(const char* name, const PgParams& params,
                                                          const char* doing) {
  const std::vector<const char*> values = params.Values();
  return Check(PQexecPrepared(conn_, name, params.size(), values.data(), params.Lengths(),
                              params.Formats(), /*resultFormat=*/0),
               doing);
}

absl::StatusOr<PgResult> PostgresConnection::Check(PGresult* raw, const char* doing) {
  PgResult result(raw);
  const ExecStatusType status =
      result != nullptr ? PQresultStatus(result.get()) : PGRES_FATAL_ERROR;
  if (status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK) return result;
  const std::string message =
      Trimmed(result != nullptr ? PQresultErrorMessage(result.get()) : PQerrorMessage(conn_));
  absl::StatusCode code =
      CodeOf(result != nullptr ? PQresultErrorField(result.get(), PG_DIAG_SQLSTATE) : nullptr);
  if (PQstatus(conn_) != CONNECTION_OK) code = absl::StatusCode::kUnavailable;
  if (code == absl::StatusCode::kUnavailable) Close();
  return absl::Status(code, absl::StrCat(description_, ": ", doing, ": ", message));
}

void PostgresConnection::Close() {
  if (conn_ != nullptr) PQfinish(conn_);
  conn_ = nullptr;
}

}  // namespace rasoat::publish::internal
