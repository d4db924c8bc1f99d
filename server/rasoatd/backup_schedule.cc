#include "server/rasoatd/backup_schedule.h"

#include <algorithm>
#include <string>
#include <vector>

#include "absl/time/clock.h"
#include "server/rasoatd/recorded_backup.h"

namespace rasoat {

BackupSchedule::BackupSchedule(StoreBackups* backups, audit::AuditLog* audit_log,
                               absl::Duration every, const EventLog* log)
    : backups_(backups), audit_log_(audit_log), every_(every), log_(log), thread_([this] {
        Run();
      }) {}

BackupSchedule::~BackupSchedule() {
  {
    MutexLock lock(&mu_);
    stopping_ = true;
  }
  thread_.join();
}

absl::Duration BackupSchedule::UntilDue() const {
  absl::StatusOr<std::vector<BackupSummary>> backups = backups_->ListBackups();
  if (!backups.ok() || backups->empty()) return absl::ZeroDuration();
  const absl::Time newest = absl::FromUnixSeconds(backups->back().created_unix_seconds);
  return std::max(absl::ZeroDuration(), newest + every_ - absl::Now());
}

bool BackupSchedule::WaitOrStop(absl::Duration wait) {
  MutexLock lock(&mu_);
  mu_.AwaitWithTimeout([this]() ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_) { return stopping_; },
                       absl::ToChronoMilliseconds(wait));
  return stopping_;
}

void BackupSchedule::Run() {
  absl::Duration wait = UntilDue();
  while (!WaitOrStop(wait)) {
    const absl::Time start = absl::Now();
    absl::StatusOr<BackupSummary> made = CreateRecordedBackup(*backups_, *audit_log_, "", "");
    if (made.ok()) {
      log_->Write(LogLine("info", "backup")
                      .Add("backup_id", static_cast<int64_t>(made->id))
                      .Add("bytes", made->bytes)
                      .Add("files", static_cast<int64_t>(made->files))
                      .Add("seconds", absl::ToDoubleSeconds(absl::Now() - start))
                      .Add("dir", backups_->dir()));
      wait = every_;
    } else {
      log_->Write(LogLine("error", "backup")
                      .Add("code", absl::StatusCodeToString(made.status().code()))
                      .Add("message", std::string(made.status().message()))
                      .Add("dir", backups_->dir()));
      wait = std::max(every_ / 10, absl::Minutes(1));
    }
  }
}

}  // namespace rasoat
