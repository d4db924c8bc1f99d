// PullOptions: the limits of SyncService.Pull, with their defaults.
//
// Thread-safety: a plain value; immutable once the engine is open.
#pragma once

#include <cstddef>

#include "absl/status/status.h"

namespace rasoat {

struct PullOptions {
  // Entries (households and removals) per pull page when the request does not say, and the
  // most it may ask for. Default: 200 and 1000.
  size_t default_page_households = 200;
  size_t max_page_households = 1000;

  // The bytes a page's entries may add up to: everything a household's state carries counts
  // (record, open conflicts, reviewer's comment). A household that would take a page past it
  // starts the next page; one larger than this comes alone. Trade-off: larger pages mean fewer
  // round trips but more to resend when a link breaks mid-page; the cap keeps a page and its
  // cursor under a stock gRPC client's 4 MiB message limit.
  // Default: 1 MiB. At least 4096, at most 3 MiB.
  size_t max_page_bytes = 1 << 20;

  // Most scopes (villages or communes) one pull may name.
  // Default: 64.
  size_t max_pull_scopes = 64;

  // OK, or INVALID_ARGUMENT naming the first bad option.
  absl::Status Validate() const;
};

}  // namespace rasoat
