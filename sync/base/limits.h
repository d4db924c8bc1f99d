// Limits every component checks its input against before anything is stored: the longest
// identifier (round, household, commune, village, device, mutation) a store key can hold.
// Checked at the edge of each component, so that a key is never built from a longer one.
//
// Thread-safety: constants.
#pragma once

#include <cstddef>

namespace rasoat {

// Longest identifier a key can hold: keys store an id's length in one byte.
inline constexpr size_t kMaxIdBytes = 128;

}  // namespace rasoat
