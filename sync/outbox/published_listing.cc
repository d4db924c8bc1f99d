#include "sync/outbox/published_listing.h"

#include <algorithm>
#include <memory>
#include <vector>

#include "absl/strings/str_cat.h"
#include "sync/base/limits.h"
#include "sync/base/status_macros.h"
#include "sync/publish/program_store.h"

namespace rasoat {

PublishedListing::PublishedListing(const rules::Rounds* rounds, audit::AuditLog* audit,
                                   std::string program_store, std::string data_dir)
    : rounds_(rounds),
      audit_(audit),
      program_store_(std::move(program_store)),
      data_dir_(std::move(data_dir)) {}

absl::Status PublishedListing::ListPublished(const identity::Principal& caller,
                                             const v1::ListPublishedRequest& request,
                                             v1::ListPublishedResponse* response) const {
  RETURN_IF_ERROR(rounds_->Check(request.round_id(), "round_id"));
  if (request.commune_code().empty() || request.commune_code().size() > kMaxIdBytes) {
    return absl::InvalidArgumentError(
        absl::StrCat("commune_code: required, at most ", kMaxIdBytes, " bytes"));
  }
  if (!caller.CoversCommune(request.commune_code())) {
    return absl::PermissionDeniedError(absl::StrCat(
        "commune ", request.commune_code(), " is not one you review; ask an administrator"));
  }
  if (request.page_token().size() > kMaxIdBytes) {
    return absl::InvalidArgumentError("page_token: not one this server gave; start with none");
  }
  const size_t page_size = request.page_size() == 0 ? 500 : std::min(request.page_size(), 5000u);
  ASSIGN_OR_RETURN(std::unique_ptr<publish::ProgramStore> program_store,
                   publish::OpenProgramStore(program_store_, data_dir_));
  // One more than asked: whether another page follows.
  ASSIGN_OR_RETURN(std::vector<v1::PublishedHousehold> rows,
                   program_store->ListCommune(request.round_id(), request.commune_code(),
                                              request.page_token(), page_size + 1));
  response->Clear();
  for (size_t i = 0; i < rows.size() && i < page_size; ++i) {
    *response->add_households() = std::move(rows[i]);
  }
  if (rows.size() > page_size) {
    response->set_next_page_token(response->households().rbegin()->household_id());
  }
  if (response->households().empty()) return absl::OkStatus();
  audit::AuditEvent event;
  event.action = audit::ACTION_READ_PUBLISHED;
  event.login = caller.login;
  event.device_id = caller.device_id;
  event.subject =
      absl::StrCat("round ", request.round_id(), ": commune ", request.commune_code(), ", ",
                   response->households_size(), " households after \"", request.page_token(), "\"");
  if (absl::Status recorded = audit_->RecordRead(event); !recorded.ok()) {
    response->Clear();
    return recorded;
  }
  return absl::OkStatus();
}

}  // namespace rasoat
