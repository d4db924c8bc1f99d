// ProgramStore is the program store as rasoat sees it (DESIGN.md "Publishing to the program
// store"): the separate database the poor and near-poor lists, the reports and the support
// payments are read from. rasoat only ever upserts a household's approved version into it, so
// redelivery after a crash is harmless and the store converges to the latest approvals.
// Adapters: SQLite (sqlite_program_store.h, the embedded default) and PostgreSQL
// (postgres_program_store.h); OpenProgramStore picks one by URI.
//
// Thread-safety: an instance is used by one thread at a time (the publisher), except
// Describe(), which any thread may call; different instances may be used concurrently.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "rasoat/v1/admin.pb.h"

namespace rasoat::publish {

class ProgramStore {
 public:
  virtual ~ProgramStore() = default;

  // Creates the schema, or migrates it to the newest version this build knows, recorded in a
  // schema version table. Idempotent. UNAVAILABLE if the store cannot be reached;
  // FAILED_PRECONDITION if its schema is newer than this build knows.
  virtual absl::Status Migrate() = 0;

  // Writes `row` keyed by (round_id, household_id) unless the store already holds that
  // household at approved_version >= row.approved_version(). Returns true if written, false if
  // the store was already as new (a redelivery). UNAVAILABLE if the store cannot be reached
  // (retry later); INVALID_ARGUMENT if the row lacks its key or version.
  virtual absl::StatusOr<bool> Upsert(const v1::PublishedHousehold& row) = 0;

  // The published households of a commune, household_id ascending, at most `limit`, starting
  // after `after_household_id` (empty: from the first). UNAVAILABLE as above.
  virtual absl::StatusOr<std::vector<v1::PublishedHousehold>> ListCommune(
      const std::string& round_id, const std::string& commune_code,
      const std::string& after_household_id, size_t limit) = 0;

  // Where the store is, for status pages: the URI without any password.
  virtual std::string Describe() const = 0;
};

// Opens the program store named by `uri`:
//   "postgresql://..." or "postgres://..."  PostgreSQL through libpq (a libpq connection URI);
//   "sqlite:PATH"                             a SQLite file (created if missing);
//   ""                                        SQLite at `data_dir`/program.db.
// Does not connect or migrate yet for PostgreSQL (the store may be down at start: the
// publisher retries); opens the file for SQLite. INVALID_ARGUMENT for another scheme.
absl::StatusOr<std::unique_ptr<ProgramStore>> OpenProgramStore(const std::string& uri,
                                                               const std::string& data_dir);

}  // namespace rasoat::publish
