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
  // the store was already as new (a redelivery).
  //
  // INVALID_ARGUMENT (IsRefusal) when the store refuses this row for good, so that writing it
  // again would fail the same way: it lacks its key or version; it holds a value the store
  // cannot keep (a NUL character in text, a version or a time out of range, a value too big);
  // or it breaks a constraint of the table (SQLite: SQLITE_CONSTRAINT, SQLITE_MISMATCH,
  // SQLITE_TOOBIG; PostgreSQL: SQLSTATE class 22 or 23). Its message keeps no personal data:
  // the store's code and the constraint or the kind of value, never the row's values.
  // Every other code is the store's trouble, not the row's, and may pass: UNAVAILABLE if the
  // store cannot be reached, is locked or busy; RESOURCE_EXHAUSTED when it is full; ABORTED,
  // PERMISSION_DENIED, FAILED_PRECONDITION (a newer schema), DATA_LOSS or INTERNAL otherwise.
  virtual absl::StatusOr<bool> Upsert(const v1::PublishedHousehold& row) = 0;

  // The published households of a commune, household_id ascending, at most `limit`, starting
  // after `after_household_id` (empty: from the first). UNAVAILABLE as above.
  virtual absl::StatusOr<std::vector<v1::PublishedHousehold>> ListCommune(
      const std::string& round_id, const std::string& commune_code,
      const std::string& after_household_id, size_t limit) = 0;

  // Where the store is, for status pages: the URI without any password.
  virtual std::string Describe() const = 0;
};

// Whether `status`, an error of Upsert, says the store refuses that row for good: the
// publisher parks the row as a dead letter instead of trying it again.
inline bool IsRefusal(const absl::Status& status) { return absl::IsInvalidArgument(status); }

namespace internal {

// `status`, made INTERNAL if it was INVALID_ARGUMENT: for the steps of an Upsert before the row
// is written (connecting, migrating, preparing), whose failures are the store's, not the row's.
absl::Status NotARefusal(absl::Status status);

}  // namespace internal

// Opens the program store named by `uri`:
//   "postgresql://..." or "postgres://..."  PostgreSQL through libpq (a libpq connection URI);
//   "sqlite:PATH"                             a SQLite file (created if missing);
//   ""                                        SQLite at `data_dir`/program.db.
// Does not connect or migrate yet for PostgreSQL (the store may be down at start: the
// publisher retries); opens the file for SQLite. INVALID_ARGUMENT for another scheme.
absl::StatusOr<std::unique_ptr<ProgramStore>> OpenProgramStore(const std::string& uri,
                                                               const std::string& data_dir);

}  // namespace rasoat::publish
