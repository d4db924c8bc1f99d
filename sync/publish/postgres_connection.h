// PostgresConnection: the one libpq connection of a PostgreSQL program store. It is made on
// first use and made anew after it breaks; statements take their values as parameters (never
// spliced into the SQL) and fail with the absl code their SQLSTATE calls for, in messages that
// start with a description of the store holding no password.
//
// Thread-safety: one thread at a time, like the store that owns it.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include <libpq-fe.h>

namespace rasoat::publish::internal {

struct PgResultClearer {
  void operator()(PGresult* result) const { PQclear(result); }
};
using PgResult = std::unique_ptr<PGresult, PgResultClearer>;

// A statement's parameters, in order ($1, $2, ...): Binary ones are sent as bytes (bytea), the
// others as text that the server converts to the column's type.
class PgParams {
 public:
  void Text(std::string value) { Add(std::move(value), 0); }
  void Int(int64_t value);
  void Binary(std::string value) { Add(std::move(value), 1); }

  int size() const { return static_cast<int>(values_.size()); }
  // Pointers into this object: valid until it changes.
  std::vector<const char*> Values() const;
  const int* Lengths() const { return lengths_.data(); }
  const int* Formats() const { return formats_.data(); }

 private:
  void Add(std::string value, int format);

  std::vector<std::string> values_;
  std::vector<int> lengths_;
  std::vector<int> formats_;
};

class PostgresConnection {
 public:
  // `uri` is a libpq URI and may hold a password; `description` (the URI without it) starts
  // every message.
  PostgresConnection(std::string uri, std::string description);
  ~PostgresConnection();
  PostgresConnection(const PostgresConnection&) = delete;
  PostgresConnection& operator=(const PostgresConnection&) = delete;

  // Connects unless a connection is open and not known to be broken. Returns true if it
  // connected just now (statements prepared before are gone). UNAVAILABLE with libpq's message
  // if the server cannot be reached or refuses the connection. Unless the URI says otherwise:
  // connect_timeout=10 s and TCP keepalives after 30 s idle, so a dead server shows as
  // UNAVAILABLE rather than a statement waiting for hours. Client encoding is always UTF-8.
  absl::StatusOr<bool> Connect();

  // Whether a connection is open; a statement that finds it broken closes it.
  bool open() const { return conn_ != nullptr; }

  // The statements below return the result of a statement that succeeded. On failure:
  // UNAVAILABLE if the connection broke (it is closed: the next Connect makes a new one), the
  // server is shutting down or starting, has too many connections or is read-only (a standby
  // after a failover: the connection is closed too); ABORTED for a serialization failure or a
  // deadlock; INVALID_ARGUMENT for values the server refuses (SQLSTATE class 22, a data
  // exception, or 23, a constraint violation), with a message that keeps only the SQLSTATE and
  // the table, column and constraint named, never the server's text, which may quote the row;
  // RESOURCE_EXHAUSTED when the server is out of disk or memory; PERMISSION_DENIED; INTERNAL
  // for anything else.
  // REQUIRES: open().

  // Runs `sql`, which takes no parameters and may hold several statements.
  absl::StatusOr<PgResult> Exec(const char* sql, const char* doing);
  absl::StatusOr<PgResult> ExecParams(const char* sql, const PgParams& params, const char* doing);
  // Prepares `sql` as `name` on this connection; parameter types come from the columns.
  absl::Status Prepare(const char* name, const char* sql, int params, const char* doing);
  absl::StatusOr<PgResult> ExecPrepared(const char* name, const PgParams& params,
                                        const char* doing);

 private:
  absl::StatusOr<PgResult> Check(PGresult* raw, const char* doing);
  void Close();

  const std::string uri_;  // May hold a password: never shown.
  const std::string description_;
  PGconn* conn_ = nullptr;  // Owned; null when closed.
};

}  // namespace rasoat::publish::internal
