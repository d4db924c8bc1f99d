#include "sync/publish/program_store.h"

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "sync/publish/postgres_program_store.h"
#include "sync/publish/sqlite_program_store.h"

namespace rasoat::publish {

absl::Status internal::NotARefusal(absl::Status status) {
  if (!IsRefusal(status)) return status;
  return absl::InternalError(status.message());
}

absl::StatusOr<std::unique_ptr<ProgramStore>> OpenProgramStore(const std::string& uri,
                                                               const std::string& data_dir) {
  if (uri.empty()) {
    if (data_dir.empty()) {
      return absl::InvalidArgumentError("no program store URI and no data directory");
    }
    return OpenSqliteProgramStore(absl::StrCat(data_dir, "/program.db"));
  }
  if (absl::StartsWith(uri, "sqlite:")) {
    const std::string path = uri.substr(sizeof("sqlite:") - 1);
    if (path.empty()) return absl::InvalidArgumentError("program store URI sqlite: needs a path");
    return OpenSqliteProgramStore(path);
  }
  if (absl::StartsWith(uri, "postgresql://") || absl::StartsWith(uri, "postgres://")) {
    return NewPostgresProgramStore(uri);
  }
  // Names only the scheme: the rest may hold a password.
  const size_t colon = uri.find(':');
  return absl::InvalidArgumentError(absl::StrCat(
      "program store URI ",
      colon == std::string::npos ? "has no scheme"
                                 : absl::StrCat("scheme \"", uri.substr(0, colon), "\" is unknown"),
      ": use postgresql://..., postgres://... or sqlite:PATH"));
}

}  // namespace rasoat::publish
