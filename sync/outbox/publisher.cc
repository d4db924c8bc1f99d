#include "sync/outbox/publisher.h"

#include <algorithm>
#include <limits>
#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "sync/audit/audit_event.h"
#include "sync/base/limits.h"
#include "sync/base/status_macros.h"
#include "sync/base/text.h"
#include "sync/store/committer.h"

namespace rasoat {
namespace {

// The actor of the publisher's audit entries.
constexpr std::string_view kPublisherLogin = "rasoatd";

// The audit entry of `action` on the approved version of `row`'s household, by `login`.
std::string AuditEntryOf(audit::Action action, std::string_view login,
                         const v1::PublishedHousehold& row) {
  audit::AuditEvent event;
  event.action = action;
  event.login = std::string(login);
  event.round_id = row.round_id();
  event.household_id = row.household_id();
  event.versions = {row.approved_version()};
  return audit::EncodeUnsealed(event, absl::ToUnixMicros(absl::Now()));
}

// OK, or INVALID_ARGUMENT naming `field`, for an id a retry names.
absl::Status CheckId(const std::string& id, const char* field) {
  if (id.empty() || id.size() > kMaxIdBytes) {
    return absl::InvalidArgumentError(
        absl::StrCat(field, ": required, at most ", kMaxIdBytes, " bytes"));
  }
  if (absl::Status text = CheckText(id, TextKind::kId); !text.ok()) {
    return absl::InvalidArgumentError(absl::StrCat(field, ": ", text.message()));
  }
  return absl::OkStatus();
}

v1::DeadLetter ToWire(const store::DeadLetter& letter) {
  const v1::PublishedHousehold& row = letter.entry().household();
  v1::DeadLetter wire;
  wire.mutable_key()->set_round_id(row.round_id());
  wire.mutable_key()->set_household_id(row.household_id());
  wire.set_commune_code(row.commune_code());
  wire.set_approved_version(row.approved_version());
  wire.set_error(letter.error());
  wire.set_held_behind_version(letter.held_behind_version());
  wire.set_parked_at_unix_micros(letter.parked_at_micros());
  return wire;
}

}  // namespace

Publisher::Publisher(const Store* store, Committer* committer,
                     std::unique_ptr<publish::ProgramStore> program_store, PublisherOptions options)
    : store_(store),
      committer_(committer),
      program_store_(std::move(program_store)),
      options_(options),
      drain_waiters_(options.max_drain_waiters) {}

Publisher::~Publisher() {
  {
    MutexLock lock(&mu_);
    stopping_ = true;
  }
  if (thread_.joinable()) thread_.join();
}

absl::Status Publisher::Start() {
  ASSIGN_OR_RETURN(const uint64_t pending, store_->CountOutbox());
  ASSIGN_OR_RETURN(const std::vector<DeadLetterItem> letters,
                   store_->ReadDeadLetters(std::numeric_limits<size_t>::max()));
  {
    MutexLock order(&order_mu_);
    for (const DeadLetterItem& item : letters) {
      const v1::PublishedHousehold& row = item.letter.entry().household();
      parked_.emplace(HouseholdId(row.round_id(), row.household_id()),
                      item.letter.held_behind_version() == 0 ? row.approved_version()
                                                             : item.letter.held_behind_version());
    }
  }
  {
    MutexLock lock(&mu_);
    backlog_ = pending;
    dead_letters_ = letters.size();
    BacklogChanged();
  }
  thread_ = std::thread(&Publisher::Run, this);
  return absl::OkStatus();
}

void Publisher::Wake(uint64_t added) {
  MutexLock lock(&mu_);
  backlog_ += added;
  ++wakeups_;
  BacklogChanged();
}

void Publisher::BacklogChanged() { drain_waiters_.SetDrained(backlog_ == 0); }

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
    uint64_t generation = 0;
    {
      MutexLock order(&order_mu_);
      generation = generation_;  // before the read: a retry after it makes the batch stale
    }
    absl::StatusOr<std::vector<OutboxItem>> entries = store_->ReadOutbox(options_.batch);
    absl::Status result = entries.status();
    if (result.ok() && entries->empty()) {
      MutexLock lock(&mu_);
      mu_.Await([this]() ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_) { return stopping_ || wakeups_ > 0; });
      continue;
    }
    if (result.ok()) {
      for (const OutboxItem& item : *entries) {
        bool stale = false;
        result = Handle(item, generation, &stale);
        if (!result.ok() || stale) break;
      }
    }
    if (result.ok()) {
      backoff = options_.initial_backoff;
      continue;
    }
    {
      MutexLock lock(&mu_);
      last_error_ = result.ToString();
    }
    // Keep the order: after the pause, start again from the oldest entry left.
    if (!Pause(backoff)) return;
    backoff = std::min(backoff * 2, options_.max_backoff);
  }
}

absl::Status Publisher::Handle(const OutboxItem& item, uint64_t generation, bool* stale) {
  MutexLock order(&order_mu_);
  if (generation_ != generation) {
    *stale = true;
    return absl::OkStatus();
  }
  const v1::PublishedHousehold& row = item.entry.household();
  if (const auto parked = parked_.find(HouseholdId(row.round_id(), row.household_id()));
      parked != parked_.end()) {
    return Park(item, "", parked->second);
  }
  const absl::Status upserted = program_store_->Upsert(row).status();
  if (publish::IsRefusal(upserted)) return Park(item, std::string(upserted.message()), 0);
  RETURN_IF_ERROR(upserted);
  return Confirm(item);
}

