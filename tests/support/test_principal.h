// The caller of in-process tests that drive sync/ directly, without a server: an admin, who may
// do anything anywhere, named "test-admin". Tests of scopes and roles make their own Principal.
//
// Thread-safety: returns an immutable object.
#pragma once

#include "sync/identity/principal.h"

namespace rasoat {

inline const identity::Principal& TestAdmin() {
  static const identity::Principal* const admin =
      new identity::Principal(identity::SystemPrincipal("test-admin"));
  return *admin;
}

}  // namespace rasoat
