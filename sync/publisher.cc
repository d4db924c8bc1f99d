#include "sync/publisher.h"

#include <algorithm>
#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "rocksdb/write_batch.h"
#include "sync/keys.h"
#include "sync/status_macros.h"
#include "sync/store_records.pb.h"

namespace rasoat {

Publisher::Publisher(Store* store, HouseholdLocks* locks,
                     std::unique_ptr<publish::ProgramStore> program_store, PublisherOptions options)
    : store_(store), locks_(locks), program_store_(std::move(program_store)), options_(options) {}

Publisher::~Publisher() {
  {
    MutexLock lock(&mu_);
    stopping_ = true;
  }
  if (thread_.joinable()) thread_.join();
}

absl::Status Publisher::Start() {
  std::unique_ptr<rocksdb::Iterator> it(
      store_->db()->NewIterator(rocksdb::ReadOptions(), store_->outbox()));
  uint64_t pending = 0;
  for (it->SeekToFirst(); it->Valid(); it->Next()) ++pending;
  RETURN_IF_ERROR(FromRocksStatus(it->status(), "count outbox"));
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
    std::vector<std::pair<std::string, std::string>> entries;
    std::unique_ptr<rocksdb::Iterator> it(
        store_->db()->NewIterator(rocksdb::ReadOptions(), store_->outbox()));
    for (it->SeekToFirst(); it->Valid() && entries.size() < options_.batch; it->Next()) {
      entries.emplace_back(it->key().ToString(), it->value().ToString());
    }
    absl::Status read = FromRocksStatus(it->status(), "read outbox");
    it.reset();
    if (entries.empty() && read.ok()) {
      MutexLock lock(&mu_);
      mu_.Await([this]() ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_) { return stopping_ || wakeups_ > 0; });
      continue;
    }
    for (const auto& [key, value] : entries) {
      if (!read.ok()) break;
      read = Deliver(key, value);
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

absl::Status Publisher::Deliver(const std::string& outbox_key, const std::string& value) {
  store::OutboxEntry entry;
  if (!entry.ParseFromString(value)) {
    return absl::DataLossError(absl::StrCat("outbox entry ", DecodeFixed64BE(outbox_key),
                                            " is corrupt; it stays until removed by hand"));
  }
  const v1::PublishedHousehold& row = entry.household();
  RETURN_IF_ERROR(program_store_->Upsert(row).status());

  // Confirmed: the entry goes, and the household records what the store has.
  const std::string household_key = HouseholdKeyOf(row.round_id(), row.household_id());
  HouseholdLocks::Held held = locks_->Lock({locks_->StripeOf(household_key)});
  rocksdb::WriteBatch batch;
  batch.Delete(store_->outbox(), outbox_key);
  std::string head_value;
  rocksdb::Status status =
      store_->db()->Get(rocksdb::ReadOptions(), store_->households(), household_key, &head_value);
  RETURN_IF_ERROR(FromRocksStatus(status, "read household head"));
  store::HouseholdHead head;
  if (!head.ParseFromString(head_value)) return absl::DataLossError("household head: corrupt");
  if (row.approved_version() > head.published_version()) {
    head.set_published_version(row.approved_version());
    batch.Put(store_->households(), household_key, head.SerializeAsString());
  }
  // Not synced: if this write is lost, the entry is delivered again, which changes nothing.
  RETURN_IF_ERROR(FromRocksStatus(store_->db()->Write(rocksdb::WriteOptions(), &batch),
                                  "remove delivered outbox entry"));
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
  std::unique_ptr<rocksdb::Iterator> it(
      store_->db()->NewIterator(rocksdb::ReadOptions(), store_->outbox()));
  it->SeekToFirst();
  store::OutboxEntry oldest;
  if (it->Valid() &&
      oldest.ParseFromArray(it->value().data(), static_cast<int>(it->value().size()))) {
    status.set_oldest_pending_age_seconds(
        static_cast<double>(absl::ToUnixMicros(absl::Now()) - oldest.enqueued_at_micros()) / 1e6);
  }
  MutexLock lock(&mu_);
  status.set_backlog(backlog_);
  status.set_last_error(last_error_);
  status.set_last_published_at_unix_micros(last_published_micros_);
  return status;
}

}  // namespace rasoat
