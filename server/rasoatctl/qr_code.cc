#include "server/rasoatctl/qr_code.h"

#include <cerrno>
#include <memory>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include <qrencode.h>

namespace rasoat::ctl {
namespace {

// The most bytes a QR code holds in 8-bit mode at level M (version 40).
constexpr size_t kMaxBytesAtLevelM = 2331;

// The characters of a line's cell by its upper and lower module; a light module is drawn.
constexpr absl::string_view kBothLight = "\u2588";   // █
constexpr absl::string_view kUpperLight = "\u2580";  // ▀
constexpr absl::string_view kLowerLight = "\u2584";  // ▄
constexpr absl::string_view kBothDark = " ";

constexpr absl::string_view kBlackAndWhiteOn = "\x1b[97;40m";
constexpr absl::string_view kColorsOff = "\x1b[0m";

struct QrcodeDeleter {
  void operator()(QRcode* code) const { QRcode_free(code); }
};

}  // namespace

absl::StatusOr<QrModules> EncodeQr(absl::string_view text) {
  if (text.empty()) return absl::InvalidArgumentError("a QR code of an empty text");
  // Checked here as well as by libqrencode, whose size argument is an int.
  if (text.size() > kMaxBytesAtLevelM) {
    return absl::InvalidArgumentError(absl::StrCat("a text of ", text.size(),
                                                   " bytes does not fit a QR code (at most ",
                                                   kMaxBytesAtLevelM, " at level M)"));
  }
  errno = 0;
  const std::unique_ptr<QRcode, QrcodeDeleter> code(QRcode_encodeData(
      static_cast<int>(text.size()), reinterpret_cast<const unsigned char*>(text.data()),
      /*version=*/0, QR_ECLEVEL_M));
  if (code == nullptr) {
    const int error = errno;
    switch (error) {
      case EINVAL:
      case ERANGE:
        return absl::InvalidArgumentError(
            absl::StrCat("libqrencode cannot encode a text of ", text.size(),
                         " bytes: ", error == ERANGE ? "too long" : "invalid input"));
      case ENOMEM:
        return absl::InternalError("libqrencode ran out of memory");
      default:
        return absl::InternalError(absl::StrCat("libqrencode failed, errno ", error));
    }
  }
  QrModules modules;
  modules.version = code->version;
  modules.width = code->width;
  const size_t count = static_cast<size_t>(code->width) * static_cast<size_t>(code->width);
  modules.dark.resize(count);
  // Bit 0 of each byte is the module's colour (1 dark); the others say what the module is for.
  for (size_t i = 0; i < count; ++i) modules.dark[i] = (code->data[i] & 1) != 0;
  return modules;
}

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
