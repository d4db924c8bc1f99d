// EngineOptions: the settings of the sync core, one struct per component, with their defaults.
// rasoatd fills them from its flags; tests construct them directly.
//
// Thread-safety: a plain value; immutable once the engine is open.
#pragma once

#include <string>

#include "absl/status/status.h"
#include "sync/identity/identity_service.h"
#include "sync/outbox/publisher_options.h"
#include "sync/pull/pull_options.h"
#include "sync/push/push_options.h"
#include "sync/rules/rounds.h"
#include "sync/store/store.h"

namespace rasoat {

struct EngineOptions {
  // Directory holding the RocksDB database.
  // Default: "./data". Fixed for the life of the process.
  std::string data_dir = "./data";

  // RocksDB's memory: the block cache and all memtables together (store/store.h). The
  // path is data_dir; read_only is ignored.
  StoreOptions store = {};

  // The review rounds accepted and the standard each is classified by.
  rules::RoundsOptions rounds = {};

  // The limits of SyncService.Push and Pull.
  PushOptions push = {};
  PullOptions pull = {};

  // The program store approvals are published to: "postgresql://..." (libpq URI),
  // "sqlite:PATH", or empty for a SQLite file program.db in data_dir.
  // Default: empty.
  std::string program_store = "";
  // How the publisher reads the outbox and backs off while the program store is down.
  PublisherOptions publisher = {};

  // Users, tablets and tokens: how long a login's session lasts.
  identity::IdentityOptions identity = {};

  // OK, or INVALID_ARGUMENT naming the first bad option of any component.
  absl::Status Validate() const;
};

}  // namespace rasoat
