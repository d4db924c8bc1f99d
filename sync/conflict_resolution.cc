// SyncEngine::ResolveConflict: a reviewer's decision on a household's open conflicts becomes
// a new version, under the household's lock, in one durable batch.
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/time/clock.h"
#include "sync/change_entry.h"
#include "sync/keys.h"
#include "sync/merge_path.h"
#include "sync/status_macros.h"
#include "sync/sync_engine.h"
#include "sync/version_value.h"

namespace rasoat {
namespace {

// The last open conflict at `path`, or nullptr.
const v1::FieldConflict* OpenConflictAt(const store::HouseholdHead& head, const std::string& path) {
  const v1::FieldConflict* found = nullptr;
  for (const v1::FieldConflict& conflict : head.conflicts()) {
    if (conflict.path() == path) found = &conflict;
  }
  return found;
}

}  // namespace

absl::Status SyncEngine::ResolveConflict(const v1::ResolveConflictRequest& request,
                                         v1::ResolveConflictResponse* response) {
  RETURN_IF_ERROR(CheckHouseholdKey(request.key()));
  if (request.version() == 0) return absl::InvalidArgumentError("version: required");
  if (request.resolutions().empty()) {
    return absl::InvalidArgumentError("resolutions: name at least one conflicting path");
  }
  const v1::HouseholdKey& key = request.key();
  HouseholdLocks::Held held =
      locks_.Lock({locks_.StripeOf(HouseholdKeyOf(key.round_id(), key.household_id()))});
  ASSIGN_OR_RETURN(store::HouseholdHead head, ReadHead(key));
  if (head.current_version() != request.version()) {
    return absl::FailedPreconditionError(absl::StrCat(
        "version: household ", key.household_id(), " is at version ", head.current_version(),
        ", not ", request.version(), "; it changed since you looked: reload it and resolve again"));
  }
  v1::Household record;
  RETURN_IF_ERROR(ReadVersion(key, head.current_version(), nullptr, &record));

  store::VersionMeta meta;
  for (int i = 0; i < request.resolutions_size(); ++i) {
    const v1::Resolution& resolution = request.resolutions(i);
    const v1::FieldConflict* conflict = OpenConflictAt(head, resolution.path());
    if (conflict == nullptr) {
      return absl::InvalidArgumentError(
          absl::StrCat("resolutions[", i, "].path: no open conflict at '", resolution.path(), "'"));
    }
    absl::Status applied;
    switch (resolution.choice()) {
      case v1::Resolution::CHOICE_HEAD:
        break;
      case v1::Resolution::CHOICE_INCOMING:
        applied = ApplyAtPath(&record, conflict->path(), conflict->incoming_present(),
                              conflict->incoming_value());
        break;
      case v1::Resolution::CHOICE_VALUE:
        applied =
            ApplyAtPath(&record, conflict->path(), resolution.value_present(), resolution.value());
        break;
      default:
        applied = absl::InvalidArgumentError("choice: HEAD, INCOMING or VALUE");
    }
    if (!applied.ok()) {
      return absl::InvalidArgumentError(absl::StrCat("resolutions[", i, "]: ", applied.message()));
    }
    meta.add_resolved_paths(resolution.path());
  }

  const ChangeLocation old = ChangeLocationOf(head);
  google::protobuf::RepeatedPtrField<v1::FieldConflict> still_open;
  for (v1::FieldConflict& conflict : *head.mutable_conflicts()) {
    if (std::find(meta.resolved_paths().begin(), meta.resolved_paths().end(), conflict.path()) ==
        meta.resolved_paths().end()) {
      *still_open.Add() = std::move(conflict);
    }
  }
  head.mutable_conflicts()->Swap(&still_open);

  const uint64_t version = head.last_version() + 1;
  meta.set_parent_version(head.current_version());
  meta.set_device_id("review");
  meta.set_committed_at_micros(absl::ToUnixMicros(absl::Now()));
  AssessVersion(standards_.at(key.round_id()), record, &meta);
  head.set_current_version(version);
  head.set_last_version(version);
  ShowNewVersionOnHead(meta, record, &head);
  rocksdb::WriteBatch batch;
  batch.Put(store_->versions(), VersionKeyOf(key.round_id(), key.household_id(), version),
            EncodeVersionValue(meta, record));
  RETURN_IF_ERROR(CommitHouseholdChange(key, old, &head, &batch));

  response->set_version(version);
  response->set_status(head.status());
  *response->mutable_open_conflicts() = head.conflicts();
  return absl::OkStatus();
}

}  // namespace rasoat
