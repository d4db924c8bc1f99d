// ReportService carries out the wire's ReportService (DESIGN.md "Review, procedure,
// classification": summaries; DOMAIN.md): a commune's and a province's report against their
// targets (poverty_reports.h) and a commune's public posting list (posting_listing.h), for a
// caller within their communes. A posting list names heads of households, so handing one out
// is recorded in the audit log first. It is the one header the gRPC layer needs for reports.
//
// Thread-safety: every method may be called from any number of threads at once. Each reads
// many households: call them off gRPC's callback threads.
#pragma once

#include "absl/status/status.h"
#include "rasoat/v1/report.pb.h"
#include "sync/audit/audit_log.h"
#include "sync/identity/principal.h"
#include "sync/review/posting_listing.h"
#include "sync/review/poverty_reports.h"
#include "sync/rules/rounds.h"

namespace rasoat {

class Store;

class ReportService {
 public:
  // None of the pointers is owned; all must outlive this.
  ReportService(const Store* store, const rules::Rounds* rounds, audit::AuditLog* audit)
      : audit_(audit), reports_(store, rounds), posting_(store, rounds) {}

  // Each acts for `caller`: PERMISSION_DENIED, before anything is read, if the commune named is
  // not one of theirs (a province report: if they are not an admin). Otherwise the codes of
  // PovertyReports and PostingListing; a posting list whose reading cannot be recorded in the
  // audit log is not answered (the log's error).
  absl::Status CommuneReport(const identity::Principal& caller,
                             const v1::CommuneReportRequest& request,
                             v1::CommuneReportResponse* response) const;
  absl::Status ProvinceReport(const identity::Principal& caller,
                              const v1::ProvinceReportRequest& request,
                              v1::ProvinceReportResponse* response) const;
  absl::Status PostingList(const identity::Principal& caller, const v1::PostingListRequest& request,
                           v1::PostingListResponse* response) const;

 private:
  audit::AuditLog* const audit_;  // not owned
  PovertyReports reports_;
  PostingListing posting_;
};

}  // namespace rasoat
