// PostgresCluster runs a throwaway PostgreSQL server for a test: its own data directory, no TCP
// (a unix socket in that directory only), one database "rasoat", and a URI to it. The test can
// stop and start it again to play a program store that goes down and comes back. PostgreSQL
// refuses to run as root, so under root the server runs as the `postgres` user.
//
// Thread-safety: one owner.
#pragma once

#include <memory>
#include <string>

#include "absl/status/status.h"
#include "absl/status/statusor.h"

namespace rasoat::testing {

class PostgresCluster {
 public:
  // Creates a cluster in `dir` (made if missing; its parents must let the postgres user in,
  // which Create arranges for a directory under a TempDir) and starts it.
  static absl::StatusOr<std::unique_ptr<PostgresCluster>> Create(const std::string& dir);
  // Stops the server if it runs.
  ~PostgresCluster();

  // "postgresql:///rasoat?host=DIR&user=postgres".
  const std::string& uri() const { return uri_; }
  absl::Status Stop();
  absl::Status Start();

 private:
  explicit PostgresCluster(std::string dir);
  // Runs `command` (as the postgres user when we are root); INTERNAL with its output if it
  // fails.
  absl::Status Run(const std::string& command) const;

  const std::string dir_;
  const std::string uri_;
  bool running_ = false;
};

}  // namespace rasoat::testing
