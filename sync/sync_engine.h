// SyncEngine is the core of rasoat without gRPC: it applies tablets' pushes to the versioned
// store (merging stale ones, validating and classifying every version), opens pulls of what
// changed, and carries out the reviewers' work: the queue, a household's history and diffs,
// conflict resolutions, approvals and returns, the commune summary. It owns the RocksDB store,
// the rounds' poverty standards, the household locks and the commit watermark.
//
// Thread-safety: every public method may be called from any number of threads at once. Pushes
// to one household serialize on its lock; pushes to different households run in parallel and
// share fsyncs (RocksDB groups concurrent synced writes; no lock of ours is held across one
// except the households' own).
#pragma once

#include <functional>
#include <memory>
#include <string>

#include "absl/container/flat_hash_set.h"
#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "rasoat/v1/admin.pb.h"
#include "rasoat/v1/review.pb.h"
#include "rasoat/v1/sync.pb.h"
#include "rocksdb/write_batch.h"
#include "sync/change_entry.h"
#include "sync/commit_watermark.h"
#include "sync/household_assessment.h"
#include "sync/household_locks.h"
#include "sync/publisher.h"
#include "sync/pull_session.h"
#include "sync/store.h"
#include "sync/sync_options.h"

namespace rasoat {

class SyncEngine {
 public:
  // Validates `options` and opens the store in options.data_dir. INVALID_ARGUMENT for a bad
  // option; FAILED_PRECONDITION if another process holds the data directory; DATA_LOSS or
  // INTERNAL if the store cannot be opened.
  static absl::StatusOr<std::unique_ptr<SyncEngine>> Open(SyncOptions options);

  // Applies `request` and fills `response` with one result per mutation, in order. Returns OK
  // once every applied mutation is durable. A mutation that fails CheckMutation gets a REJECTED
  // result; the others still apply.
  // INVALID_ARGUMENT: no device_id, or more mutations than max_batch_mutations (nothing applied).
  // UNAVAILABLE/INTERNAL/DATA_LOSS: the store failed; nothing of the batch was applied.
  absl::Status Push(const v1::PushRequest& request, v1::PushResponse* response);

  // Opens a pull of `request`. INVALID_ARGUMENT for an unknown round, no scope, a bad scope or
  // a bad cursor, naming the field. UNAVAILABLE/INTERNAL if the store cannot be read.
  absl::StatusOr<std::unique_ptr<PullSession>> StartPull(const v1::PullRequest& request);

  // ReviewService.ResolveConflict: for each named path, keep the head's value, take the
  // incoming one or set a new one; a new version; those conflicts close.
  // INVALID_ARGUMENT for a bad key, no resolutions, a path without an open conflict or a value
  // that does not parse; NOT_FOUND for an unknown household; FAILED_PRECONDITION if
  // request.version is not the current version.
  absl::Status ResolveConflict(const v1::ResolveConflictRequest& request,
                               v1::ResolveConflictResponse* response);

  // ReviewService.ListQueue. INVALID_ARGUMENT for an unknown round, no commune or a page token
  // from another listing.
  absl::Status ListQueue(const v1::ListQueueRequest& request,
                         v1::ListQueueResponse* response) const;

  // ReviewService.GetHousehold: the head, the current version's record, validation issues and
  // classification (CurrentClassification), and the history, newest first.
  // INVALID_ARGUMENT for a bad key; NOT_FOUND for an unknown household.
  absl::Status GetHousehold(const v1::GetHouseholdRequest& request,
                            v1::GetHouseholdResponse* response) const;

  // ReviewService.DiffVersions: the paths whose values differ, in record order.
  // INVALID_ARGUMENT for a bad key or a version 0; NOT_FOUND for an unknown household or
  // version.
  absl::Status DiffVersions(const v1::DiffVersionsRequest& request,
                            v1::DiffVersionsResponse* response) const;

