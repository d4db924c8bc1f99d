#include "sync/identity/user_fields.h"

#include <algorithm>
#include <string>

#include "absl/strings/str_cat.h"
#include "sync/base/status_macros.h"

namespace rasoat::identity {
namespace {

constexpr size_t kMaxLoginBytes = 64;
constexpr size_t kMaxCodeBytes = 64;

}  // namespace

absl::Status CheckLogin(std::string_view login) {
  const bool valid =
      !login.empty() && login.size() <= kMaxLoginBytes &&
      std::all_of(login.begin(), login.end(), [](char c) {
        return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '_' || c == '-';
      });
  if (valid) return absl::OkStatus();
  return absl::InvalidArgumentError(
      "login: 1 to 64 of lower-case letters, digits, '.', '_' and '-'");
}

absl::Status CheckBoundedText(std::string_view text, size_t max_bytes, TextKind kind,
                              std::string_view field) {
  if (text.size() > max_bytes) {
    return absl::InvalidArgumentError(
        absl::StrCat(std::string(field), ": at most ", max_bytes, " bytes"));
  }
  if (absl::Status checked = CheckText(text, kind); !checked.ok()) {
    return absl::InvalidArgumentError(absl::StrCat(std::string(field), ": ", checked.message()));
  }
  return absl::OkStatus();
}

absl::Status CheckScope(const v1::Scope& scope, v1::Role role) {
  if (scope.commune_code().empty()) {
    return absl::InvalidArgumentError("scope: commune_code is required");
  }
  RETURN_IF_ERROR(
      CheckBoundedText(scope.province_code(), kMaxCodeBytes, TextKind::kId, "scope.province_code"));
  RETURN_IF_ERROR(
      CheckBoundedText(scope.commune_code(), kMaxCodeBytes, TextKind::kId, "scope.commune_code"));
  RETURN_IF_ERROR(
      CheckBoundedText(scope.village_code(), kMaxCodeBytes, TextKind::kId, "scope.village_code"));
  if (role == v1::ROLE_COLLABORATOR && scope.village_code().empty()) {
    return absl::InvalidArgumentError(
        "scope: a collaborator's scope is a village: village_code is required");
  }
  return absl::OkStatus();
}

bool SameScope(const v1::Scope& a, const v1::Scope& b) {
  return a.commune_code() == b.commune_code() && a.village_code() == b.village_code();
}

}  // namespace rasoat::identity
