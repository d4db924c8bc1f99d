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

// Class 22 (data exception) and 23 (integrity constraint violation): the statement's values
// are refused, and would be again.
bool IsRefusal(absl::string_view state) {
  return absl::StartsWith(state, "22") || absl::StartsWith(state, "23");
}

absl::StatusCode CodeOf(const char* sqlstate) {
  if (sqlstate == nullptr) return absl::StatusCode::kInternal;
  const absl::string_view state(sqlstate);
  if (IsUnavailable(state)) return absl::StatusCode::kUnavailable;
  if (absl::StartsWith(state, "53")) return absl::StatusCode::kResourceExhausted;
  if (absl::StartsWith(state, "40")) return absl::StatusCode::kAborted;
  if (IsRefusal(state)) return absl::StatusCode::kInvalidArgument;
  if (state == "42501") return absl::StatusCode::kPermissionDenied;
  return absl::StatusCode::kInternal;
}

// The condition names of the SQLSTATEs a row most often meets (PostgreSQL's Appendix A).
absl::string_view ConditionName(absl::string_view state) {
  static constexpr std::pair<absl::string_view, absl::string_view> kNames[] = {
      {"22000", "data_exception"},
      {"22001", "string_data_right_truncation"},
      {"22003", "numeric_value_out_of_range"},
      {"22004", "null_value_not_allowed"},
      {"22007", "invalid_datetime_format"},
      {"22008", "datetime_field_overflow"},
      {"22021", "character_not_in_repertoire"},
      {"22P02", "invalid_text_representation"},
      {"22P05", "untranslatable_character"},
      {"23000", "integrity_constraint_violation"},
      {"23502", "not_null_violation"},
      {"23503", "foreign_key_violation"},
      {"23505", "unique_violation"},
      {"23514", "check_violation"},
      {"23P01", "exclusion_violation"},
  };
  for (const auto& [code, name] : kNames) {
    if (code == state) return name;
  }
  return absl::StartsWith(state, "22") ? "data exception" : "integrity constraint violation";
}

// What is kept of a refusal: the SQLSTATE, its name, and the table, column and constraint the
// server names. Never the message itself or its DETAIL, which may quote the row (a person's
// name).
std::string RefusalMessage(const PGresult* result, absl::string_view state) {
  std::string message = absl::StrCat("refused: SQLSTATE ", state, " (", ConditionName(state), ")");
  const auto add = [&](const char* label, int field) {
    if (const char* value = PQresultErrorField(result, field); value != nullptr && *value != 0) {
      absl::StrAppend(&message, ", ", label, " ", value);
    }
  };
  add("table", PG_DIAG_TABLE_NAME);
  add("column", PG_DIAG_COLUMN_NAME);
  add("constraint", PG_DIAG_CONSTRAINT_NAME);
  return message;
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
  const char* const state =
      result != nullptr ? PQresultErrorField(result.get(), PG_DIAG_SQLSTATE) : nullptr;
  absl::StatusCode code = CodeOf(state);
  if (PQstatus(conn_) != CONNECTION_OK) code = absl::StatusCode::kUnavailable;
  const std::string message =
      code == absl::StatusCode::kInvalidArgument
          ? RefusalMessage(result.get(), state)
          : Trimmed(result != nullptr ? PQresultErrorMessage(result.get()) : PQerrorMessage(conn_));
  if (code == absl::StatusCode::kUnavailable) Close();
  return absl::Status(code, absl::StrCat(description_, ": ", doing, ": ", message));
}

void PostgresConnection::Close() {
  if (conn_ != nullptr) PQfinish(conn_);
  conn_ = nullptr;
}

}  // namespace rasoat::publish::internal
