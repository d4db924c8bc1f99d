#include "tests/sync/publish/postgres_test_database.h"

#include <cstdint>
#include <cstdlib>
#include <random>
#include <vector>

#include "absl/strings/ascii.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_join.h"

namespace rasoat::testing {
namespace {

constexpr char kHowToRun[] =
    "RASOAT_TEST_POSTGRES_URI is not set. The PostgreSQL tests need a server: run them through "
    "ctest, whose fixture starts a throwaway cluster (ctest -R 'ProgramStore|Postgres'), or "
    "start one with tests/postgres_fixture.sh start /tmp/pg and set "
    "RASOAT_TEST_POSTGRES_URI='postgresql:///rasoat_test?host=/tmp/pg&user=postgres'";

struct ResultClearer {
  void operator()(PGresult* result) const { PQclear(result); }
};
using Result = std::unique_ptr<PGresult, ResultClearer>;

std::string Trimmed(const char* message) {
  return std::string(absl::StripAsciiWhitespace(message != nullptr ? message : ""));
}

absl::StatusOr<PGconn*> Connect(const std::string& uri) {
  PGconn* conn = PQconnectdb(uri.c_str());
  if (conn == nullptr || PQstatus(conn) != CONNECTION_OK) {
    const std::string message = Trimmed(PQerrorMessage(conn));
    PQfinish(conn);
    return absl::UnavailableError(absl::StrCat("test cluster: ", message));
  }
  PQsetNoticeProcessor(
      conn, [](void*, const char*) {}, nullptr);
  return conn;
}

absl::StatusOr<Result> Run(PGconn* conn, const std::string& sql, int params = 0,
                           const char* const* values = nullptr) {
  Result result(PQexecParams(conn, sql.c_str(), params, nullptr, values, nullptr, nullptr, 0));
  const ExecStatusType status =
      result != nullptr ? PQresultStatus(result.get()) : PGRES_FATAL_ERROR;
  if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK) {
    return absl::InternalError(absl::StrCat(sql, ": ", Trimmed(PQerrorMessage(conn))));
  }
  return result;
}

std::string Quoted(PGconn* conn, const std::string& identifier) {
  char* escaped = PQescapeIdentifier(conn, identifier.data(), identifier.size());
  std::string quoted = escaped != nullptr ? escaped : "";
  PQfreemem(escaped);
  return quoted;
}

// Percent-encodes all but unreserved characters and '/'.
std::string UriEncoded(const std::string& value) {
  std::string out;
  for (const unsigned char c : value) {
    if (absl::ascii_isalnum(c) || c == '-' || c == '.' || c == '_' || c == '~' || c == '/') {
      out.push_back(static_cast<char>(c));
    } else {
      absl::StrAppendFormat(&out, "%%%02X", c);
    }
  }
  return out;
}

}  // namespace

absl::StatusOr<std::unique_ptr<PostgresTestDatabase>> PostgresTestDatabase::Create() {
  const char* base_uri = std::getenv("RASOAT_TEST_POSTGRES_URI");
  if (base_uri == nullptr || *base_uri == '\0') return absl::FailedPreconditionError(kHowToRun);
  char* error = nullptr;
  PQconninfoOption* options = PQconninfoParse(base_uri, &error);
  if (options == nullptr) {
    const std::string message = Trimmed(error);
    PQfreemem(error);
    return absl::InvalidArgumentError(absl::StrCat("RASOAT_TEST_POSTGRES_URI: ", message));
  }
  std::unique_ptr<PostgresTestDatabase> db(new PostgresTestDatabase());
  for (const PQconninfoOption* option = options; option->keyword != nullptr; ++option) {
    if (option->val != nullptr && std::string(option->keyword) != "dbname") {
      db->params_[option->keyword] = option->val;
    }
  }
  PQconninfoFree(options);

  absl::StatusOr<PGconn*> admin = Connect(base_uri);
  if (!admin.ok()) return admin.status();
  db->admin_ = *admin;
  std::random_device random;
  db->name_ = absl::StrFormat("rasoat_%08x%08x", random(), random());
  // template0 (which nobody connects to) so that parallel CREATE DATABASEs never collide.
  absl::StatusOr<Result> created =
      Run(db->admin_, absl::StrCat("CREATE DATABASE ", Quoted(db->admin_, db->name_),
                                   " TEMPLATE template0 ENCODING 'UTF8' LOCALE 'C' "
                                   "LOCALE_PROVIDER icu ICU_LOCALE 'vi'"));
  if (!created.ok()) {
    db->name_.clear();  // Nothing to drop.
    return created.status();
  }
  db->uri_ = db->UriFor(db->params_);
  absl::StatusOr<PGconn*> conn = Connect(db->uri_);
  if (!conn.ok()) return conn.status();
  db->conn_ = *conn;
  return db;
}

