#include "sync/outbox/publisher.h"

#include <algorithm>
#include <utility>
#include <vector>

#include "absl/time/clock.h"
#include "sync/base/status_macros.h"
#include "sync/store/committer.h"

namespace rasoat {

Publisher::Publisher(const Store* store, Committer* committer,
                     std::unique_ptr<publish::ProgramStore> program_store, PublisherOptions options)
    : store_(store),
      committer_(committer),
      program_store_(std::move(program_store)),
      options_(options) {}

Publisher::~Publisher() {
  {
    MutexLock lock(&mu_);
    stopping_ = true;
  }
  if (thread_.joinable()) thread_.join();
}

absl::Status Publisher::Start() {
  ASSIGN_OR_RETURN(const uint64_t pending, store_->CountOutbox());
  {
    MutexLock lock(&mu_);
    backlog_ = pending;
  }
  thread_ = std::thread(&Publisher::Run, this);
  return absl::OkStatus();
}

void Publisher::Wake(uint64_t added) {
  MutexLock lock(&mu_);
  backlog_ += added;
  ++wakeups_;
}

bool Publisher::Pause(std::chrono::milliseconds wait) {
  MutexLock lock(&mu_);
  mu_.AwaitWithTimeout([this]() ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_) { return stopping_; }, wait);
  return !stopping_;
}

void Publisher::Run() {
  std::chrono::milliseconds backoff = options_.initial_backoff;
  for (;;) {
    {
      MutexLock lock(&mu_);
      if (stopping_) return;
      wakeups_ = 0;  // whatever is committed from here on is in the read below, or wakes us
    }
    absl::StatusOr<std::vector<OutboxItem>> entries = store_->ReadOutbox(options_.batch);
    absl::Status read = entries.status();
    if (read.ok() && entries->empty()) {
      MutexLock lock(&mu_);
      mu_.Await([this]() ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_) { return stopping_ || wakeups_ > 0; });
      continue;
    }
    if (read.ok()) {
      for (const OutboxItem& item : *entries) {
        read = Deliver(item);
        if (!read.ok()) break;
      }
    }
    if (read.ok()) {
      backoff = options_.initial_backoff;
      continue;
    }
    {
      MutexLock lock(&mu_);
      last_error_ = read.ToString();
    }
    // Keep the order: after the pause, start again from the oldest entry left.
    if (!Pause(backoff)) return;
    backoff = std::min(backoff * 2, options_.max_backoff);
  }
}

absl::Status Publisher::Deliver(const OutboxItem& item) {
  const v1::PublishedHousehold& row = item.entry.household();
  RETURN_IF_ERROR(program_store_->Upsert(row).status());

  // Confirmed: the entry goes, and the household records what the store has.
  const HouseholdLocks::Held held =
      committer_->locks().LockHousehold(row.round_id(), row.household_id());
  ASSIGN_OR_RETURN(store::HouseholdHead head, store_->ReadHead(row.round_id(), row.household_id()));
  CommitBatch batch(*store_);
  batch.DeleteOutbox(item.seq);
  if (row.approved_version() > head.published_version()) {
    head.set_published_version(row.approved_version());
    batch.PutHead(row.round_id(), row.household_id(), head);
  }
  // Not synced: if this write is lost, the entry is delivered again, which changes nothing.
  RETURN_IF_ERROR(committer_->Commit(held, &batch, Committer::Durability::kUnsynced));
  MutexLock lock(&mu_);
  --backlog_;
  last_error_.clear();
  last_published_micros_ = absl::ToUnixMicros(absl::Now());
  return absl::OkStatus();
}

v1::GetPublishStatusResponse Publisher::Status(std::chrono::milliseconds wait_drained) const {
  v1::GetPublishStatusResponse status;
  if (wait_drained.count() > 0) {
    MutexLock lock(&mu_);
    mu_.AwaitWithTimeout(
        [this]() ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_) { return backlog_ == 0 || stopping_; },
        wait_drained);
  }
  status.set_program_store(program_store_->Describe());
  absl::StatusOr<std::vector<OutboxItem>> oldest = store_->ReadOutbox(1);
  if (oldest.ok() && !oldest->empty()) {
    status.set_oldest_pending_age_seconds(
        static_cast<double>(absl::ToUnixMicros(absl::Now()) -
                            oldest->front().entry.enqueued_at_micros()) /
        1e6);
  }
  MutexLock lock(&mu_);
  status.set_backlog(backlog_);
  status.set_last_error(last_error_);
  status.set_last_published_at_unix_micros(last_published_micros_);
  return status;
}

}  // namespace rasoat
