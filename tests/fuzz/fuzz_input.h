// FuzzInput: how the fuzz targets of this folder cut one libFuzzer input into the parts they
// need (a mode byte, a serialized record, a path, a value). A part is a 2-byte little-endian
// length followed by that many bytes, so a seed is easy to write by hand or from a script
// (tests/fuzz/corpus/) and a mutation of one part leaves the others where they were.
//
// Thread-safety: one owner at a time; the bytes it reads are not owned and must outlive it.
#pragma once

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <string_view>

namespace rasoat::fuzz {

class FuzzInput {
 public:
  FuzzInput(const uint8_t* data, size_t size) : rest_(reinterpret_cast<const char*>(data), size) {}

  // The next byte, or 0 once the input is used up.
  uint8_t TakeByte() {
    if (rest_.empty()) return 0;
    const uint8_t byte = static_cast<uint8_t>(rest_.front());
    rest_.remove_prefix(1);
    return byte;
  }

  // The next part: a 2-byte little-endian length, then that many bytes (fewer if the input
  // ends first).
  std::string_view TakePart() {
    const size_t low = TakeByte();
    const size_t length = low | (size_t{TakeByte()} << 8);
    const std::string_view part = rest_.substr(0, std::min(length, rest_.size()));
    rest_.remove_prefix(part.size());
    return part;
  }

  // Everything not taken yet.
  std::string_view TakeRest() {
    const std::string_view rest = rest_;
    rest_ = {};
    return rest;
  }

 private:
  std::string_view rest_;
};

// Stops the run, so that libFuzzer saves the input, when `property` is false, saying which
// property was violated. Unlike assert it is kept in every build type.
inline void Require(bool property, const char* what) {
  if (property) return;
  std::fprintf(stderr, "property violated: %s\n", what);
  __builtin_trap();
}

}  // namespace rasoat::fuzz
