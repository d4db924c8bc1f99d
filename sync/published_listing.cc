// SyncEngine::ListPublished: a commune's households as the program store has them, read over a
// connection of its own so an export never waits for, or holds up, the publisher.
#include "absl/strings/str_cat.h"
#include "sync/keys.h"
#include "sync/status_macros.h"
#include "sync/sync_engine.h"

namespace rasoat {

absl::Status SyncEngine::ListPublished(const v1::ListPublishedRequest& request,
                                       v1::ListPublishedResponse* response) const {
  RETURN_IF_ERROR(CheckRound(request.round_id(), "round_id"));
  if (request.commune_code().empty() || request.commune_code().size() > kMaxIdBytes) {
    return absl::InvalidArgumentError(
        absl::StrCat("commune_code: required, at most ", kMaxIdBytes, " bytes"));
  }
  if (request.page_token().size() > kMaxIdBytes) {
    return absl::InvalidArgumentError("page_token: not one this server gave; start with none");
  }
  const size_t page_size = request.page_size() == 0 ? 500 : std::min(request.page_size(), 5000u);
  ASSIGN_OR_RETURN(std::unique_ptr<publish::ProgramStore> program_store,
                   publish::OpenProgramStore(options_.program_store, options_.data_dir));
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
  return absl::OkStatus();
}

}  // namespace rasoat
