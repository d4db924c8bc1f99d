// The file the first admin's token is kept in (DESIGN.md "Identity, authorization, audit"): on
// the first start of an empty store rasoatd makes an admin and a token, writes the token to
// DATA_DIR/admin.token readable by its own user only, and logs the path, never the token.
//
// Thread-safety: a function of its arguments and the file system.
#pragma once

#include <string>
#include <string_view>

#include "absl/status/status.h"

namespace rasoat {

// The path of the bootstrap token file in `data_dir`.
std::string AdminTokenPath(std::string_view data_dir);

// Writes `token` and a line break to `path`, mode 0600 whatever the umask, replacing what was
// there, and syncs it to disk. UNAVAILABLE naming the path and the system's reason if it
// cannot.
absl::Status WriteTokenFile(const std::string& path, std::string_view token);

}  // namespace rasoat
