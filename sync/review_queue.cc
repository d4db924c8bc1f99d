// SyncEngine::ListQueue: a commune's households in village order, filtered by status, paged
// with the changes-family key to resume after. O(households in the commune or village).
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "sync/keys.h"
#include "sync/status_macros.h"
#include "sync/sync_engine.h"

namespace rasoat {

absl::Status SyncEngine::ListQueue(const v1::ListQueueRequest& request,
                                   v1::ListQueueResponse* response) const {
  ASSIGN_OR_RETURN(
      const std::string prefix,
      CommuneListingPrefix(request.round_id(), request.commune_code(), request.village_code()));
  if (!request.page_token().empty() && !absl::StartsWith(request.page_token(), prefix)) {
    return absl::InvalidArgumentError(
        "page_token: not from a listing of this commune and village; start with an empty one");
  }
  const size_t page_size =
      request.page_size() == 0 ? 100 : std::min<size_t>(request.page_size(), 1000);

  std::unique_ptr<rocksdb::Iterator> it(
      store_->db()->NewIterator(rocksdb::ReadOptions(), store_->changes()));
  // A page token is the key of the first entry the previous page did not look at.
  it->Seek(request.page_token().empty() ? prefix : request.page_token());
  response->Clear();
  for (; it->Valid() && it->key().starts_with(prefix); it->Next()) {
    if (static_cast<size_t>(response->entries_size()) == page_size) {
      response->set_next_page_token(it->key().ToString());
      break;
    }
    v1::HouseholdKey key;
    key.set_round_id(request.round_id());
    key.set_household_id(it->value().ToString());
    ASSIGN_OR_RETURN(store::HouseholdHead head, ReadHead(key));
    if (!request.statuses().empty() &&
        std::find(request.statuses().begin(), request.statuses().end(), head.status()) ==
            request.statuses().end()) {
      continue;
    }
    v1::QueueEntry* entry = response->add_entries();
    *entry->mutable_key() = std::move(key);
    entry->set_village_code(head.village_code());
    entry->set_version(head.current_version());
    entry->set_status(head.status());
    entry->set_open_conflicts(static_cast<uint32_t>(head.conflicts_size()));
    entry->set_head_name(head.head_name());
    entry->set_validation_issues(head.validation_issue_count());
    entry->set_poverty_class(head.poverty_class());
  }
  return FromRocksStatus(it->status(), "list queue");
}

}  // namespace rasoat
