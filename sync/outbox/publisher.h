// Publisher delivers approvals to the program store (DESIGN.md "Publishing to the program
// store"). An approval writes an outbox entry in its own batch; this thread reads the outbox in
// order, upserts each household into the program store, and only once the store has confirmed
// deletes the entry and records the household's published version (both through the
// Committer, like every state change). When the store is down it retries the same entry with
// exponential backoff, so approvals go on, the backlog grows and drains, in order, when the
// store returns. Redelivery (after a crash between the store's confirmation and the delete) is
// harmless: the store's upsert never replaces a newer version.
//
// An entry the store refuses for good (publish::IsRefusal: a constraint, a value it cannot
// hold) is parked as a dead letter with the store's error, in the same store, so that it never
// blocks the others. The later entries of its household are parked behind it (held), so a
// household's versions never publish out of order, while other households flow on. An admin
// sees dead letters in Status and retries them with RetryDeadLetters once the cause is removed.
//
// Thread-safety: every public method may be called from any thread; the program store is used
// by the publisher's own thread only. A retry waits for the delivery in progress to finish.
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <thread>
#include <utility>

#include "absl/base/thread_annotations.h"
#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "rasoat/v1/admin.pb.h"
#include "sync/base/mutex.h"
#include "sync/outbox/drain_waiters.h"
#include "sync/outbox/publisher_options.h"
#include "sync/publish/program_store.h"
#include "sync/store/store.h"

namespace rasoat {

class Committer;

class Publisher {
 public:
  // How many dead letters Status lists (it counts them all).
  static constexpr size_t kListedDeadLetters = 100;

  // `store` and `committer` are not owned and must outlive this.
  // REQUIRES: options.Validate() is OK.
  Publisher(const Store* store, Committer* committer,
            std::unique_ptr<publish::ProgramStore> program_store, PublisherOptions options);
  // Stops the thread; an entry being delivered finishes first. The outbox keeps the rest.
  // Calls still waiting in WhenDrained are answered.
  ~Publisher();

  // Counts the outbox (entries left by a previous run) and the dead letters, and starts
  // delivering. DATA_LOSS, UNAVAILABLE or INTERNAL if the store cannot be read.
  absl::Status Start();

  // New entries were committed: `added` more in the backlog.
  void Wake(uint64_t added);

  // Backlog, oldest entry's age, last error, last delivery, the dead letters (counted, and the
  // oldest kListedDeadLetters listed). First waits up to `wait_drained` for the backlog to be
  // empty, blocking this thread: for tests and tools; a server waits with WhenDrained.
  v1::GetPublishStatusResponse Status(
      std::chrono::milliseconds wait_drained = std::chrono::milliseconds(0)) const;

  // Runs `done` once the backlog is empty, or after `max_wait`, without holding a thread
  // meanwhile (DrainWaiters::Add): at once on this thread if it is empty now, else on the
  // waiters' own thread; `done` must not block. Returns an id for CancelWhenDrained.
  // RESOURCE_EXHAUSTED, and `done` never runs, when options.max_drain_waiters calls wait.
  absl::StatusOr<uint64_t> WhenDrained(std::chrono::milliseconds max_wait,
                                       std::function<void()> done);
  // Forgets a waiter whose call went away; its `done` never runs unless it runs already.
  void CancelWhenDrained(uint64_t id);
  // How many WhenDrained callbacks wait now.
  size_t waiting_for_drain() const { return drain_waiters_.waiting(); }

  // For the admin `login`, puts the dead letters of request.household (unset: of every
  // household) back in the outbox
  // under their seqs, so they are delivered again, in order, before any later entry of their
  // household. A dead letter with a newer one of its household is superseded instead: deleted,
  // since the program store keeps one row per household and the newer one is retried.
  // INVALID_ARGUMENT for a household key missing an id or with text that is not an id;
  // NOT_FOUND if the household named has no dead letter; DATA_LOSS, UNAVAILABLE or INTERNAL
  // if the store fails (nothing moved). Each retry is in the audit log, as each delivery and
  // each dead letter is.
  absl::Status RetryDeadLetters(std::string_view login, const v1::RetryDeadLettersRequest& request,
                                v1::RetryDeadLettersResponse* response);

 private:
  using HouseholdId = std::pair<std::string, std::string>;  // (round_id, household_id)

  void Run();
  // Delivers or parks one entry read while generation_ was `generation`; sets *stale instead,
  // doing nothing, if a retry has changed the outbox since (the batch must be read again).
  absl::Status Handle(const OutboxItem& item, uint64_t generation, bool* stale);
  // The store confirmed the entry: it goes, and the household records what the store has.
  absl::Status Confirm(const OutboxItem& item) ABSL_EXCLUSIVE_LOCKS_REQUIRED(order_mu_);
  // Moves the entry to the dead letters: refused with `error`, or held behind the refused
  // `held_behind_version` of its household.
  absl::Status Park(const OutboxItem& item, const std::string& error, uint64_t held_behind_version)
      ABSL_EXCLUSIVE_LOCKS_REQUIRED(order_mu_);
  // Sleeps up to `wait` unless stopping; returns false if stopping.
  bool Pause(std::chrono::milliseconds wait);
  // Tells the drain waiters whether the backlog is empty.
  void BacklogChanged() ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_);

  const Store* const store_;    // not owned
  Committer* const committer_;  // not owned
  const std::unique_ptr<publish::ProgramStore> program_store_;
  const PublisherOptions options_;
  DrainWaiters drain_waiters_;

  // Orders changes of the outbox and the dead letters: held while one entry is delivered or
  // parked, and by a retry. Taken before mu_.
  Mutex order_mu_;
  // Households with a refused dead letter, and its approved version: their later entries are
  // held behind it.
  std::map<HouseholdId, uint64_t> parked_ ABSL_GUARDED_BY(order_mu_);
  // Bumped by every retry: a batch read before it may lack the entries it put back.
  uint64_t generation_ ABSL_GUARDED_BY(order_mu_) = 0;

  mutable Mutex mu_;
  bool stopping_ ABSL_GUARDED_BY(mu_) = false;
  // Wake() calls (and retries) not yet seen by the thread.
  uint64_t wakeups_ ABSL_GUARDED_BY(mu_) = 0;
  std::string last_error_ ABSL_GUARDED_BY(mu_);
  int64_t last_published_micros_ ABSL_GUARDED_BY(mu_) = 0;
  // Entries in the outbox.
  uint64_t backlog_ ABSL_GUARDED_BY(mu_) = 0;
  // Entries in the dead letters.
  uint64_t dead_letters_ ABSL_GUARDED_BY(mu_) = 0;
  std::thread thread_;
};

}  // namespace rasoat
