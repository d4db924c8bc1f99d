// SyncOptions: the settings of the sync engine, with their defaults. rasoatd fills them from
// its flags; tests construct them directly.
//
// Thread-safety: a plain value; immutable once the engine is open.
#pragma once

#include <cstddef>
#include <map>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "sync/publisher_options.h"

namespace rasoat {

struct SyncOptions {
  // Directory holding the RocksDB database.
  // Default: "./data". Fixed for the life of the process.
  std::string data_dir = "./data";

  // Review rounds this server accepts, e.g. "2026" for the annual review of 2026.
  // Default: {"2026"}.
  std::vector<std::string> rounds = {"2026"};

  // The poverty standard each round is classified by (round id -> standard name, e.g.
  // "2027" -> "decree-351-2025"); a round not listed uses default_standard.
  // Default: none listed; default_standard "decree-07-2021" (in force through 31/12/2026).
  std::map<std::string, std::string> round_standards = {};
  std::string default_standard = "decree-07-2021";

  // Directory holding the standard files, <name>.textproto each. Read at start: a corrected
  // threshold takes effect on restart, without a rebuild.
  // Default: empty, the copies of deploy/standards/ built into the binary.
  std::string standards_dir = "";

  // Most mutations one Push may carry. Larger batches are refused whole with INVALID_ARGUMENT:
  // a tablet splits them. Trade-off: larger batches share one fsync, but a lost response on a
  // 2G link costs a larger retry.
  // Default: 500.
  size_t max_batch_mutations = 500;

  // Largest serialized household record accepted; a larger one is rejected.
  // Default: 256 KiB (a household of 30 members is about 10 KiB).
  size_t max_record_bytes = 256 << 10;

  // Households per pull page when the request does not say, and the most it may ask for.
  // Default: 200 and 1000.
  size_t default_page_households = 200;
  size_t max_page_households = 1000;

  // A page is closed once its households add up to this many bytes.
  // Default: 1 MiB.
  size_t max_page_bytes = 1 << 20;

  // The program store approvals are published to: "postgresql://..." (libpq URI),
  // "sqlite:PATH", or empty for a SQLite file program.db in data_dir.
  std::string program_store = "";
  // How the publisher reads the outbox and backs off while the program store is down.
  PublisherOptions publisher = {};

  // Most scopes (villages or communes) one pull may name.
  // Default: 64.
  size_t max_pull_scopes = 64;

  // OK, or INVALID_ARGUMENT naming the first bad option.
  absl::Status Validate() const;
};

}  // namespace rasoat
