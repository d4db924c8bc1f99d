#include "server/rasoatctl/qr_code.h"

#include "absl/strings/str_cat.h"

namespace rasoat::ctl {
namespace {

// The characters of a line's cell by its upper and lower module; a light module is drawn.
constexpr absl::string_view kBothLight = "\u2588";   // █
constexpr absl::string_view kUpperLight = "\u2580";  // ▀
constexpr absl::string_view kLowerLight = "\u2584";  // ▄
constexpr absl::string_view kBothDark = " ";

constexpr absl::string_view kBlackAndWhiteOn = "\x1b[97;40m";
constexpr absl::string_view kColorsOff = "\x1b[0m";

}  // namespace

absl::StatusOr<std::string> TerminalQrCode(absl::string_view text, QrColors colors) {
  absl::StatusOr<QrModules> modules = EncodeQr(text);
  if (!modules.ok()) return modules.status();
  const int width = modules->width;
  const int side = width + 2 * kQrQuietZoneModules;
  // Module (x, y) of the code with its quiet zone; below the quiet zone is dark (blank).
  const auto light = [&](int x, int y) {
    if (y >= side) return false;
    const int cx = x - kQrQuietZoneModules;
    const int cy = y - kQrQuietZoneModules;
    if (cx < 0 || cx >= width || cy < 0 || cy >= width) return true;
    return !modules->IsDark(cx, cy);
  };
  std::string out;
  for (int y = 0; y < side; y += 2) {
    if (colors == QrColors::kBlackAndWhite) absl::StrAppend(&out, kBlackAndWhiteOn);
    for (int x = 0; x < side; ++x) {
      const bool upper = light(x, y);
      const bool lower = light(x, y + 1);
      absl::StrAppend(
          &out, upper ? (lower ? kBothLight : kUpperLight) : (lower ? kLowerLight : kBothDark));
    }
    if (colors == QrColors::kBlackAndWhite) absl::StrAppend(&out, kColorsOff);
    out.push_back('\n');
  }
  return out;
}

}  // namespace rasoat::ctl
