#include "proto/client/program_version.h"

#include <string>

#include "absl/flags/usage_config.h"
#include "absl/strings/str_cat.h"

namespace rasoat {

// Defined in the build folder's build_version.cc (cmake/write_build_version.cmake).
extern const char kBuildVersion[];
extern const char kBuildType[];

std::string_view BuildVersion() { return kBuildVersion; }

std::string VersionLine(std::string_view program) {
  return absl::StrCat(std::string(program), " ", kBuildVersion, " (", kBuildType, " build)\n");
}

void SetVersionFlag(std::string_view program) {
  absl::FlagsUsageConfig config;
  config.version_string = [name = std::string(program)] { return VersionLine(name); };
  absl::SetFlagsUsageConfig(config);
}

}  // namespace rasoat
