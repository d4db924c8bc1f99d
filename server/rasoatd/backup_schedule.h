// BackupSchedule: rasoatd's scheduled backups (--backup_every, --backup_keep): on a thread of
// its own, a backup (recorded_backup.h) whenever the newest in the directory is `every`
// old — at once at start if it already is — each logged as a "backup" event with its id, size
// and duration, or as an error with its cause. A failed backup is tried again after a tenth of
// `every` (at least a minute), not a whole period later.
//
// Thread-safety: the constructor starts the thread, the destructor stops it (a backup under way
// finishes first) and joins it; nothing else is called.
#pragma once

#include <thread>

#include "absl/base/thread_annotations.h"
#include "absl/time/time.h"
#include "server/rasoatd/event_log.h"
#include "sync/audit/audit_log.h"
#include "sync/base/mutex.h"
#include "sync/store/store_backups.h"

namespace rasoat {

class BackupSchedule {
 public:
  // None is owned; all outlive this. `every` is positive. Each backup is recorded in
  // `audit_log` with no login: rasoatd's own.
  BackupSchedule(StoreBackups* backups, audit::AuditLog* audit_log, absl::Duration every,
                 const EventLog* log);
  ~BackupSchedule();

  BackupSchedule(const BackupSchedule&) = delete;
  BackupSchedule& operator=(const BackupSchedule&) = delete;

 private:
  void Run();
  // How long until the next backup is due, by the newest in the directory.
  absl::Duration UntilDue() const;
  // Waits `wait` or until stopping; returns whether it is stopping.
  bool WaitOrStop(absl::Duration wait);

  StoreBackups* const backups_;       // not owned
  audit::AuditLog* const audit_log_;  // not owned
  const absl::Duration every_;
  const EventLog* const log_;  // not owned
  Mutex mu_;
  bool stopping_ ABSL_GUARDED_BY(mu_) = false;
  std::thread thread_;
};

}  // namespace rasoat
