#include "server/rasoatd/recorded_backup.h"

#include <utility>

#include "sync/audit/audit_event.h"

namespace rasoat {

absl::StatusOr<BackupSummary> CreateRecordedBackup(StoreBackups& backups, audit::AuditLog& log,
                                                   std::string login, std::string device_id) {
  audit::AuditEvent event;
  event.action = audit::ACTION_BACKUP_CREATED;
  event.login = std::move(login);
  event.device_id = std::move(device_id);
  event.subject = "the whole store, into --backup_dir";
  if (absl::Status recorded = log.RecordRead(event); !recorded.ok()) return recorded;
  return backups.CreateBackup();
}

}  // namespace rasoat