PostgresTestDatabase::~PostgresTestDatabase() {
  PQfinish(conn_);
  if (admin_ != nullptr && !name_.empty()) {
    // FORCE: ends a connection a store under test may still hold.
    (void)Run(admin_,
              absl::StrCat("DROP DATABASE IF EXISTS ", Quoted(admin_, name_), " WITH (FORCE)"));
  }
  PQfinish(admin_);
}

std::string PostgresTestDatabase::UriFor(const std::map<std::string, std::string>& params) const {
  std::vector<std::string> query;
  for (const auto& [key, value] : params) {
    query.push_back(absl::StrCat(key, "=", UriEncoded(value)));
  }
  return absl::StrCat("postgresql:///", name_, "?", absl::StrJoin(query, "&"));
}

std::string PostgresTestDatabase::UriWithHost(const std::string& host) const {
  std::map<std::string, std::string> params = params_;
  params["host"] = host;
  params.erase("hostaddr");
  return UriFor(params);
}

absl::StatusOr<std::string> PostgresTestDatabase::SocketFile() const {
  const auto host = params_.find("host");
  if (host == params_.end() || host->second.empty() || host->second[0] != '/') {
    return absl::FailedPreconditionError(
        "this test needs the cluster on a unix socket (host=/a/directory in "
        "RASOAT_TEST_POSTGRES_URI), as tests/postgres_fixture.sh starts it");
  }
  const auto port = params_.find("port");
  return absl::StrCat(host->second, "/.s.PGSQL.", port != params_.end() ? port->second : "5432");
}

absl::Status PostgresTestDatabase::Exec(const std::string& sql) { return Run(conn_, sql).status(); }

absl::StatusOr<std::string> PostgresTestDatabase::QueryValue(const std::string& sql) {
  absl::StatusOr<Result> result = Run(conn_, sql);
  if (!result.ok()) return result.status();
  if (PQntuples(result->get()) == 0) return absl::NotFoundError(absl::StrCat(sql, ": no row"));
  if (PQgetisnull(result->get(), 0, 0)) return std::string("NULL");
  return std::string(PQgetvalue(result->get(), 0, 0));
}

absl::StatusOr<int> PostgresTestDatabase::TerminateOtherConnections() {
  const std::string own_pid = absl::StrCat(PQbackendPID(conn_));
  const char* const values[] = {name_.c_str(), own_pid.c_str()};
  // With a timeout, pg_terminate_backend waits until the backend has exited.
  absl::StatusOr<Result> result =
      Run(admin_,
          "SELECT count(*) FILTER (WHERE pg_terminate_backend(pid, 10000)) FROM pg_stat_activity "
          "WHERE datname = $1 AND pid <> $2::integer",
          2, values);
  if (!result.ok()) return result.status();
  int terminated = 0;
  if (!absl::SimpleAtoi(PQgetvalue(result->get(), 0, 0), &terminated)) {
    return absl::InternalError("pg_terminate_backend count is not a number");
  }
  return terminated;
}

}  // namespace rasoat::testing
