// The program store in PostgreSQL through libpq, for real deployments. The instance connects on
// first use, not when made (the database may be down when rasoatd starts: the publisher
// retries), migrates the schema on its first successful connection, and after a broken
// connection connects anew on the next call. A call that finds its connection dead (the server
// restarted, an idle connection was cut) runs once more on a fresh one: every statement it runs
// is idempotent. Unless the URI says otherwise: connect_timeout=10 s and TCP keepalives after
// 30 s idle, so a dead server turns into UNAVAILABLE instead of a publisher stuck for hours.
//
// Thread-safety: as ProgramStore; the returned instance owns its one connection.
#pragma once

#include <memory>
#include <string>

#include "absl/status/statusor.h"
#include "sync/publish/program_store.h"

namespace rasoat::publish {

// A PostgreSQL program store at `uri`, a libpq connection URI ("postgresql://user@host/db",
// "postgresql:///db?host=/run/postgresql"). Does not connect. INVALID_ARGUMENT if libpq cannot
// parse `uri` (the message does not quote a password).
absl::StatusOr<std::unique_ptr<ProgramStore>> NewPostgresProgramStore(const std::string& uri);

}  // namespace rasoat::publish