absl::Status Publisher::Confirm(const OutboxItem& item) {
  const v1::PublishedHousehold& row = item.entry.household();
  const HouseholdLocks::Held held =
      committer_->locks().LockHousehold(row.round_id(), row.household_id());
  ASSIGN_OR_RETURN(store::HouseholdHead head, store_->ReadHead(row.round_id(), row.household_id()));
  CommitBatch batch(*store_);
  batch.DeleteOutbox(item.seq);
  batch.AddAuditEntry(AuditEntryOf(audit::ACTION_PUBLISHED, kPublisherLogin, row));
  if (row.approved_version() > head.published_version()) {
    head.set_published_version(row.approved_version());
    batch.PutHead(row.round_id(), row.household_id(), head);
  }
  // Not synced: if this write is lost, the entry is delivered again, which changes nothing.
  RETURN_IF_ERROR(committer_->Commit(held, &batch, Committer::Durability::kUnsynced));
  MutexLock lock(&mu_);
  --backlog_;
  BacklogChanged();
  last_error_.clear();
  last_published_micros_ = absl::ToUnixMicros(absl::Now());
  return absl::OkStatus();
}

absl::Status Publisher::Park(const OutboxItem& item, const std::string& error,
                             uint64_t held_behind_version) {
  const v1::PublishedHousehold& row = item.entry.household();
  store::DeadLetter letter;
  *letter.mutable_entry() = item.entry;
  letter.set_error(error);
  letter.set_parked_at_micros(absl::ToUnixMicros(absl::Now()));
  letter.set_held_behind_version(held_behind_version);
  CommitBatch batch(*store_);
  batch.ParkOutbox(item.seq, letter);
  // Not the store's reason: it may quote the row.
  batch.AddAuditEntry(AuditEntryOf(audit::ACTION_DEAD_LETTERED, kPublisherLogin, row));
  // Synced: a dead letter is what an admin is shown and acts on.
  RETURN_IF_ERROR(committer_->Commit(committer_->locks().Lock({}), &batch));
  if (held_behind_version == 0) {
    parked_.emplace(HouseholdId(row.round_id(), row.household_id()), row.approved_version());
  }
  MutexLock lock(&mu_);
  --backlog_;
  ++dead_letters_;
  BacklogChanged();
  return absl::OkStatus();
}

absl::Status Publisher::RetryDeadLetters(std::string_view login,
                                         const v1::RetryDeadLettersRequest& request,
                                         v1::RetryDeadLettersResponse* response) {
  const bool one = request.has_household();
  if (one) {
    RETURN_IF_ERROR(CheckId(request.household().round_id(), "household.round_id"));
    RETURN_IF_ERROR(CheckId(request.household().household_id(), "household.household_id"));
  }
  const HouseholdId only(request.household().round_id(), request.household().household_id());

  MutexLock order(&order_mu_);  // no delivery meanwhile: the outbox stays as read
  ASSIGN_OR_RETURN(std::vector<DeadLetterItem> letters,
                   store_->ReadDeadLetters(std::numeric_limits<size_t>::max()));
  // The newest dead letter of each household concerned: it is retried, the older superseded.
  std::map<HouseholdId, uint64_t> newest_seq;
  for (const DeadLetterItem& item : letters) {
    const v1::PublishedHousehold& row = item.letter.entry().household();
    HouseholdId household(row.round_id(), row.household_id());
    if (!one || household == only) newest_seq[std::move(household)] = item.seq;
  }
  if (one && newest_seq.empty()) {
    return absl::NotFoundError(
        absl::StrCat("household ", only.second, " of round ", only.first, " has no dead letter"));
  }
  CommitBatch batch(*store_);
  uint64_t retried = 0;
  uint64_t superseded = 0;
  for (const DeadLetterItem& item : letters) {
    const v1::PublishedHousehold& row = item.letter.entry().household();
    const auto newest = newest_seq.find(HouseholdId(row.round_id(), row.household_id()));
    if (newest == newest_seq.end()) continue;
    if (newest->second == item.seq) {
      batch.UnparkOutbox(item.seq, item.letter.entry());
      batch.AddAuditEntry(AuditEntryOf(audit::ACTION_DEAD_LETTER_RETRIED, login, row));
      ++retried;
    } else {
      batch.DeleteDeadLetter(item.seq);
      ++superseded;
    }
  }
  response->set_retried(retried);
  response->set_superseded(superseded);
  if (retried == 0) return absl::OkStatus();
  RETURN_IF_ERROR(committer_->Commit(committer_->locks().Lock({}), &batch));
  for (const auto& [household, seq] : newest_seq) parked_.erase(household);
  ++generation_;
  MutexLock lock(&mu_);
  backlog_ += retried;
  dead_letters_ -= retried + superseded;
  ++wakeups_;
  BacklogChanged();
  return absl::OkStatus();
}

absl::StatusOr<uint64_t> Publisher::WhenDrained(std::chrono::milliseconds max_wait,
                                                std::function<void()> done) {
  return drain_waiters_.Add(max_wait, std::move(done));
}

void Publisher::CancelWhenDrained(uint64_t id) { drain_waiters_.Cancel(id); }

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
  absl::StatusOr<std::vector<DeadLetterItem>> letters = store_->ReadDeadLetters(kListedDeadLetters);
  if (letters.ok()) {
    for (const DeadLetterItem& item : *letters) *status.add_dead_letters() = ToWire(item.letter);
  }
  MutexLock lock(&mu_);
  status.set_backlog(backlog_);
  status.set_dead_letter_count(dead_letters_);
  status.set_last_error(last_error_);
  status.set_last_published_at_unix_micros(last_published_micros_);
  return status;
}

}  // namespace rasoat
