#include "sync/push_applier.h"

#include "absl/strings/str_cat.h"
#include "sync/change_entry.h"
#include "sync/keys.h"
#include "sync/merge.h"
#include "sync/status_macros.h"
#include "sync/version_value.h"

namespace rasoat {

PushApplier::PushApplier(const Store* store, const RoundStandards* standards, std::string device_id,
                         int64_t now_micros)
    : store_(store),
      standards_(standards),
      device_id_(std::move(device_id)),
      now_micros_(now_micros) {}

absl::StatusOr<bool> PushApplier::FindResult(const std::string& mutation_key,
                                             v1::MutationResult* result) {
  if (auto it = results_.find(mutation_key); it != results_.end()) {
    *result = it->second;
    return true;
  }
  std::string value;
  rocksdb::Status status =
      store_->db()->Get(rocksdb::ReadOptions(), store_->mutations(), mutation_key, &value);
  if (status.IsNotFound()) return false;
  RETURN_IF_ERROR(FromRocksStatus(status, "read mutation result"));
  if (!result->ParseFromString(value)) return absl::DataLossError("mutation result: corrupt");
  return true;
}

absl::StatusOr<PushApplier::Touched*> PushApplier::Touch(const v1::HouseholdKey& key) {
  std::string household_key = HouseholdKeyOf(key.round_id(), key.household_id());
  if (auto it = by_key_.find(household_key); it != by_key_.end()) return it->second;

  auto touched = std::make_unique<Touched>();
  std::string value;
  rocksdb::Status status =
      store_->db()->Get(rocksdb::ReadOptions(), store_->households(), household_key, &value);
  if (status.ok()) {
    if (!touched->head.ParseFromString(value)) {
      return absl::DataLossError(
          absl::StrCat("household head of ", key.household_id(), ": corrupt"));
    }
    touched->exists = true;
    touched->old_location = ChangeLocationOf(touched->head);
  } else if (!status.IsNotFound()) {
    RETURN_IF_ERROR(FromRocksStatus(status, "read household head"));
  }
  touched->round_id = key.round_id();
  touched->household_id = key.household_id();
  touched->household_key = std::move(household_key);
  Touched* raw = touched.get();
  by_key_.emplace(raw->household_key, raw);
  households_.push_back(std::move(touched));
  return raw;
}

absl::Status PushApplier::ReadVersion(const Touched& touched, uint64_t version,
                                      store::VersionMeta* meta, v1::Household* record) const {
  if (auto it = touched.written.find(version); it != touched.written.end()) {
    return DecodeVersionValue(it->second, meta, record);
  }
  std::string value;
  RETURN_IF_ERROR(FromRocksStatus(
      store_->db()->Get(rocksdb::ReadOptions(), store_->versions(),
                        VersionKeyOf(touched.round_id, touched.household_id, version), &value),
      "read version"));
  return DecodeVersionValue(value, meta, record);
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

void Reject(const absl::Status& status, v1::MutationResult* result) {
  result->set_outcome(v1::MUTATION_OUTCOME_REJECTED);
  result->mutable_rejection()->set_code(static_cast<int>(status.code()));
  result->mutable_rejection()->set_message(std::string(status.message()));
}

}  // namespace

absl::Status PushApplier::Merge(const v1::Mutation& mutation, const Touched& touched,
                                v1::Household* merged, store::VersionMeta* meta,
                                v1::MutationResult* result) const {
  const store::HouseholdHead& head = touched.head;
  store::VersionMeta head_meta, base_meta;
  v1::Household head_record, base_record;
  RETURN_IF_ERROR(ReadVersion(touched, head.current_version(), &head_meta, &head_record));
  // A base the server never issued (or 0: registered on two tablets) merges against empty.
  const uint64_t base = mutation.base_version();
  if (base != 0 && base <= head.last_version()) {
    RETURN_IF_ERROR(ReadVersion(touched, base, &base_meta, &base_record));
  }
  ASSIGN_OR_RETURN(MergeResult merge,
                   ThreeWayMerge(base_record, head_record, mutation.record(), merged));
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
  }
  if (!merge.conflicts.empty()) *meta->mutable_incoming_record() = mutation.record();
  result->set_outcome(merge.conflicts.empty() ? v1::MUTATION_OUTCOME_MERGED
                                              : v1::MUTATION_OUTCOME_CONFLICT);
  *result->mutable_conflicts() = meta->conflicts();
  *result->mutable_merged_record() = *merged;
  return absl::OkStatus();
}

