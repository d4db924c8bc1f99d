// Publisher delivers approvals to the program store (DESIGN.md "Publishing to the program
// store"). An approval writes an outbox entry in its own batch; this thread reads the outbox in
// order, upserts each household into the program store, and only once the store has confirmed
// deletes the entry and records the household's published version (both through the
// Committer, like every state change). When the store is down it
// retries the same entry with exponential backoff, so approvals go on, the backlog grows and
// drains, in order, when the store returns. Redelivery (after a crash between the store's
// confirmation and the delete) is harmless: the store's upsert never replaces a newer version.
//
// Thread-safety: Start, Wake, Status and the destructor may be called from any thread; the
// program store is used by the publisher's own thread only.
#pragma once

#include <chrono>
#include <cstdint>
#include <memory>
#include <string>
#include <thread>

#include "absl/base/thread_annotations.h"
#include "absl/status/status.h"
#include "rasoat/v1/admin.pb.h"
#include "sync/base/mutex.h"
#include "sync/outbox/publisher_options.h"
#include "sync/publish/program_store.h"
#include "sync/store/store.h"

namespace rasoat {

class Committer;

class Publisher {
 public:
  // `store` and `committer` are not owned and must outlive this.
  // REQUIRES: options.Validate() is OK.
  Publisher(const Store* store, Committer* committer,
            std::unique_ptr<publish::ProgramStore> program_store, PublisherOptions options);
  // Stops the thread; an entry being delivered finishes first. The outbox keeps the rest.
  ~Publisher();

  // Counts the outbox (entries left by a previous run) and starts delivering.
  absl::Status Start();

  // New entries were committed: `added` more in the backlog.
  void Wake(uint64_t added);

  // Backlog, oldest entry's age, last error, last delivery; first waits up to `wait_drained`
  // for the backlog to be empty.
  v1::GetPublishStatusResponse Status(
      std::chrono::milliseconds wait_drained = std::chrono::milliseconds(0)) const;

 private:
  void Run();
  // Delivers one entry; OK once the store confirmed and the entry is gone.
  absl::Status Deliver(const OutboxItem& item);
  // Sleeps up to `wait` unless stopping; returns false if stopping.
  bool Pause(std::chrono::milliseconds wait);

  const Store* const store_;    // not owned
  Committer* const committer_;  // not owned
  const std::unique_ptr<publish::ProgramStore> program_store_;
  const PublisherOptions options_;

  mutable Mutex mu_;
  bool stopping_ ABSL_GUARDED_BY(mu_) = false;
  // Wake() calls not yet seen by the thread.
  uint64_t wakeups_ ABSL_GUARDED_BY(mu_) = 0;
  std::string last_error_ ABSL_GUARDED_BY(mu_);
  int64_t last_published_micros_ ABSL_GUARDED_BY(mu_) = 0;
  // Entries in the outbox.
  uint64_t backlog_ ABSL_GUARDED_BY(mu_) = 0;
  std::thread thread_;
};

}  // namespace rasoat
