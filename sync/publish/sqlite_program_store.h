// The program store in a SQLite file: the embedded default, a file in the data directory. The
// file is the system of record for payments, so it runs in WAL mode with synchronous=FULL (a
// confirmed upsert survives a power cut) and waits up to 5 s for a lock held by a reader.
//
// Thread-safety: as ProgramStore; the returned instance owns its own connection.
#pragma once

#include <memory>
#include <string>

#include "absl/status/statusor.h"
#include "sync/publish/program_store.h"

namespace rasoat::publish {

// Opens the SQLite program store at `path`, creating the file if missing, and switches it to
// WAL mode. The schema is created or migrated by Migrate() or by the first Upsert/ListCommune.
// UNAVAILABLE if the file cannot be opened or created (a missing directory, no permission) or
// stays locked; FAILED_PRECONDITION if the file system does not support WAL mode;
// DATA_LOSS if the file is not a SQLite database.
// REQUIRES: `path` is not empty.
absl::StatusOr<std::unique_ptr<ProgramStore>> OpenSqliteProgramStore(const std::string& path);

}  // namespace rasoat::publish
