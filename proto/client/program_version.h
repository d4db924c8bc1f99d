// What every rasoat program answers to --version: the version of the sources it was built from
// (`git describe` at build time, or the project's version without a git checkout) and the build
// type, e.g. "rasoatd 0.1.0+g1612c8a-dirty (Release build)". Here, beside the wire contract, so
// that rasoatd, rasoatctl and rasoat-tablet share it.
//
// Thread-safety: SetVersionFlag before absl::ParseCommandLine, on the main thread; the rest are
// constants.
#pragma once

#include <string>
#include <string_view>

namespace rasoat {

// The version of the sources, e.g. "0.1.0+g1612c8a".
std::string_view BuildVersion();

// "PROGRAM VERSION (TYPE build)\n".
std::string VersionLine(std::string_view program);

// Makes --version print VersionLine(program) in place of Abseil's "Debug build" guess.
void SetVersionFlag(std::string_view program);

}  // namespace rasoat
