#include "sync/identity/principal.h"

namespace rasoat::identity {

bool Principal::CoversVillage(std::string_view commune_code, std::string_view village_code) const {
  if (is_admin()) return true;
  for (const v1::Scope& scope : scopes) {
    if (scope.commune_code() == commune_code &&
        (scope.village_code().empty() || scope.village_code() == village_code)) {
      return true;
    }
  }
  return false;
}

bool Principal::CoversCommune(std::string_view commune_code) const {
  if (is_admin()) return true;
  for (const v1::Scope& scope : scopes) {
    if (scope.commune_code() == commune_code && scope.village_code().empty()) return true;
  }
  return false;
}

Principal SystemPrincipal(std::string_view login) {
  Principal principal;
  principal.login = std::string(login);
  principal.role = v1::ROLE_ADMIN;
  return principal;
}

}  // namespace rasoat::identity
