#include "sync/push/push_applier.h"

#include "absl/strings/str_cat.h"
#include "sync/audit/audit_event.h"
#include "sync/base/status_macros.h"
#include "sync/merge/merge.h"
#include "sync/push/mutation_rejection.h"
#include "sync/push/open_conflicts.h"
#include "sync/rules/assessment.h"
#include "sync/store/household_head.h"
#include "sync/store/keys.h"
#include "sync/store/version_value.h"

namespace rasoat {

using ::google::protobuf::Arena;

PushApplier::PushApplier(const Store* store, const rules::Rounds* rounds,
                         const PushOptions& options, const identity::Principal* caller,
                         std::string device_id, int64_t now_micros)
    : store_(store),
      rounds_(rounds),
      options_(options),
      caller_(caller),
      device_id_(std::move(device_id)),
      now_micros_(now_micros),
      batch_(*store) {}

absl::Status PushApplier::Prefetch(const v1::PushRequest& request,
                                   const std::vector<int>& indexes) {
  std::vector<std::string_view> mutation_ids;
  std::vector<std::string> keys;  // of each mutation's household, as by_key_ keys them
  std::vector<const v1::HouseholdKey*> households;  // each household once
  std::vector<size_t> household_keys;               // of households[i]: keys[household_keys[i]]
  mutation_ids.reserve(indexes.size());
  keys.reserve(indexes.size());
  for (int i : indexes) {
    const v1::Mutation& mutation = request.mutations(i);
    mutation_ids.push_back(mutation.mutation_id());
    keys.push_back(HouseholdKeyOf(mutation.key().round_id(), mutation.key().household_id()));
    if (by_key_.try_emplace(keys.back(), nullptr).second) {  // claimed; filled below
      household_keys.push_back(keys.size() - 1);
      households.push_back(&mutation.key());
    }
  }

  std::vector<std::optional<Store::StoredResult>> stored;
  RETURN_IF_ERROR(store_->FindMutationResults(device_id_, mutation_ids, &stored));
  std::vector<bool> seen(mutation_ids.size());
  for (size_t i = 0; i < mutation_ids.size(); ++i) {
    seen[i] = stored[i].has_value();
    prefetched_results_.try_emplace(std::string(mutation_ids[i]), std::move(stored[i]));
  }

  std::vector<std::optional<store::HouseholdHead>> heads;
  RETURN_IF_ERROR(store_->ReadHeads(households, &heads));
  for (size_t i = 0; i < households.size(); ++i) {
    auto touched = std::make_unique<Touched>();
    touched->round_id = households[i]->round_id();
    touched->household_id = households[i]->household_id();
    if (heads[i].has_value()) {
      touched->head = *std::move(heads[i]);
      touched->exists = true;
      touched->old_location = ChangeLocationOf(touched->head);
    }
    by_key_[keys[household_keys[i]]] = touched.get();
    households_.push_back(std::move(touched));
  }

  // The versions each stale mutation merges, as Apply will find it: against the head the store
  // holds. A later mutation of the same household in this push merges against what an earlier
  // one wrote, which Apply keeps; one seen before is a duplicate and merges nothing. At most
  // kMaxPrefetchedVersions, held until the push is committed: a push of many large stale
  // records reads the rest one merge at a time, as it would otherwise hold them all at once.
  std::vector<Store::VersionRef> versions;
  std::vector<Touched*> owners;
  const auto want = [&](Touched* touched, uint64_t version) {
    versions.push_back({touched->round_id, touched->household_id, version});
    owners.push_back(touched);
  };
  for (size_t i = 0; i < indexes.size(); ++i) {
    Touched* touched = by_key_[keys[i]];
    const uint64_t base = request.mutations(indexes[i]).base_version();
    const store::HouseholdHead& head = touched->head;
    if (seen[i] || !touched->exists || base == head.current_version()) continue;
    if (versions.size() + 2 > kMaxPrefetchedVersions) break;
    want(touched, head.current_version());
    if (base != 0 && base <= head.last_version()) want(touched, base);
  }
  if (versions.empty()) return absl::OkStatus();
  std::vector<std::optional<std::string>> values;
  RETURN_IF_ERROR(store_->ReadVersionValues(versions, &values));
  for (size_t i = 0; i < versions.size(); ++i) {
    if (values[i].has_value()) {
      owners[i]->versions.try_emplace(versions[i].version, *std::move(values[i]));
    }
  }
  return absl::OkStatus();
}

absl::StatusOr<bool> PushApplier::FindResult(const std::string& mutation_id,
                                             v1::MutationResult* result, std::string* digest) {
  if (auto it = results_.find(mutation_id); it != results_.end()) {
    *result = it->second.result;
    digest->assign(it->second.digest.data(), it->second.digest.size());
    return true;
  }
  if (auto it = prefetched_results_.find(mutation_id); it != prefetched_results_.end()) {
    if (!it->second.has_value()) return false;
    *result = it->second->result;
    *digest = it->second->digest;
    return true;
  }
  return store_->FindMutationResult(device_id_, mutation_id, result, digest);
}

absl::StatusOr<PushApplier::Touched*> PushApplier::Touch(const v1::HouseholdKey& key) {
  std::string household_key = HouseholdKeyOf(key.round_id(), key.household_id());
  if (auto it = by_key_.find(household_key); it != by_key_.end()) return it->second;

  auto touched = std::make_unique<Touched>();
  absl::StatusOr<store::HouseholdHead> head = store_->ReadHead(key.round_id(), key.household_id());
  if (head.ok()) {
    touched->head = *std::move(head);
    touched->exists = true;
    touched->old_location = ChangeLocationOf(touched->head);
  } else if (!absl::IsNotFound(head.status())) {
    return head.status();
  }
  touched->round_id = key.round_id();
  touched->household_id = key.household_id();
  Touched* raw = touched.get();
  by_key_.emplace(std::move(household_key), raw);
  households_.push_back(std::move(touched));
  return raw;
}

absl::StatusOr<std::string_view> PushApplier::VersionValue(const Touched& touched, uint64_t version,
                                                           std::string* buffer) const {
  if (auto it = touched.versions.find(version); it != touched.versions.end()) return it->second;
  std::vector<std::optional<std::string>> values;
  RETURN_IF_ERROR(
      store_->ReadVersionValues({{touched.round_id, touched.household_id, version}}, &values));
  if (!values[0].has_value()) {
    return absl::NotFoundError(
        absl::StrCat("household ", touched.household_id, " has no version ", version));
  }
  *buffer = *std::move(values[0]);
  return *buffer;
}

namespace {

store::MergeNote::Source ToNoteSource(MergeSource source) {
  switch (source) {
    case MergeSource::kHead:
      return store::MergeNote::SOURCE_HEAD;
    case MergeSource::kIncoming:
      return store::MergeNote::SOURCE_INCOMING;
    case MergeSource::kBoth:
      return store::MergeNote::SOURCE_BOTH;
  }
  return store::MergeNote::SOURCE_UNSPECIFIED;
}

audit::Action AuditActionOf(v1::MutationOutcome outcome) {
  switch (outcome) {
    case v1::MUTATION_OUTCOME_MERGED:
      return audit::ACTION_PUSH_MERGED;
    case v1::MUTATION_OUTCOME_CONFLICT:
      return audit::ACTION_PUSH_CONFLICT;
    default:
      return audit::ACTION_PUSH_APPLIED;
  }
}

std::string_view ViewOf(const MutationDigest& digest) {
  return std::string_view(digest.data(), digest.size());
}

}  // namespace

absl::Status PushApplier::Merge(const v1::Mutation& mutation, const Touched& touched, Arena* arena,
                                v1::Household* merged, store::VersionMeta* meta,
                                v1::MutationResult* result) const {
  const store::HouseholdHead& head = touched.head;
  v1::Household& head_record = *Arena::CreateMessage<v1::Household>(arena);
  v1::Household& base_record = *Arena::CreateMessage<v1::Household>(arena);
  std::string head_buffer, base_buffer;  // for versions not prefetched
  ASSIGN_OR_RETURN(const std::string_view head_value,
                   VersionValue(touched, head.current_version(), &head_buffer));
  RETURN_IF_ERROR(DecodeVersionValue(head_value, /*meta=*/nullptr, &head_record));
  // A base the server never issued (or 0: registered on two tablets) merges against empty.
  // Only its record is merged: its meta is not parsed.
  const uint64_t base = mutation.base_version();
  if (base != 0 && base <= head.last_version()) {
    ASSIGN_OR_RETURN(const std::string_view base_value, VersionValue(touched, base, &base_buffer));
    RETURN_IF_ERROR(DecodeVersionValue(base_value, /*meta=*/nullptr, &base_record));
  }
  ASSIGN_OR_RETURN(MergeResult merge,
                   ThreeWayMerge(base_record, head_record, mutation.record(), merged));
  // The head's meta names who made the head's side of a conflict: parsed only then.
  store::VersionMeta head_meta;
  if (!merge.conflicts.empty()) {
    RETURN_IF_ERROR(DecodeVersionValue(head_value, &head_meta, /*record=*/nullptr));
  }
  meta->set_base_version(base);
  for (const MergeNote& note : merge.notes) {
    store::MergeNote* stored = meta->add_merge_notes();
    stored->set_path(note.path);
    stored->set_source(ToNoteSource(note.source));
  }
  for (MergeConflict& conflict : merge.conflicts) {
    v1::FieldConflict* field = meta->add_conflicts();
    field->set_path(std::move(conflict.path));
    field->set_base_value(std::move(conflict.base_value));
    field->set_base_present(conflict.base_present);
    field->set_head_value(std::move(conflict.head_value));
    field->set_head_present(conflict.head_present);
    field->set_incoming_value(std::move(conflict.incoming_value));
    field->set_incoming_present(conflict.incoming_present);
    field->set_base_version(base);
    field->set_head_version(head.current_version());
    field->set_merged_version(head.last_version() + 1);
    field->set_head_device_id(head_meta.device_id());
    field->set_head_mutation_id(head_meta.mutation_id());
    field->set_incoming_device_id(device_id_);
    field->set_incoming_mutation_id(mutation.mutation_id());
    field->set_incoming_edit_count(1);
  }
  if (!merge.conflicts.empty()) *meta->mutable_incoming_record() = mutation.record();
  result->set_outcome(merge.conflicts.empty() ? v1::MUTATION_OUTCOME_MERGED
                                              : v1::MUTATION_OUTCOME_CONFLICT);
  *result->mutable_conflicts() = meta->conflicts();
  *result->mutable_merged_record() = *merged;
  return absl::OkStatus();
}

absl::StatusOr<v1::MutationResult> PushApplier::Apply(const v1::Mutation& mutation, int index) {
  ASSIGN_OR_RETURN(const MutationDigest digest, digester_.Digest(mutation));
  v1::MutationResult result;
  std::string first_digest;
  ASSIGN_OR_RETURN(bool seen, FindResult(mutation.mutation_id(), &result, &first_digest));
  if (seen) {
    // A record stored before digests were kept has none: a duplicate, as it always was.
    if (!first_digest.empty() && first_digest != ViewOf(digest)) {
      return Rejected(
          mutation, absl::StatusCode::kAlreadyExists,
          absl::StrCat("mutation_id '", mutation.mutation_id(),
                       "' was used before for different content (household ",
                       result.key().household_id(), " of round ", result.key().round_id(),
                       "); give each edit its own mutation_id and push it again"),
          index, "mutation_id");
    }
    result.set_original_outcome(result.outcome());
    result.set_outcome(v1::MUTATION_OUTCOME_DUPLICATE);
    return result;
  }
  result.set_mutation_id(mutation.mutation_id());
  *result.mutable_key() = mutation.key();

  ASSIGN_OR_RETURN(Touched * touched, Touch(mutation.key()));
  store::HouseholdHead& head = touched->head;
  if (touched->exists && !caller_->CoversVillage(head.commune_code(), head.village_code())) {
    return OutOfScope(mutation, head.commune_code(), head.village_code(), "is in");
  }
  store::VersionMeta meta;
  meta.set_device_id(device_id_);
  meta.set_author(caller_->login);
  meta.set_mutation_id(mutation.mutation_id());
  meta.set_committed_at_micros(now_micros_);
  meta.set_parent_version(head.current_version());

  // A household the server has never seen is created from the record, whatever base the
  // tablet names: merging against an empty base gives the incoming record.
  const v1::Household* record = &mutation.record();
  // A merge's records (base, head, merged) are many small allocations: on an arena, freed
  // together once the mutation is applied.
  Arena arena;
  if (!touched->exists || mutation.base_version() == head.current_version()) {
    if (const v1::Location& to = record->location();
        !caller_->CoversVillage(to.commune_code(), to.village_code())) {
      return OutOfScope(mutation, to.commune_code(), to.village_code(), "would move to");
    }
    result.set_outcome(v1::MUTATION_OUTCOME_APPLIED);
    if (mutation.resolves_conflicts()) {
      for (const v1::FieldConflict& conflict : head.conflicts()) {
        meta.add_resolved_paths(conflict.path());
      }
      head.clear_conflicts();
    }
  } else {
    v1::Household& merged = *Arena::CreateMessage<v1::Household>(&arena);
    absl::Status merge = Merge(mutation, *touched, &arena, &merged, &meta, &result);
    if (absl::IsInvalidArgument(merge)) {
      // The tablet's record cannot be merged: nothing is written.
      return Rejected(mutation, merge.code(), std::string(merge.message()));
    }
    RETURN_IF_ERROR(merge);
    // Both checks leave the household as it is, so it stays editable; the tablet keeps its edit.
    if (const size_t size = merged.ByteSizeLong(); size > options_.max_record_bytes) {
      return Rejected(mutation, absl::StatusCode::kFailedPrecondition,
                      absl::StrCat("merged with the household's version ", head.current_version(),
                                   " the record would be ", size, " bytes; the limit is ",
                                   options_.max_record_bytes,
                                   ": pull the household and edit it again from there"),
                      index, "record");
    }
    if (const int added = CountNewPaths(head, meta.conflicts());
        added > 0 &&
        static_cast<size_t>(head.conflicts_size() + added) > options_.max_open_conflicts) {
      return Rejected(
          mutation, absl::StatusCode::kFailedPrecondition,
          absl::StrCat("household ", mutation.key().household_id(), " has ", head.conflicts_size(),
                       " open conflicts and this edit would open ", added, " more; the limit is ",
                       options_.max_open_conflicts, ": push it again once they are resolved"));
    }
    if (const size_t bytes =
            meta.conflicts().empty() ? 0 : OpenConflictBytesAfter(head, meta.conflicts());
        bytes > options_.max_open_conflict_bytes()) {
      return Rejected(
          mutation, absl::StatusCode::kFailedPrecondition,
          absl::StrCat("household ", mutation.key().household_id(), "'s open conflicts would take ",
                       bytes, " bytes with this edit; the limit is ",
                       options_.max_open_conflict_bytes(),
                       ": push it again once they are resolved"));
    }
    // Checked before the head changes: a rejection leaves it as it was.
    if (const v1::Location& to = merged.location();
        !caller_->CoversVillage(to.commune_code(), to.village_code())) {
      return OutOfScope(mutation, to.commune_code(), to.village_code(), "would move to");
    }
    record = &merged;
    AddOpenConflicts(meta.conflicts(), &head);
  }

  rules::Assess(rounds_->standard(mutation.key().round_id()), *record, now_micros_,
                meta.mutable_validation_issues(), meta.mutable_classification());
  std::string value = AddVersion(mutation.key().round_id(), mutation.key().household_id(), meta,
                                 *record, &head, &batch_);
  const uint64_t version = head.current_version();
  audit::HouseholdChange& change = audit_changes_.emplace_back();
  change.set_round_id(mutation.key().round_id());
  change.set_household_id(mutation.key().household_id());
  change.set_action(AuditActionOf(result.outcome()));
  change.set_version(version);
  change.set_digest(ViewOf(digest).data(), ViewOf(digest).size());  // the mutation as received
  touched->versions.insert_or_assign(version, std::move(value));
  touched->exists = true;
  touched->changed = true;

  result.set_version(version);
  result.set_head_version(version);
  result.set_status(head.status());
  *result.mutable_validation_issues() = meta.validation_issues();
  batch_.PutMutationResult(device_id_, mutation.mutation_id(), ViewOf(digest), result);
  results_.emplace(mutation.mutation_id(), Remembered{result, digest});
  return result;
}

CommitBatch* PushApplier::Finish() {
  for (const std::unique_ptr<Touched>& touched : households_) {
    if (!touched->changed) continue;
    batch_.FileChange(touched->round_id, touched->household_id, touched->old_location,
                      &touched->head);
  }
  // One audit entry for the push, naming each household it stored a version of.
  if (!audit_changes_.empty()) {
    audit::AuditEvent event;
    event.action = audit::ACTION_PUSH;
    event.login = caller_->login;
    event.device_id = device_id_;
    batch_.AddAuditEntry(audit::EncodeUnsealed(event, std::move(audit_changes_), now_micros_));
  }
  return &batch_;
}

}  // namespace rasoat
