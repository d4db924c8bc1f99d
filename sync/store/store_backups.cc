#include "sync/store/store_backups.h"

#include <filesystem>
#include <memory>
#include <system_error>

#include "absl/strings/str_cat.h"
#include "rocksdb/env.h"
#include "rocksdb/utilities/backup_engine.h"
#include "sync/base/status_macros.h"
#include "sync/store/rocks_status.h"
#include "sync/store/store_access.h"

namespace rasoat {
namespace {

BackupSummary Summary(const rocksdb::BackupInfo& info) {
  BackupSummary summary;
  summary.id = info.backup_id;
  summary.created_unix_seconds = info.timestamp;
  summary.bytes = info.size;
  summary.files = info.number_files;
  return summary;
}

rocksdb::BackupEngineOptions EngineOptions(const std::string& dir) {
  rocksdb::BackupEngineOptions options(dir);
  // Each backup's files and metadata are fsynced before it counts (the default, said here).
  options.sync = true;
  // SST files named by their checksum and size, so a file shared by backups is verified once.
  options.share_files_with_checksum = true;
  options.max_background_operations = 2;
  return options;
}

absl::StatusOr<std::unique_ptr<rocksdb::BackupEngineReadOnly>> OpenReadOnly(
    const std::string& dir) {
  std::error_code error;
  if (!std::filesystem::is_directory(dir, error)) {
    return absl::NotFoundError(absl::StrCat("no backup directory ", dir));
  }
  rocksdb::BackupEngineReadOnly* engine = nullptr;
  RETURN_IF_ERROR(FromRocksStatus(
      rocksdb::BackupEngineReadOnly::Open(rocksdb::Env::Default(), EngineOptions(dir), &engine),
      absl::StrCat("open the backups in ", dir)));
  return std::unique_ptr<rocksdb::BackupEngineReadOnly>(engine);
}

std::vector<BackupSummary> List(const rocksdb::BackupEngineReadOnlyBase& engine) {
  std::vector<rocksdb::BackupInfo> infos;
  engine.GetBackupInfo(&infos);
  std::vector<BackupSummary> backups;
  backups.reserve(infos.size());
  for (const rocksdb::BackupInfo& info : infos) backups.push_back(Summary(info));
  return backups;
}

absl::Status Verify(const rocksdb::BackupEngineReadOnlyBase& engine, uint32_t id,
                    const std::string& dir) {
  rocksdb::BackupInfo info;
  if (!engine.GetBackupInfo(id, &info).ok()) {
    return absl::NotFoundError(absl::StrCat("no backup ", id, " in ", dir));
  }
  const rocksdb::IOStatus verified = engine.VerifyBackup(id, /*verify_with_checksum=*/true);
  if (verified.ok()) return absl::OkStatus();
  return absl::DataLossError(
      absl::StrCat("backup ", id, " in ", dir, " is damaged: ", verified.ToString()));
}

}  // namespace

absl::StatusOr<BackupSummary> StoreBackups::CreateBackup() {
  if (running_.exchange(true)) {
    return absl::FailedPreconditionError("a backup is being made; wait for it to finish");
  }
  struct Done {
    std::atomic<bool>* running;
    ~Done() { running->store(false); }
  } done{&running_};

  std::error_code error;
  std::filesystem::create_directories(dir_, error);
  if (error) {
    return absl::UnavailableError(
        absl::StrCat("cannot make the backup directory ", dir_, ": ", error.message()));
  }
  rocksdb::BackupEngine* opened = nullptr;
  RETURN_IF_ERROR(FromRocksStatus(
      rocksdb::BackupEngine::Open(EngineOptions(dir_), rocksdb::Env::Default(), &opened),
      absl::StrCat("open the backups in ", dir_)));
  const std::unique_ptr<rocksdb::BackupEngine> engine(opened);
  rocksdb::CreateBackupOptions options;
  options.flush_before_backup = true;
  rocksdb::BackupID id = 0;
  RETURN_IF_ERROR(FromRocksStatus(engine->CreateNewBackup(options, StoreAccess::db(*store_), &id),
                                  absl::StrCat("back up the store into ", dir_)));
  if (keep_ > 0) {
    RETURN_IF_ERROR(FromRocksStatus(engine->PurgeOldBackups(keep_),
                                    absl::StrCat("delete old backups in ", dir_)));
  }
  rocksdb::BackupInfo info;
  RETURN_IF_ERROR(FromRocksStatus(engine->GetBackupInfo(id, &info),
                                  absl::StrCat("read backup ", id, " in ", dir_)));
  return Summary(info);
}

absl::StatusOr<std::vector<BackupSummary>> StoreBackups::ListBackups() const {
  std::error_code error;
  if (!std::filesystem::is_directory(dir_, error)) return std::vector<BackupSummary>();
  ASSIGN_OR_RETURN(std::unique_ptr<rocksdb::BackupEngineReadOnly> engine, OpenReadOnly(dir_));
  return List(*engine);
}

absl::Status StoreBackups::VerifyBackup(uint32_t id) const { return VerifyBackupIn(dir_, id); }

absl::StatusOr<std::vector<BackupSummary>> ListBackupsIn(const std::string& backup_dir) {
  ASSIGN_OR_RETURN(std::unique_ptr<rocksdb::BackupEngineReadOnly> engine, OpenReadOnly(backup_dir));
  std::vector<BackupSummary> backups = List(*engine);
  if (backups.empty()) return absl::NotFoundError(absl::StrCat("no backup in ", backup_dir));
  return backups;
}

absl::Status VerifyBackupIn(const std::string& backup_dir, uint32_t id) {
  ASSIGN_OR_RETURN(std::unique_ptr<rocksdb::BackupEngineReadOnly> engine, OpenReadOnly(backup_dir));
  return Verify(*engine, id, backup_dir);
}

absl::StatusOr<BackupSummary> RestoreBackup(const std::string& backup_dir, uint32_t id,
                                            const std::string& data_dir) {
  std::error_code error;
  if (std::filesystem::exists(data_dir, error) && !std::filesystem::is_empty(data_dir, error)) {
    return absl::FailedPreconditionError(
        absl::StrCat(data_dir,
                     " is not empty: restore into a new directory, then point "
                     "--data_dir at it"));
  }
  ASSIGN_OR_RETURN(std::unique_ptr<rocksdb::BackupEngineReadOnly> engine, OpenReadOnly(backup_dir));
  const std::vector<BackupSummary> backups = List(*engine);
  if (backups.empty()) return absl::NotFoundError(absl::StrCat("no backup in ", backup_dir));
  BackupSummary chosen;
  if (id != 0) {
    for (const BackupSummary& backup : backups) {
      if (backup.id == id) chosen = backup;
    }
    if (chosen.id == 0)
      return absl::NotFoundError(absl::StrCat("no backup ", id, " in ", backup_dir));
    RETURN_IF_ERROR(Verify(*engine, id, backup_dir));
  } else {
    // The newest that verifies.
    absl::Status last = absl::OkStatus();
    for (auto it = backups.rbegin(); it != backups.rend() && chosen.id == 0; ++it) {
      last = Verify(*engine, it->id, backup_dir);
      if (last.ok()) chosen = *it;
    }
    if (chosen.id == 0) return last;
  }
  std::filesystem::create_directories(data_dir, error);
  RETURN_IF_ERROR(FromRocksStatus(engine->RestoreDBFromBackup(chosen.id, data_dir, data_dir),
                                  absl::StrCat("restore backup ", chosen.id, " into ", data_dir)));
  StoreOptions options;
  options.path = data_dir;
  ASSIGN_OR_RETURN(std::unique_ptr<Store> store, Store::Open(options));
  RETURN_IF_ERROR(store->BumpEpoch().status());
  return chosen;
}

}  // namespace rasoat
