// What rasoatd does so that the personal data it writes (the WAL, the SST files, RocksDB's LOG,
// the SQLite program store) is readable by its own user only: a umask of 077 for every file and
// directory it creates, and a warning at start for what was made readable by others before.
//
// Thread-safety: KeepNewFilesPrivate changes the process's umask; call it from main before any
// other thread starts. ExposedPersonalData only reads.
#pragma once

#include <string>
#include <vector>

namespace rasoat {

// Sets the process's umask to 077, so every file rasoatd creates is 0600 and every directory
// 0700, whatever the umask it was started with.
void KeepNewFilesPrivate();

// One warning for each of `data_dir` and the program store's file that exists and that its
// group or other users may read, write or enter: its path, its mode and the chmod that fixes
// it. `program_store` is the --program_store flag: "sqlite:PATH", empty for DATA_DIR/program.db,
// or a PostgreSQL URI (nothing to check on this machine). Paths that do not exist yet give no
// warning: rasoatd creates them private.
std::vector<std::string> ExposedPersonalData(const std::string& data_dir,
                                             const std::string& program_store);

}  // namespace rasoat
