// PostgresTestDatabase: a database of one test case's own on the throwaway cluster that
// RASOAT_TEST_POSTGRES_URI names (tests/postgres_fixture.sh, which CTest starts as the fixture
// "postgres"), dropped when the object goes away, so test processes running in parallel never
// see each other's rows. The database collates by Vietnamese rules (ICU "vi"), as a deployment
// in Vietnam might, so a store that relied on the database's order would be caught.
// Thread-safety: one owner.
#pragma once

#include <map>
#include <memory>
#include <string>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include <libpq-fe.h>

namespace rasoat::testing {

class PostgresTestDatabase {
 public:
  // A new empty database. FAILED_PRECONDITION, saying how to run the PostgreSQL tests, if
  // RASOAT_TEST_POSTGRES_URI is not set; UNAVAILABLE if the cluster cannot be reached.
  static absl::StatusOr<std::unique_ptr<PostgresTestDatabase>> Create();
  ~PostgresTestDatabase();
  PostgresTestDatabase(const PostgresTestDatabase&) = delete;
  PostgresTestDatabase& operator=(const PostgresTestDatabase&) = delete;

  // libpq URI of the database.
  const std::string& uri() const { return uri_; }
  // uri() with the server sought in unix-socket directory `host` instead.
  std::string UriWithHost(const std::string& host) const;
  // The cluster's socket file ("DIR/.s.PGSQL.5432"). FAILED_PRECONDITION if the cluster is
  // reached over TCP.
  absl::StatusOr<std::string> SocketFile() const;

  // Runs `sql` in the database.
  absl::Status Exec(const std::string& sql);
  // The first column of the first row `sql` returns ("NULL" for NULL); NOT_FOUND if no row.
  absl::StatusOr<std::string> QueryValue(const std::string& sql);
  // Ends every other connection to the database (pg_terminate_backend) and waits until they
  // are gone. Returns how many there were.
  absl::StatusOr<int> TerminateOtherConnections();

 private:
  PostgresTestDatabase() = default;
  std::string UriFor(const std::map<std::string, std::string>& params) const;

  std::map<std::string, std::string> params_;  // Of RASOAT_TEST_POSTGRES_URI, but dbname.
  std::string name_;
  std::string uri_;
  PGconn* admin_ = nullptr;  // Owned. To RASOAT_TEST_POSTGRES_URI's database: creates, drops.
  PGconn* conn_ = nullptr;   // Owned. To name_.
};

}  // namespace rasoat::testing
