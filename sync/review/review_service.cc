#include "sync/review/review_service.h"

#include "absl/strings/str_cat.h"
#include "sync/base/status_macros.h"
#include "sync/store/store.h"

namespace rasoat {
namespace {

absl::Status CheckCommuneScope(const identity::Principal& caller, std::string_view commune_code) {
  if (commune_code.empty() || caller.CoversCommune(commune_code)) return absl::OkStatus();
  return absl::PermissionDeniedError(absl::StrCat("commune ", std::string(commune_code),
                                                  " is not one you review; ask an administrator"));
}

}  // namespace

absl::Status ReviewService::RecordRead(const identity::Principal& caller, audit::Action action,
                                       const v1::HouseholdKey& key, std::vector<uint64_t> versions,
                                       google::protobuf::Message* answer) const {
  audit::AuditEvent event;
  event.action = action;
  event.login = caller.login;
  event.device_id = caller.device_id;
  event.round_id = key.round_id();
  event.household_id = key.household_id();
  event.versions = std::move(versions);
  const absl::Status recorded = audit_->RecordRead(event);
  // Unrecorded, the read is not answered.
  if (!recorded.ok()) answer->Clear();
  return recorded;
}

absl::Status ReviewService::CheckHouseholdScope(const identity::Principal& caller,
                                                const v1::HouseholdKey& key) const {
  if (caller.is_admin() || key.round_id().empty() || key.household_id().empty()) {
    return absl::OkStatus();  // the component says what is missing
  }
  absl::StatusOr<store::HouseholdHead> head = store_->ReadHead(key.round_id(), key.household_id());
  if (absl::IsNotFound(head.status())) return absl::OkStatus();
  if (!head.ok()) return head.status();
  if (caller.CoversCommune(head->commune_code())) return absl::OkStatus();
  return absl::PermissionDeniedError(absl::StrCat("household ", key.household_id(),
                                                  " is in commune ", head->commune_code(),
                                                  ", which is not one you review"));
}

absl::Status ReviewService::ListQueue(const identity::Principal& caller,
                                      const v1::ListQueueRequest& request,
                                      v1::ListQueueResponse* response) const {
  RETURN_IF_ERROR(CheckCommuneScope(caller, request.commune_code()));
  return queue_.ListQueue(request, response);
}

absl::Status ReviewService::CommuneSummary(const identity::Principal& caller,
                                           const v1::CommuneSummaryRequest& request,
                                           v1::CommuneSummaryResponse* response) const {
  RETURN_IF_ERROR(CheckCommuneScope(caller, request.commune_code()));
  return summary_.Summarize(request, response);
}

absl::Status ReviewService::GetHousehold(const identity::Principal& caller,
                                         const v1::GetHouseholdRequest& request,
                                         v1::GetHouseholdResponse* response) const {
  RETURN_IF_ERROR(CheckHouseholdScope(caller, request.key()));
  RETURN_IF_ERROR(history_.GetHousehold(request, response));
  return RecordRead(caller, audit::ACTION_READ_HOUSEHOLD, request.key(),
                    {response->state().version()}, response);
}

absl::Status ReviewService::DiffVersions(const identity::Principal& caller,
                                         const v1::DiffVersionsRequest& request,
                                         v1::DiffVersionsResponse* response) const {
  RETURN_IF_ERROR(CheckHouseholdScope(caller, request.key()));
  RETURN_IF_ERROR(history_.DiffVersions(request, response));
  return RecordRead(caller, audit::ACTION_READ_DIFF, request.key(),
                    {request.from_version(), request.to_version()}, response);
}

absl::Status ReviewService::Approve(const identity::Principal& caller,
                                    const v1::ApproveRequest& request,
                                    v1::ApproveResponse* response) {
  RETURN_IF_ERROR(CheckHouseholdScope(caller, request.key()));
  return decisions_.Approve(caller.login, request, response);
}

absl::Status ReviewService::Return(const identity::Principal& caller,
                                   const v1::ReturnRequest& request, v1::ReturnResponse* response) {
  RETURN_IF_ERROR(CheckHouseholdScope(caller, request.key()));
  return decisions_.Return(caller.login, request, response);
}

absl::Status ReviewService::ResolveConflict(const identity::Principal& caller,
                                            const v1::ResolveConflictRequest& request,
                                            v1::ResolveConflictResponse* response) {
  RETURN_IF_ERROR(CheckHouseholdScope(caller, request.key()));
  return resolution_.ResolveConflict(caller.login, request, response);
}

absl::Status ReviewService::RecordVillageMeeting(const identity::Principal& caller,
                                                 const v1::RecordVillageMeetingRequest& request,
                                                 v1::RecordVillageMeetingResponse* response) {
  RETURN_IF_ERROR(CheckCommuneScope(caller, request.commune_code()));
  return meeting_.Record(caller.login, request, response);
}

absl::Status ReviewService::OpenPosting(const identity::Principal& caller,
                                        const v1::OpenPostingRequest& request,
                                        v1::OpenPostingResponse* response) {
  RETURN_IF_ERROR(CheckCommuneScope(caller, request.commune_code()));
  return posting_.Open(caller.login, request, response);
}

absl::Status ReviewService::RecordObjection(const identity::Principal& caller,
                                            const v1::RecordObjectionRequest& request,
                                            v1::RecordObjectionResponse* response) {
  RETURN_IF_ERROR(CheckHouseholdScope(caller, request.key()));
  return posting_.RecordObjection(caller.login, request, response);
}

absl::Status ReviewService::Recognise(const identity::Principal& caller,
                                      const v1::RecogniseRequest& request,
                                      v1::RecogniseResponse* response) {
  RETURN_IF_ERROR(CheckCommuneScope(caller, request.commune_code()));
  return recognition_.Recognise(caller.login, request, response);
}

}  // namespace rasoat
