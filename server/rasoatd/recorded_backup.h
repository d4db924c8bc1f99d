// CreateRecordedBackup: a backup of the store (sync/store/store_backups.h) that the audit log
// records first, durably, as AUDIT_ACTION_BACKUP_CREATED under who asked for it (an admin's
// call, or rasoatd's own schedule with no login): a backup is a copy of every household's
// personal data, so none is made unrecorded, and each backup holds its own entry.
//
// Thread-safety: as StoreBackups::CreateBackup (one backup at a time; others are refused).
#pragma once

#include <string>

#include "absl/status/statusor.h"
#include "sync/audit/audit_log.h"
#include "sync/store/store_backups.h"

namespace rasoat {

// The backup made, or the audit log's errors (nothing was copied), or CreateBackup's.
absl::StatusOr<BackupSummary> CreateRecordedBackup(StoreBackups& backups, audit::AuditLog& log,
                                                   std::string login, std::string device_id);

}  // namespace rasoat
