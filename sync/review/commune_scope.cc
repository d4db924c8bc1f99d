#include "sync/review/commune_scope.h"

#include "absl/strings/str_cat.h"
#include "sync/base/limits.h"
#include "sync/base/status_macros.h"

namespace rasoat {

absl::Status CheckCommuneScope(const rules::Rounds& rounds, const std::string& round_id,
                               const std::string& commune_code, const std::string& village_code) {
  RETURN_IF_ERROR(rounds.Check(round_id, "round_id"));
  if (commune_code.empty() || commune_code.size() > kMaxIdBytes ||
      village_code.size() > kMaxIdBytes) {
    return absl::InvalidArgumentError(absl::StrCat(
        "commune_code: required; village_code: optional; each at most ", kMaxIdBytes, " bytes"));
  }
  return absl::OkStatus();
}

}  // namespace rasoat
