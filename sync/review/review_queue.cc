#include "sync/review/review_queue.h"

#include <algorithm>

#include "sync/base/status_macros.h"
#include "sync/review/commune_scope.h"
#include "sync/store/household_listing.h"
#include "sync/store/store.h"

namespace rasoat {

ReviewQueue::ReviewQueue(const Store* store, const rules::Rounds* rounds)
    : store_(store), rounds_(rounds) {}

absl::Status ReviewQueue::ListQueue(const v1::ListQueueRequest& request,
                                    v1::ListQueueResponse* response) const {
  RETURN_IF_ERROR(CheckCommuneScope(*rounds_, request.round_id(), request.commune_code(),
                                    request.village_code()));
  if (!request.page_token().empty() &&
      !HouseholdListing::IsPositionOf(request.page_token(), request.round_id(),
                                      request.commune_code(), request.village_code())) {
    return absl::InvalidArgumentError(
        "page_token: not from a listing of this commune and village; start with an empty one");
  }
  const size_t page_size =
      request.page_size() == 0 ? 100 : std::min<size_t>(request.page_size(), 1000);

  // A page token is the position of the first household the previous page did not look at.
  HouseholdListing listing(*store_, request.round_id(), request.commune_code(),
                           request.village_code(), request.page_token());
  response->Clear();
  for (; listing.Valid(); listing.Next()) {
    if (static_cast<size_t>(response->entries_size()) == page_size) {
      response->set_next_page_token(listing.position());
      break;
    }
    ASSIGN_OR_RETURN(const store::HouseholdHead head,
                     store_->ReadHead(request.round_id(), listing.household_id()));
    if (!request.statuses().empty() &&
        std::find(request.statuses().begin(), request.statuses().end(), head.status()) ==
            request.statuses().end()) {
      continue;
    }
    if (!request.procedure_steps().empty() &&
        std::find(request.procedure_steps().begin(), request.procedure_steps().end(),
                  head.procedure_step()) == request.procedure_steps().end()) {
      continue;
    }
    v1::QueueEntry* entry = response->add_entries();
    entry->mutable_key()->set_round_id(request.round_id());
    entry->mutable_key()->set_household_id(std::string(listing.household_id()));
    entry->set_village_code(head.village_code());
    entry->set_version(head.current_version());
    entry->set_status(head.status());
    entry->set_open_conflicts(static_cast<uint32_t>(head.conflicts_size()));
    entry->set_head_name(head.head_name());
    entry->set_validation_issues(head.validation_issue_count());
    entry->set_poverty_class(head.poverty_class());
    entry->set_local_poverty_class(head.local_poverty_class());
    entry->set_procedure_step(head.procedure_step());
    if (head.has_posting_last_day()) *entry->mutable_posting_last_day() = head.posting_last_day();
  }
  return listing.status();
}

}  // namespace rasoat
