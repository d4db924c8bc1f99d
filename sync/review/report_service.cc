#include "sync/review/report_service.h"

#include "absl/strings/str_cat.h"
#include "sync/base/status_macros.h"

namespace rasoat {
namespace {

absl::Status CheckCommuneOf(const identity::Principal& caller, const std::string& commune_code) {
  if (commune_code.empty() || caller.CoversCommune(commune_code)) return absl::OkStatus();
  return absl::PermissionDeniedError(
      absl::StrCat("commune ", commune_code, " is not one you review; ask an administrator"));
}

}  // namespace

absl::Status ReportService::CommuneReport(const identity::Principal& caller,
                                          const v1::CommuneReportRequest& request,
                                          v1::CommuneReportResponse* response) const {
  RETURN_IF_ERROR(CheckCommuneOf(caller, request.commune_code()));
  return reports_.CommuneReport(request, response);
}

absl::Status ReportService::ProvinceReport(const identity::Principal& caller,
                                           const v1::ProvinceReportRequest& request,
                                           v1::ProvinceReportResponse* response) const {
  if (!caller.is_admin()) {
    return absl::PermissionDeniedError("a province's report is an administrator's");
  }
  return reports_.ProvinceReport(request, response);
}

absl::Status ReportService::PostingList(const identity::Principal& caller,
                                        const v1::PostingListRequest& request,
                                        v1::PostingListResponse* response) const {
  RETURN_IF_ERROR(CheckCommuneOf(caller, request.commune_code()));
  RETURN_IF_ERROR(posting_.List(request, response));
  if (response->entries().empty()) return absl::OkStatus();
  audit::AuditEvent event;
  event.action = audit::ACTION_EXPORT;
  event.login = caller.login;
  event.device_id = caller.device_id;
  event.subject =
      absl::StrCat("round ", request.round_id(), ": posting list of commune ",
                   request.commune_code(), ", ", response->entries_size(), " households");
  if (absl::Status recorded = audit_->RecordRead(event); !recorded.ok()) {
    response->Clear();
    return recorded;
  }
  return absl::OkStatus();
}

}  // namespace rasoat
