// WriteHealth: whether the store can write now, as its last write and RocksDB's error handler
// tell. A write that fails with an I/O error (a full disk, a device gone) makes it unwritable,
// and so does an error RocksDB hits in the background (a flush or a compaction). It is writable
// again once a write succeeds or RocksDB says it has recovered. RocksDB recovers on its own
// when space comes back on a full disk. The owner of the health check (rasoatd) listens for
// the changes: it answers NOT_SERVING while the store cannot write, and logs each change once,
// with its reason. It also hears RocksDB's write stalls — writes slowed or stopped for a column
// family while flushes or compaction are behind (a slow or full disk) — and passes each change
// of one on to its own listener, for the log.
//
// Thread-safety: every method may be called from any thread. WriteSucceeded, on every commit,
// is one atomic load while the store is writable. The listener is called with the lock held,
// one change at a time, in the order they happen. It must not call back into WriteHealth.
#pragma once

#include <atomic>
#include <functional>
#include <string>
#include <string_view>

#include "sync/base/mutex.h"

namespace rasoat {

class WriteHealth {
 public:
  // Called on each change: writable or not, and why (the error, or what recovered).
  using Listener = std::function<void(bool writable, std::string_view reason)>;
  // How RocksDB lets writes into a column family go.
  enum class Stall { kNone, kDelayed, kStopped };
  // Called on each change of a column family's stall: what it is now, and what it was.
  using StallListener =
      std::function<void(std::string_view column_family, Stall now, Stall before)>;
  static std::string_view StallName(Stall stall);

  // Sets the listener and calls it at once if the store is unwritable already, so a change
  // made before there was a listener is not missed.
  void SetListener(Listener listener);

  // Sets the stall listener (nothing is replayed: a stall in progress is seen on /metrics).
  void SetStallListener(StallListener listener);

  bool writable() const { return writable_.load(std::memory_order_acquire); }

  // A write succeeded: writable, if it was not.
  void WriteSucceeded() {
    if (!writable()) Change(true, "a write succeeded");
  }
  // A write failed with an I/O error, or RocksDB stopped writes: `reason` says what failed
  // (file names and errno text, never data).
  void WriteFailed(std::string_view reason) {
    if (writable()) Change(false, reason);
  }
  // RocksDB's recovery from a background error ended: writable if it succeeded.
  void Recovered(std::string_view how) {
    if (!writable()) Change(true, how);
  }
  // RocksDB changed how it lets writes into `column_family` go (its stall listener's call).
  void StallChanged(std::string_view column_family, Stall now, Stall before);

 private:
  void Change(bool writable, std::string_view reason);

  std::atomic<bool> writable_{true};
  Mutex mu_;
  Listener listener_ ABSL_GUARDED_BY(mu_);
  StallListener stall_listener_ ABSL_GUARDED_BY(mu_);
};

}  // namespace rasoat
