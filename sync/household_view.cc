// SyncEngine::GetHousehold and DiffVersions: what a reviewer looks at before deciding. Reads
// only; a household's versions are one key range of the versions family.
#include <algorithm>
#include <tuple>

#include "absl/strings/str_cat.h"
#include "rocksdb/snapshot.h"
#include "sync/keys.h"
#include "sync/merge.h"
#include "sync/merge_path.h"
#include "sync/status_macros.h"
#include "sync/sync_engine.h"
#include "sync/version_value.h"

namespace rasoat {
namespace {

v1::HistoryEntry HistoryOf(uint64_t version, const store::VersionMeta& meta) {
  v1::HistoryEntry entry;
  entry.set_kind(meta.mutation_id().empty() ? v1::HistoryEntry::KIND_RESOLUTION
                                            : v1::HistoryEntry::KIND_PUSH);
  entry.set_version(version);
  entry.set_parent_version(meta.parent_version());
  entry.set_author(meta.device_id());
  entry.set_mutation_id(meta.mutation_id());
  entry.set_at_unix_micros(meta.committed_at_micros());
  entry.set_base_version(meta.base_version());
  entry.set_conflicts_opened(static_cast<uint32_t>(meta.conflicts_size()));
  *entry.mutable_resolved_paths() = meta.resolved_paths();
  return entry;
}

}  // namespace

absl::Status SyncEngine::GetHousehold(const v1::GetHouseholdRequest& request,
                                      v1::GetHouseholdResponse* response) const {
  RETURN_IF_ERROR(CheckHouseholdKey(request.key()));
  const v1::HouseholdKey& key = request.key();
  // One snapshot, so the head and its versions agree even while a tablet pushes.
  rocksdb::ManagedSnapshot snapshot(store_->db());
  rocksdb::ReadOptions read_options;
  read_options.snapshot = snapshot.snapshot();
  ASSIGN_OR_RETURN(const store::HouseholdHead head, ReadHead(key, read_options));

  response->Clear();
  v1::HouseholdState* state = response->mutable_state();
  *state->mutable_key() = key;
  state->set_version(head.current_version());
  state->set_status(head.status());
  state->set_reviewer_comment(head.reviewer_comment());
  *state->mutable_conflicts() = head.conflicts();
  response->set_approved_version(head.approved_version());
  response->set_approved_by(head.approved_by());
  response->set_published_version(head.published_version());

  const std::string first = VersionKeyOf(key.round_id(), key.household_id(), 1);
  const std::string end = VersionKeyOf(key.round_id(), key.household_id(), head.last_version() + 1);
  rocksdb::Slice upper(end);
  read_options.iterate_upper_bound = &upper;
  std::unique_ptr<rocksdb::Iterator> it(
      store_->db()->NewIterator(read_options, store_->versions()));
  std::vector<v1::HistoryEntry> history;
  for (it->Seek(first); it->Valid(); it->Next()) {
    const uint64_t version = DecodeFixed64BE(it->key().ToStringView().substr(it->key().size() - 8));
    store::VersionMeta meta;
    const bool current = version == head.current_version();
    RETURN_IF_ERROR(DecodeVersionValue(it->value().ToStringView(), &meta,
                                       current ? state->mutable_record() : nullptr));
    history.push_back(HistoryOf(version, meta));
    if (current) {
      *response->mutable_validation_issues() = meta.validation_issues();
      *response->mutable_classification() =
          CurrentClassification(standards_.at(key.round_id()), meta, state->record());
    }
  }
  RETURN_IF_ERROR(FromRocksStatus(it->status(), "read versions"));
  for (const v1::HistoryEntry& event : head.review_events()) history.push_back(event);
  // Newest first. Versions one push made share its time: the higher version is the newer; a
  // decision on a version is newer than the version itself.
  const auto newest_first = [](const v1::HistoryEntry& entry) {
    const bool decision = entry.kind() == v1::HistoryEntry::KIND_APPROVED ||
                          entry.kind() == v1::HistoryEntry::KIND_RETURNED;
    return std::make_tuple(entry.at_unix_micros(), entry.version(), decision);
  };
  std::stable_sort(history.begin(), history.end(),
                   [&](const v1::HistoryEntry& a, const v1::HistoryEntry& b) {
                     return newest_first(a) > newest_first(b);
                   });
  for (v1::HistoryEntry& entry : history) *response->add_history() = std::move(entry);
  return absl::OkStatus();
}

absl::Status SyncEngine::DiffVersions(const v1::DiffVersionsRequest& request,
                                      v1::DiffVersionsResponse* response) const {
  RETURN_IF_ERROR(CheckHouseholdKey(request.key()));
  if (request.from_version() == 0 || request.to_version() == 0) {
    return absl::InvalidArgumentError("from_version, to_version: both required (1 or more)");
  }
  v1::Household from, to, merged;
  RETURN_IF_ERROR(ReadVersion(request.key(), request.from_version(), nullptr, &from));
  RETURN_IF_ERROR(ReadVersion(request.key(), request.to_version(), nullptr, &to));
  // Merging `to` as the only edit of `from` notes every path where they differ.
  ASSIGN_OR_RETURN(MergeResult changes, ThreeWayMerge(from, from, to, &merged));
  response->Clear();
  for (const MergeNote& note : changes.notes) {
    v1::FieldChange* change = response->add_changes();
    change->set_path(note.path);
    ASSIGN_OR_RETURN(auto from_value, ValueAtPath(from, note.path));
    ASSIGN_OR_RETURN(auto to_value, ValueAtPath(to, note.path));
    change->set_from_present(from_value.first);
    change->set_from_value(std::move(from_value.second));
    change->set_to_present(to_value.first);
    change->set_to_value(std::move(to_value.second));
  }
  return absl::OkStatus();
}

}  // namespace rasoat
