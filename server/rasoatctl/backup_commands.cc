#include "server/rasoatctl/backup_commands.h"

#include <cstdint>
#include <ostream>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/time/time.h"
#include "server/rasoatctl/format.h"

namespace rasoat::ctl {
namespace {

using Stub = v1::AdminService::Stub;

std::string Utc(int64_t unix_micros) {
  return absl::FormatTime("%Y-%m-%d %H:%M:%S UTC", absl::FromUnixMicros(unix_micros),
                          absl::UTCTimeZone());
}

std::string Megabytes(uint64_t bytes) {
  return absl::StrCat(absl::SixDigits(static_cast<double>(bytes) / (1 << 20)), " MB");
}

int RunCreate(const CommandContext& context) {
  v1::CreateBackupResponse response;
  const grpc::Status status =
      context.Call(&Stub::CreateBackup, v1::CreateBackupRequest(), &response);
  if (!status.ok()) return context.RpcError(status);
  if (context.settings.json) return context.PrintJson(response);
  *context.out << "backup " << response.backup().backup_id()
               << " made: " << response.backup().file_count() << " files, "
               << Megabytes(response.backup().size_bytes()) << "\n";
  return kExitOk;
}

int RunList(const CommandContext& context) {
  v1::ListBackupsResponse response;
  const grpc::Status status = context.Call(&Stub::ListBackups, v1::ListBackupsRequest(), &response);
  if (!status.ok()) return context.RpcError(status);
  if (context.settings.json) return context.PrintJson(response);
  Table table({"ID", "MADE", "FILES", "SIZE"});
  for (const v1::Backup& backup : response.backups()) {
    table.AddRow({absl::StrCat(backup.backup_id()), Utc(backup.created_at_unix_micros()),
                  absl::StrCat(backup.file_count()), Megabytes(backup.size_bytes())});
  }
  table.Print(*context.out);
  return kExitOk;
}

int RunVerify(const CommandContext& context, const std::string& id) {
  v1::VerifyBackupRequest request;
  uint32_t backup_id = 0;
  if (!absl::SimpleAtoi(id, &backup_id) || backup_id == 0) {
    return context.Usage(absl::StrCat("'", id, "' is not a backup id (rasoatctl backup list)"));
  }
  request.set_backup_id(backup_id);
  v1::VerifyBackupResponse response;
  const grpc::Status status = context.Call(&Stub::VerifyBackup, request, &response);
  if (!status.ok()) return context.RpcError(status);
  if (context.settings.json) {
    const int printed = context.PrintJson(response);
    return printed != kExitOk ? printed : (response.intact() ? kExitOk : kExitAuditBroken);
  }
  if (!response.intact()) {
    *context.out << "backup " << backup_id << " is DAMAGED: " << response.problem() << "\n";
    return kExitAuditBroken;
  }
  *context.out << "backup " << backup_id << " intact: every file matches its checksum\n";
  return kExitOk;
}

}  // namespace

int RunBackup(const CommandContext& context, const std::vector<std::string>& args) {
  if (args[0] == "create" && args.size() == 1) return RunCreate(context);
  if (args[0] == "list" && args.size() == 1) return RunList(context);
  if (args[0] == "verify" && args.size() == 2) return RunVerify(context, args[1]);
  if (args[0] == "restore") {
    return context.Usage(
        "a restore is offline: stop rasoatd, then run rasoatd --restore_from=BACKUP_DIR "
        "--data_dir=NEW_DIR and start rasoatd on NEW_DIR (deploy/README.md, \"Restore\")");
  }
  if (args[0] == "create" || args[0] == "list" || args[0] == "verify") {
    return context.Usage(absl::StrCat("wrong number of arguments to backup ", args[0]));
  }
  return context.Usage(absl::StrCat("unknown backup command '", args[0], "'"));
}

}  // namespace rasoat::ctl
