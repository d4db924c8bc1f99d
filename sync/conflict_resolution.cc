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

absl::Status SyncEngine::CheckHouseholdKey(const v1::HouseholdKey& key) const {
  std::vector<std::string> problems;
  if (!rounds_.contains(key.round_id())) {
    problems.push_back(absl::StrCat("key.round_id: unknown round '", key.round_id(),
                                    "'; this server accepts ",
                                    absl::StrJoin(options_.rounds, ", ")));
  }
  if (key.household_id().empty() || key.household_id().size() > kMaxIdBytes) {
    problems.push_back(absl::StrCat("key.household_id: required, at most ", kMaxIdBytes, " bytes"));
  }
  if (!problems.empty()) return absl::InvalidArgumentError(absl::StrJoin(problems, "; "));
  return absl::OkStatus();
}

absl::Status SyncEngine::ReadVersion(const v1::HouseholdKey& key, uint64_t version,
                                     store::VersionMeta* meta, v1::Household* record) const {
  std::string value;
  rocksdb::Status status =
      store_->db()->Get(rocksdb::ReadOptions(), store_->versions(),
                        VersionKeyOf(key.round_id(), key.household_id(), version), &value);
  if (status.IsNotFound()) {
    return absl::NotFoundError(
        absl::StrCat("household ", key.household_id(), " has no version ", version));
  }
  RETURN_IF_ERROR(FromRocksStatus(status, "read version"));
  return DecodeVersionValue(value, meta, record);
}

absl::StatusOr<store::HouseholdHead> SyncEngine::ReadHead(const v1::HouseholdKey& key) const {
  std::string value;
  rocksdb::Status status =
      store_->db()->Get(rocksdb::ReadOptions(), store_->households(),
                        HouseholdKeyOf(key.round_id(), key.household_id()), &value);
  if (status.IsNotFound()) {
    return absl::NotFoundError(absl::StrCat("household ", key.household_id(), " of round ",
                                            key.round_id(), ": not found"));
  }
  RETURN_IF_ERROR(FromRocksStatus(status, "read household head"));
  store::HouseholdHead head;
  if (!head.ParseFromString(value)) return absl::DataLossError("household head: corrupt");
  return head;
}

absl::Status SyncEngine::CommitHouseholdChange(const v1::HouseholdKey& key,
                                               const ChangeLocation& old,
                                               store::HouseholdHead* head,
                                               rocksdb::WriteBatch* batch) {
  const uint64_t seq = watermark_.Reserve(1);
  RefileChange(*store_, key.round_id(), key.household_id(), old, seq, head, batch);
  batch->Merge(store_->meta(), kMetaLastSeq, EncodeFixed64BE(seq));
  rocksdb::WriteOptions write_options;
  write_options.sync = true;
  rocksdb::Status status = store_->db()->Write(write_options, batch);
  if (!status.ok()) {
    watermark_.Abandon(seq);
    return FromRocksStatus(status, "write household change");
  }
  watermark_.Finish(seq);
  return absl::OkStatus();
}

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
