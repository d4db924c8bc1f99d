// What text rasoat accepts into its store: everything stored must be storable downstream (the
// program store refuses a NUL; every store and every screen needs valid UTF-8) and safe to show.
// Push, the review decisions and every other edge check ids and free text here before anything
// is written, and name the offending field themselves (the check never quotes the text: it may be
// a person's name).
//
// Thread-safety: pure functions.
#pragma once

#include <string_view>

#include "absl/status/status.h"

namespace rasoat {

enum class TextKind {
  // An id or a code: valid UTF-8 with no control character at all (not even tab or newline).
  kId,
  // A name, an address, a note, a comment: valid UTF-8; tab and newline allowed, no other C0
  // control character and no DEL.
  kFreeText,
  // Any valid UTF-8, control characters included: what a protobuf string field must hold. Only
  // to say why a message did not parse (server/rasoatd/wire_problem.h); never enough for text
  // that is stored.
  kUtf8,
};

// OK, or INVALID_ARGUMENT saying what is wrong and at which byte offset, e.g. "has a NUL
// character at byte 7" or "is not valid UTF-8 at byte 3". The caller prefixes the field.
absl::Status CheckText(std::string_view text, TextKind kind);

}  // namespace rasoat
