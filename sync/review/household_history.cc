#include "sync/review/household_history.h"

#include <algorithm>
#include <tuple>
#include <vector>

#include "sync/base/status_macros.h"
#include "sync/merge/merge.h"
#include "sync/merge/merge_path.h"
#include "sync/rules/assessment.h"
#include "sync/store/snapshot.h"
#include "sync/store/store.h"
#include "sync/store/version_history.h"

namespace rasoat {
namespace {

v1::HistoryEntry HistoryOf(uint64_t version, const store::VersionMeta& meta) {
  v1::HistoryEntry entry;
  entry.set_kind(meta.mutation_id().empty() ? v1::HistoryEntry::KIND_RESOLUTION
                                            : v1::HistoryEntry::KIND_PUSH);
  entry.set_version(version);
  entry.set_parent_version(meta.parent_version());
  // The user who made it: a resolution's reviewer, a push's collaborator; for versions stored
  // before authors were kept, the device.
  entry.set_author(meta.author().empty() ? meta.device_id() : meta.author());
  if (!meta.mutation_id().empty()) entry.set_device_id(meta.device_id());
  entry.set_mutation_id(meta.mutation_id());
  entry.set_at_unix_micros(meta.committed_at_micros());
  entry.set_base_version(meta.base_version());
  entry.set_conflicts_opened(static_cast<uint32_t>(meta.conflicts_size()));
  *entry.mutable_resolved_paths() = meta.resolved_paths();
  return entry;
}

}  // namespace

HouseholdHistory::HouseholdHistory(const Store* store, const rules::Rounds* rounds)
    : store_(store), rounds_(rounds) {}

absl::Status HouseholdHistory::GetHousehold(const v1::GetHouseholdRequest& request,
                                            v1::GetHouseholdResponse* response) const {
  RETURN_IF_ERROR(rounds_->CheckKey(request.key()));
  const v1::HouseholdKey& key = request.key();
  // One snapshot, so the head and its versions agree even while a tablet pushes.
  const Snapshot snapshot(*store_);
  ASSIGN_OR_RETURN(const store::HouseholdHead head,
                   store_->ReadHead(key.round_id(), key.household_id(), &snapshot));

  response->Clear();
  v1::HouseholdState* state = response->mutable_state();
  *state->mutable_key() = key;
  state->set_version(head.current_version());
  state->set_status(head.status());
  state->set_reviewer_comment(head.reviewer_comment());
  *state->mutable_conflicts() = head.conflicts();
  state->set_procedure_step(head.procedure_step());
  response->set_approved_version(head.approved_version());
  response->set_recognised_version(head.recognition().version());
  response->set_recognition_decision(head.recognition().decision_number());
  response->set_approved_by(head.approved_by());
  response->set_published_version(head.published_version());

  std::vector<v1::HistoryEntry> history;
  VersionHistory versions(*store_, snapshot, key.round_id(), key.household_id(),
                          head.last_version());
  for (; versions.Valid(); versions.Next()) {
    const uint64_t version = versions.version();
    const bool current = version == head.current_version();
    store::VersionMeta meta;
    RETURN_IF_ERROR(versions.Decode(&meta, current ? state->mutable_record() : nullptr));
    history.push_back(HistoryOf(version, meta));
    if (current) {
      *response->mutable_validation_issues() = meta.validation_issues();
      *response->mutable_classification() =
          rules::CurrentClassification(rounds_->standard(key.round_id()), meta.classification(),
                                       state->record(), meta.committed_at_micros());
    }
  }
  RETURN_IF_ERROR(versions.status());
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

absl::Status HouseholdHistory::DiffVersions(const v1::DiffVersionsRequest& request,
                                            v1::DiffVersionsResponse* response) const {
  RETURN_IF_ERROR(rounds_->CheckKey(request.key()));
  if (request.from_version() == 0 || request.to_version() == 0) {
    return absl::InvalidArgumentError("from_version, to_version: both required (1 or more)");
  }
  const v1::HouseholdKey& key = request.key();
  v1::Household from, to, merged;
  RETURN_IF_ERROR(store_->ReadVersion(key.round_id(), key.household_id(), request.from_version(),
                                      nullptr, &from));
  RETURN_IF_ERROR(
      store_->ReadVersion(key.round_id(), key.household_id(), request.to_version(), nullptr, &to));
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