  // ReviewService.Approve and Return: a reviewer's decision on the version they looked at,
  // durable and filed as a change so the tablets receive the new status in Pull.
  // INVALID_ARGUMENT for a bad key or a missing reviewer (or comment); NOT_FOUND for an unknown
  // household; FAILED_PRECONDITION if request.version is not current or the status does not
  // allow the decision. Approving the approved version again is OK and writes nothing.
  absl::Status Approve(const v1::ApproveRequest& request, v1::ApproveResponse* response);
  absl::Status Return(const v1::ReturnRequest& request, v1::ReturnResponse* response);

  // AdminService.GetPublishStatus: the publisher's backlog, oldest entry, last error; first
  // waits up to `wait_drained` for the backlog to empty.
  v1::GetPublishStatusResponse PublishStatus(
      std::chrono::milliseconds wait_drained = std::chrono::milliseconds(0)) const {
    return publisher_->Status(wait_drained);
  }

  // AdminService.ListPublished: a commune's households as the program store has them, over a
  // connection of its own. INVALID_ARGUMENT for a bad request; UNAVAILABLE if the store cannot
  // be reached.
  absl::Status ListPublished(const v1::ListPublishedRequest& request,
                             v1::ListPublishedResponse* response) const;

  // ReviewService.CommuneSummary. INVALID_ARGUMENT for an unknown round or no commune.
  absl::Status CommuneSummary(const v1::CommuneSummaryRequest& request,
                              v1::CommuneSummaryResponse* response) const;

  const SyncOptions& options() const { return options_; }
  // The store, for statistics and read-only inspection; not for writing.
  const Store& store() const { return *store_; }
  // Every change with seq <= this is durable and visible to pulls.
  uint64_t committed_seq() const { return watermark_.Committed(); }

 private:
  SyncEngine(SyncOptions options, RoundStandards standards, std::unique_ptr<Store> store,
             uint64_t last_seq);

  absl::Status CheckHouseholdKey(const v1::HouseholdKey& key) const;
  // INVALID_ARGUMENT naming `field` when round_id is not one of the rounds.
  absl::Status CheckRound(const std::string& round_id, const char* field) const;
  // Reads one version; NOT_FOUND if the household has no such version.
  absl::Status ReadVersion(const v1::HouseholdKey& key, uint64_t version, store::VersionMeta* meta,
                           v1::Household* record) const;
  // Under the household's lock: reads the head, checks that `version` is current and that
  // `allowed` says yes to its status, lets `decide` change the head and files the change.
  // FAILED_PRECONDITION otherwise, naming `action`.
  // `decide` may fill an outbox entry to write in the same batch; an error from it fails the
  // decision with nothing written.
  absl::Status DecideOnVersion(
      const v1::HouseholdKey& key, uint64_t version, const char* action,
      bool (*allowed)(v1::ReviewStatus),
      const std::function<absl::Status(store::HouseholdHead*, store::OutboxEntry*)>& decide,
      store::HouseholdHead* decided);
  // NOT_FOUND if the household has no head.
  absl::StatusOr<store::HouseholdHead> ReadHead(
      const v1::HouseholdKey& key,
      const rocksdb::ReadOptions& read_options = rocksdb::ReadOptions()) const;
  // The changes-family prefix of a commune's households, or one village's. INVALID_ARGUMENT for
  // an unknown round, no commune, or ids over kMaxIdBytes.
  absl::StatusOr<std::string> CommuneListingPrefix(const std::string& round_id,
                                                   const std::string& commune_code,
                                                   const std::string& village_code) const;
  // Files the household's change at a new seq and writes `batch` durably.
  // REQUIRES: the household's lock is held.
  // With `outbox` (may be null), also writes it to the outbox under the change's seq.
  absl::Status CommitHouseholdChange(const v1::HouseholdKey& key, const ChangeLocation& old,
                                     store::HouseholdHead* head, rocksdb::WriteBatch* batch,
                                     const store::OutboxEntry* outbox = nullptr);

  const SyncOptions options_;
  const absl::flat_hash_set<std::string> rounds_;
  const RoundStandards standards_;
  const std::unique_ptr<Store> store_;
  HouseholdLocks locks_;
  CommitWatermark watermark_;
  // Declared last: stops before the store and the locks it uses go away.
  std::unique_ptr<Publisher> publisher_;
};

}  // namespace rasoat
