// Raw SQL on a SQLite file from a test, on a connection of its own: what a report reading the
// program store would see. Thread-safety: free functions.
#pragma once

#include <string>

#include "absl/status/status.h"
#include "absl/status/statusor.h"

namespace rasoat::testing {

// Runs `sql` (one or more statements) on the database file `path`.
absl::Status SqliteExec(const std::string& path, const std::string& sql);

// The first column of the first row `sql` returns, as text ("NULL" for NULL); NOT_FOUND if no
// row.
absl::StatusOr<std::string> SqliteQueryValue(const std::string& path, const std::string& sql);

}  // namespace rasoat::testing
