#include "sync/base/text.h"

#include <cstddef>
#include <cstdint>
#include <string>

#include "absl/strings/str_cat.h"

namespace rasoat {
namespace {

// The length of the well-formed UTF-8 sequence at the start of `text` (RFC 3629: no overlong
// forms, no surrogates, nothing above U+10FFFF), or 0 when it is not one.
size_t Utf8SequenceLength(std::string_view text) {
  const auto byte = [&](size_t i) { return static_cast<uint8_t>(text[i]); };
  const auto continuation = [&](size_t i) { return i < text.size() && (byte(i) & 0xC0) == 0x80; };
  const uint8_t lead = byte(0);
  if (lead < 0x80) return 1;
  if (lead >= 0xC2 && lead <= 0xDF) return continuation(1) ? 2 : 0;
  if (lead >= 0xE0 && lead <= 0xEF) {
    if (!continuation(1) || !continuation(2)) return 0;
    if (lead == 0xE0 && byte(1) < 0xA0) return 0;   // overlong
    if (lead == 0xED && byte(1) >= 0xA0) return 0;  // a UTF-16 surrogate
    return 3;
  }
  if (lead >= 0xF0 && lead <= 0xF4) {
    if (!continuation(1) || !continuation(2) || !continuation(3)) return 0;
    if (lead == 0xF0 && byte(1) < 0x90) return 0;   // overlong
    if (lead == 0xF4 && byte(1) >= 0x90) return 0;  // above U+10FFFF
    return 4;
  }
  return 0;
}

std::string ControlName(uint8_t c) {
  switch (c) {
    case 0x00:
      return "a NUL character";
    case '\t':
      return "a tab";
    case '\n':
      return "a line break";
    case '\r':
      return "a carriage return";
    case 0x7F:
      return "a DEL character";
    default:
      return absl::StrCat("the control character U+00", c < 0x10 ? "0" : "",
                          absl::Hex(c, absl::kNoPad));
  }
}

}  // namespace

absl::Status CheckText(std::string_view text, TextKind kind) {
  for (size_t i = 0; i < text.size();) {
    const uint8_t c = static_cast<uint8_t>(text[i]);
    if ((c < 0x20 || c == 0x7F) && kind != TextKind::kUtf8) {
      const bool allowed = kind == TextKind::kFreeText && (c == '\t' || c == '\n');
      if (!allowed) {
        return absl::InvalidArgumentError(absl::StrCat("has ", ControlName(c), " at byte ", i));
      }
    }
    const size_t length = Utf8SequenceLength(text.substr(i));
    if (length == 0) {
      return absl::InvalidArgumentError(absl::StrCat("is not valid UTF-8 at byte ", i));
    }
    i += length;
  }
  return absl::OkStatus();
}

}  // namespace rasoat
