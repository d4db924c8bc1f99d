#include "tests/support/damaged_files.h"

#include <filesystem>
#include <fstream>

namespace rasoat::testing {

int DamageFiles(const std::string& dir, std::string_view extension) {
  int damaged = 0;
  for (const auto& entry : std::filesystem::recursive_directory_iterator(dir)) {
    if (entry.path().extension() != extension) continue;
    std::fstream file(entry.path(), std::ios::in | std::ios::out | std::ios::binary);
    const auto middle = static_cast<std::streamoff>(entry.file_size() / 2);
    file.seekg(middle);
    const char byte = static_cast<char>(file.get());
    file.seekp(middle);
    file.put(static_cast<char>(byte ^ 0x5a));
    ++damaged;
  }
  return damaged;
}

}  // namespace rasoat::testing
