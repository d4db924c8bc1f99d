// A text (an enrolment token such as "rst1_" and 43 base64url characters) as a QR code, for a
// tablet's camera to read off a screen: the modules (a thin wrapper over libqrencode: error
// correction level M, 8-bit mode, the smallest version that holds the text), and those modules
// drawn as an SVG image for the console. rasoatctl draws them in a terminal
// (server/rasoatctl/qr_code.h).
//
// Thread-safety: the functions are pure and may be called from any thread (libqrencode's
// encoder is reentrant).
#pragma once

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"

namespace rasoat::documents {

// The modules of a QR code, without quiet zone.
struct QrModules {
  // 1 to 40.
  int version = 0;
  // Modules per side: 17 + 4 * version.
  int width = 0;
  // width * width entries, row by row from the top: true for a dark module.
  std::vector<bool> dark;

  // REQUIRES: 0 <= x < width and 0 <= y < width (x is the column, y the row).
  bool IsDark(int x, int y) const { return dark[static_cast<size_t>(y) * width + x]; }
};

// The QR code of `text`'s bytes (8-bit mode, no character set conversion; a NUL byte is data
// like any other), error correction level M, the smallest version that holds them.
// Returns INVALID_ARGUMENT if `text` is empty or longer than any QR code holds at level M
// (2,331 bytes), INTERNAL if libqrencode runs out of memory or fails for another reason.
absl::StatusOr<QrModules> EncodeQr(absl::string_view text);

// Light modules the SVG image has around the code on every side, as the QR specification asks.
inline constexpr int kSvgQuietZoneModules = 4;

// EncodeQr(text) as a standalone SVG image: black modules on white, the quiet zone included,
// `pixels_per_module` CSS pixels per module, one path of unit squares with crisp edges.
// Returns what EncodeQr returns on failure.
absl::StatusOr<std::string> SvgQrCode(absl::string_view text, int pixels_per_module);

}  // namespace rasoat::documents
