// AuditRecords: the audit log's two column families read back (DESIGN.md "Storage"): the
// entries waiting in audit_pending, each under the seq its commit reserved, and the sealed log in
// audit, under its own seqs 1, 2, 3, ... The audit log (sync/audit/audit_log.h) seals the one
// into the other and verifies the other; the bytes are its business.
//
// Thread-safety: every method may be called from any thread; the Store must outlive it.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "sync/store/store.h"

namespace rasoat {

class AuditRecords {
 public:
  // `store` is not owned and must outlive this.
  explicit AuditRecords(const Store* store) : store_(store) {}

  // The pending entries with `from` <= seq <= `through`, oldest first, at most `limit`:
  // (seq, bytes). Sealed entries leave tombstones behind in audit_pending until a compaction;
  // starting after the last one sealed keeps a read from stepping over them all again.
  // UNAVAILABLE, INTERNAL or DATA_LOSS (a malformed key) if they cannot be read.
  absl::StatusOr<std::vector<std::pair<uint64_t, std::string>>> ReadPending(uint64_t from,
                                                                            uint64_t through,
                                                                            size_t limit) const;
  // How many entries wait to be sealed.
  absl::StatusOr<uint64_t> CountPending() const;

  // The last sealed entry, (seq, bytes), or nullopt for an empty log.
  absl::StatusOr<std::optional<std::pair<uint64_t, std::string>>> LastSealed() const;

  // Calls `each(seq, bytes)` for every sealed entry with seq >= `from`, in order; stops at the
  // first error `each` returns, and returns it. DATA_LOSS for a malformed key.
  absl::Status ForEachSealed(
      uint64_t from, const std::function<absl::Status(uint64_t, std::string_view)>& each) const;
  // The same, stopping with OK once `each` returns false: for a read of part of the log (a page
  // of a listing).
  absl::Status ForEachSealedWhile(
      uint64_t from,
      const std::function<absl::StatusOr<bool>(uint64_t, std::string_view)>& each) const;

 private:
  const Store* const store_;  // not owned
};

}  // namespace rasoat
