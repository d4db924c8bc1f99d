// DamageFiles: what a bad disk does to a backup or a data directory, for tests that must find
// it: one byte flipped in the middle of each file, its size kept, so only a checksum tells.
//
// Thread-safety: a function; the files must not be written meanwhile.
#pragma once

#include <string>
#include <string_view>

namespace rasoat::testing {

// Flips a byte in the middle of every file under `dir` (recursively) whose name ends in
// `extension` (".sst"); returns how many it damaged.
int DamageFiles(const std::string& dir, std::string_view extension);

}  // namespace rasoat::testing