absl::StatusOr<v1::MutationResult> PushApplier::Apply(const v1::Mutation& mutation) {
  v1::MutationResult result;
  std::string mutation_key = MutationKeyOf(device_id_, mutation.mutation_id());
  ASSIGN_OR_RETURN(bool seen, FindResult(mutation_key, &result));
  if (seen) {
    result.set_original_outcome(result.outcome());
    result.set_outcome(v1::MUTATION_OUTCOME_DUPLICATE);
    return result;
  }
  result.set_mutation_id(mutation.mutation_id());
  *result.mutable_key() = mutation.key();

  ASSIGN_OR_RETURN(Touched * touched, Touch(mutation.key()));
  store::HouseholdHead& head = touched->head;
  const uint64_t version = head.last_version() + 1;
  store::VersionMeta meta;
  meta.set_device_id(device_id_);
  meta.set_mutation_id(mutation.mutation_id());
  meta.set_committed_at_micros(now_micros_);
  meta.set_parent_version(head.current_version());

  // A household the server has never seen is created from the record, whatever base the
  // tablet names: merging against an empty base gives the incoming record.
  const v1::Household* record = &mutation.record();
  v1::Household merged;
  if (!touched->exists || mutation.base_version() == head.current_version()) {
    result.set_outcome(v1::MUTATION_OUTCOME_APPLIED);
    if (mutation.resolves_conflicts()) {
      for (const v1::FieldConflict& conflict : head.conflicts()) {
        meta.add_resolved_paths(conflict.path());
      }
      head.clear_conflicts();
    }
  } else {
    absl::Status merge = Merge(mutation, *touched, &merged, &meta, &result);
    if (absl::IsInvalidArgument(merge)) {
      Reject(merge, &result);  // the tablet's record cannot be merged: nothing is written
      return result;
    }
    RETURN_IF_ERROR(merge);
    record = &merged;
    for (const v1::FieldConflict& conflict : meta.conflicts()) *head.add_conflicts() = conflict;
  }

  AssessVersion(standards_->at(mutation.key().round_id()), *record, &meta);
  head.set_current_version(version);
  head.set_last_version(version);
  ShowNewVersionOnHead(meta, *record, &head);
  touched->exists = true;
  touched->changed = true;
  std::string value = EncodeVersionValue(meta, *record);
  batch_.Put(store_->versions(),
             VersionKeyOf(mutation.key().round_id(), mutation.key().household_id(), version),
             value);
  touched->written[version] = std::move(value);

  result.set_version(version);
  result.set_head_version(version);
  result.set_status(head.status());
  *result.mutable_validation_issues() = meta.validation_issues();
  batch_.Put(store_->mutations(), mutation_key, result.SerializeAsString());
  results_.emplace(std::move(mutation_key), result);
  return result;
}

uint64_t PushApplier::changed_households() const {
  uint64_t changed = 0;
  for (const std::unique_ptr<Touched>& touched : households_) changed += touched->changed;
  return changed;
}

rocksdb::WriteBatch* PushApplier::Finish(uint64_t first_seq) {
  uint64_t seq = first_seq;
  for (const std::unique_ptr<Touched>& touched : households_) {
    if (!touched->changed) continue;
    RefileChange(*store_, touched->round_id, touched->household_id, touched->old_location, seq++,
                 &touched->head, &batch_);
  }
  batch_.Merge(store_->meta(), kMetaLastSeq, EncodeFixed64BE(seq - 1));
  return &batch_;
}

}  // namespace rasoat
