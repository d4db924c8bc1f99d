// PullOptions: the limits of SyncService.Pull, with their defaults.
//
// Thread-safety: a plain value; immutable once the engine is open.
#pragma once

#include <cstddef>

#include "absl/status/status.h"

namespace rasoat {

struct PullOptions {
  // Households per pull page when the request does not say, and the most it may ask for.
  // Default: 200 and 1000.
  size_t default_page_households = 200;
  size_t max_page_households = 1000;

  // A page is closed once its households add up to this many bytes.
  // Default: 1 MiB. At least 4096.
  size_t max_page_bytes = 1 << 20;

  // Most scopes (villages or communes) one pull may name.
  // Default: 64.
  size_t max_pull_scopes = 64;

  // OK, or INVALID_ARGUMENT naming the first bad option.
  absl::Status Validate() const;
};

}  // namespace rasoat
