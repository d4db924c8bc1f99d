// StoreBackups: backups of the store with RocksDB's BackupEngine (DESIGN.md "Operations";
// deploy/README.md "Backups") — incremental (an SST file already backed up is shared, not
// copied again), checksummed (each file's crc32c is kept and VerifyBackup re-reads them), and
// made while the store serves: the memtables are flushed, then the live files are copied while
// pushes go on. Everything acknowledged before CreateBackup began is in the backup.
//
// A restore is offline: RestoreBackup fills an empty data directory from a backup and gives the
// restored store a new epoch (Store::BumpEpoch), so that a pull cursor issued after the backup
// — which the restored store would otherwise take for its own and skip what it claims was
// delivered — is refused and the tablet pulls from the beginning.
//
// Thread-safety: CreateBackup, ListBackups and VerifyBackup may be called from any thread; one
// backup runs at a time (another is refused with FAILED_PRECONDITION, not queued); the store
// must outlive this. RestoreBackup is a function of its arguments.
#pragma once

#include <atomic>
#include <cstdint>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "sync/store/store.h"

namespace rasoat {

struct BackupSummary {
  uint32_t id = 0;
  int64_t created_unix_seconds = 0;
  uint64_t bytes = 0;  // of its files, shared ones included
  uint32_t files = 0;
};

class StoreBackups {
 public:
  // Backups of `store` (not owned) in `dir` (created if missing), keeping the newest `keep`
  // after each new one (0: all).
  StoreBackups(const Store* store, std::string dir, uint32_t keep)
      : store_(store), dir_(std::move(dir)), keep_(keep) {}

  const std::string& dir() const { return dir_; }

  // A new backup, then the oldest beyond `keep` deleted. FAILED_PRECONDITION while another
  // runs; UNAVAILABLE or INTERNAL (naming the file) if it cannot be written, e.g. a full disk —
  // the store itself is untouched.
  absl::StatusOr<BackupSummary> CreateBackup();

  // The backups in dir(), oldest first.
  absl::StatusOr<std::vector<BackupSummary>> ListBackups() const;

  // Re-reads every file of backup `id` against its recorded size and checksum. NOT_FOUND if
  // there is no such backup; DATA_LOSS naming the file that differs.
  absl::Status VerifyBackup(uint32_t id) const;

 private:
  const Store* const store_;  // not owned
  const std::string dir_;
  const uint32_t keep_;
  std::atomic<bool> running_{false};
};

// The backups in `backup_dir`, oldest first, read without a store (rasoatctl's and rasoatd's
// offline verbs). NOT_FOUND if it holds no backup.
absl::StatusOr<std::vector<BackupSummary>> ListBackupsIn(const std::string& backup_dir);

// As StoreBackups::VerifyBackup, without a store.
absl::Status VerifyBackupIn(const std::string& backup_dir, uint32_t id);

// Restores backup `id` (0: the newest that verifies) of `backup_dir` into `data_dir`, which
// must not exist or be empty, verifies it, opens it and gives it a new epoch. Returns the
// backup restored. FAILED_PRECONDITION if data_dir holds anything; NOT_FOUND for no such
// backup; DATA_LOSS if its files do not match their checksums.
absl::StatusOr<BackupSummary> RestoreBackup(const std::string& backup_dir, uint32_t id,
                                            const std::string& data_dir);

}  // namespace rasoat
