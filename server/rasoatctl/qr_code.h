// A text (an enrolment token such as "rst1_" and 43 base64url characters) as a QR code drawn in a
// terminal, so that `rasoatctl device enroll` can show a token for a tablet's camera to read off
// the operator's screen. The modules are server/documents' (error correction level M, 8-bit
// mode, the smallest version that holds the text).
//
// How it is drawn: two rows of modules per line of text with the Unicode half blocks "▀", "▄",
// "█" and the space, one column per module, and a quiet zone of kQrQuietZoneModules light modules
// on every side. The LIGHT modules (quiet zone included) are the ones drawn, in the terminal's
// text colour; the dark modules are left blank, in its background colour. Plain, that is right on
// light-on-dark terminals (the common default) and inverted on dark-on-light ones, which many
// but not all scanners read; QrColors::kBlackAndWhite sets the colours explicitly so the code
// scans whatever the terminal's theme. This is the choice qrencode's own "-t UTF8" and
// "-t ANSIUTF8" make.
//
// The half blocks are one column wide except in CJK locales, where terminals may draw them two
// columns wide ("East Asian ambiguous width") and the code comes out stretched.
//
// Thread-safety: the functions are pure and may be called from any thread (libqrencode's
// encoder is reentrant).
#pragma once

#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "server/documents/qr_code.h"

namespace rasoat::ctl {

// Light modules around the code on every side. The QR specification asks for 4; 2 is what phone
// scanners need in practice and keeps the code small on an 80x24 terminal.
inline constexpr int kQrQuietZoneModules = 2;

// The modules of a text's QR code (server/documents/qr_code.h).
using documents::EncodeQr;
using documents::QrModules;

// How TerminalQrCode colours its lines.
enum class QrColors {
  // Only the characters: light modules in the terminal's text colour, dark ones in its
  // background. For output that is not a terminal, or a terminal known to be light-on-dark.
  kTerminal,
  // Each line wrapped in ANSI SGR codes ("\x1b[97;40m" ... "\x1b[0m": bright white text on a black
  // background), so the code is black on white on any terminal. For a terminal.
  kBlackAndWhite,
};

// EncodeQr(text) drawn as described at the top of this file: (width + 2 * kQrQuietZoneModules +
// 1) / 2 lines, each of width + 2 * kQrQuietZoneModules columns (plus the SGR codes with
// kBlackAndWhite) and ending in "\n". Line i shows module rows 2i (upper half) and 2i + 1 (lower
// half) of the code with its quiet zone; the lower half of the last line lies below the quiet
// zone and is blank.
// Returns what EncodeQr returns on failure.
absl::StatusOr<std::string> TerminalQrCode(absl::string_view text, QrColors colors);

}  // namespace rasoat::ctl
