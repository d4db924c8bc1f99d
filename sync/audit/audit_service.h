// AuditService: the audit log's rpcs of AdminService (DESIGN.md "Identity, authorization,
// audit"; proto/rasoat/v1/admin.proto): the head an operator exports, the verification of the
// whole chain (against an exported head), and the listing of entries by household, user and
// time, in pages. Each first seals what is committed (AuditLog::SealCommitted), so a change
// made just before shows. It only reads the log: nothing here writes an entry.
//
// Thread-safety: every method may be called from any thread; sealing serializes on the log's
// own mutex, and a listing reads the sealed log without a lock (sealed entries never change).
#pragma once

#include <cstdint>

#include "absl/status/status.h"
#include "rasoat/v1/audit.pb.h"
#include "sync/audit/audit_log.h"
#include "sync/store/audit_records.h"
#include "sync/store/store.h"

namespace rasoat::audit {

class AuditService {
 public:
  // Entries a List call reads at most, matching or not: a filter that matches little leaves a
  // short (or empty) page and next_page_seq, instead of reading the whole log in one call.
  static constexpr uint64_t kMaxScanned = 20000;

  // Neither is owned; both must outlive the service. `max_scanned` (> 0) is for tests of a
  // listing that stops at it.
  AuditService(AuditLog* log, const Store* store, uint64_t max_scanned = kMaxScanned)
      : log_(log), records_(store), max_scanned_(max_scanned) {}

  // The rpcs of the same names, for a caller the authorization table allowed (an admin). Each
  // fails with SealCommitted's errors (UNAVAILABLE when the store cannot write).

  // The head of the log.
  absl::Status Head(v1::AuditHeadResponse* response);
  // OK with intact and what was checked, or OK with intact unset and the problem naming the
  // first bad entry (AuditLog::Verify's DATA_LOSS message). INVALID_ARGUMENT, naming
  // expect_head, if it is set and not "SEQ:HEX"; UNAVAILABLE or INTERNAL if the log cannot be
  // read.
  absl::Status Verify(const v1::VerifyAuditRequest& request, v1::VerifyAuditResponse* response);
  // A page of the entries that match every filter of `request`, oldest first, and where the next
  // page starts. Reads at most max_scanned entries a call. INVALID_ARGUMENT for a negative
  // since_unix_micros; DATA_LOSS naming an entry that does not parse; UNAVAILABLE or INTERNAL if
  // the log cannot be read.
  absl::Status List(const v1::ListAuditRequest& request, v1::ListAuditResponse* response);

 private:
  AuditLog* const log_;  // not owned
  const AuditRecords records_;
  const uint64_t max_scanned_;
};

}  // namespace rasoat::audit
