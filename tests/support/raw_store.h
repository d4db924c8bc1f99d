// Raw writes to a stopped server's RocksDB directory, for tests that must leave the bytes a
// crash, a bad disk or an older version would leave (an outbox entry a crash kept, a value that
// no longer parses, a meta family without today's keys): the one place outside sync/store that
// includes RocksDB (tests/check_layering.sh).
//
// Thread-safety: opens and closes the database per call; the directory must not be open.
#pragma once

#include <string>
#include <string_view>

#include "absl/status/status.h"

namespace rasoat::testing {

// Puts `value` at `key` of column family `family` ("households", "outbox", ...) of the
// database in `data_dir`. FAILED_PRECONDITION if it is open elsewhere; NOT_FOUND for an
// unknown family.
absl::Status PutRaw(const std::string& data_dir, std::string_view family, std::string_view key,
                    std::string_view value);

// Deletes `key` of column family `family`, as PutRaw writes: e.g. to make the meta family of a
// store from before a key existed.
absl::Status DeleteRaw(const std::string& data_dir, std::string_view family, std::string_view key);

}  // namespace rasoat::testing
