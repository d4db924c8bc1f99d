#include "sync/push_applier.h"

#include "absl/strings/str_cat.h"
#include "sync/keys.h"
#include "sync/status_macros.h"
#include "sync/version_value.h"

namespace rasoat {

PushApplier::PushApplier(const Store* store, std::string device_id, int64_t now_micros)
    : store_(store), device_id_(std::move(device_id)), now_micros_(now_micros) {}

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
    touched->old_commune = touched->head.commune_code();
    touched->old_village = touched->head.village_code();
    touched->old_seq = touched->head.change_seq();
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

absl::StatusOr<v1::MutationResult> PushApplier::Apply(const v1::Mutation& mutation) {
  v1::MutationResult result;
  std::string mutation_key = MutationKeyOf(device_id_, mutation.mutation_id());
  ASSIGN_OR_RETURN(bool seen, FindResult(mutation_key, &result));
  if (seen) {
    result.set_original_outcome(result.outcome());
    result.set_outcome(v1::MUTATION_OUTCOME_DUPLICATE);
    return result;
  }

  ASSIGN_OR_RETURN(Touched * touched, Touch(mutation.key()));
  store::HouseholdHead& head = touched->head;
  const uint64_t version = head.last_version() + 1;
  // A household the server has never seen is created from the record, whatever base the
  // tablet names: merging against an empty base gives the incoming record.
  const bool fast_forward = !touched->exists || mutation.base_version() == head.current_version();

  store::VersionMeta meta;
  meta.set_device_id(device_id_);
  meta.set_mutation_id(mutation.mutation_id());
  meta.set_committed_at_micros(now_micros_);
  meta.set_parent_version(touched->exists ? mutation.base_version() : 0);
  if (fast_forward) {
    head.set_current_version(version);
    head.set_commune_code(mutation.record().location().commune_code());
    head.set_village_code(mutation.record().location().village_code());
    result.set_outcome(v1::MUTATION_OUTCOME_APPLIED);
  } else {
    // Stale base: keep the tablet's record as a version of its own, leave the head alone.
    meta.set_conflict(true);
    head.add_conflict_versions(version);
    result.set_outcome(v1::MUTATION_OUTCOME_CONFLICT);
  }
  head.set_last_version(version);
  head.set_status(head.conflict_versions().empty() ? v1::REVIEW_STATUS_READY_FOR_REVIEW
                                                   : v1::REVIEW_STATUS_CONFLICT);
  touched->exists = true;

  batch_.Put(store_->versions(),
             VersionKeyOf(mutation.key().round_id(), mutation.key().household_id(), version),
             EncodeVersionValue(meta, mutation.record()));

  result.set_mutation_id(mutation.mutation_id());
  *result.mutable_key() = mutation.key();
  result.set_version(version);
  result.set_head_version(head.current_version());
  batch_.Put(store_->mutations(), mutation_key, result.SerializeAsString());
  results_.emplace(std::move(mutation_key), result);
  return result;
}

rocksdb::WriteBatch* PushApplier::Finish(uint64_t first_seq) {
  uint64_t seq = first_seq;
  for (const std::unique_ptr<Touched>& touched : households_) {
    store::HouseholdHead& head = touched->head;
    if (touched->old_seq != 0) {
      batch_.Delete(store_->changes(), ChangeKeyOf(touched->round_id, touched->old_commune,
                                                   touched->old_village, touched->old_seq));
    }
    head.set_change_seq(seq);
    batch_.Put(store_->changes(),
               ChangeKeyOf(touched->round_id, head.commune_code(), head.village_code(), seq),
               touched->household_id);
    batch_.Put(store_->households(), touched->household_key, head.SerializeAsString());
    ++seq;
  }
  batch_.Merge(store_->meta(), kMetaLastSeq, EncodeFixed64BE(seq - 1));
  return &batch_;
}

}  // namespace rasoat
