#include "sync/store/rocks_status.h"

#include <string>

#include "absl/strings/str_cat.h"

namespace rasoat {

absl::Status FromRocksStatus(const rocksdb::Status& status, std::string_view context) {
  if (status.ok()) return absl::OkStatus();
  std::string message = absl::StrCat(std::string(context), ": ", status.ToString());
  if (status.IsNotFound()) return absl::NotFoundError(message);
  if (status.IsCorruption()) return absl::DataLossError(message);
  if (status.IsBusy() || status.IsTimedOut() || status.IsTryAgain() || status.IsIOError()) {
    if (status.ToString().find("lock") != std::string::npos) {
      return absl::FailedPreconditionError(message);
    }
    return absl::UnavailableError(message);
  }
  return absl::InternalError(message);
}

}  // namespace rasoat
