#include "server/documents/qr_code.h"

#include <cerrno>
#include <memory>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include <qrencode.h>

namespace rasoat::documents {
namespace {

// The most bytes a QR code holds in 8-bit mode at level M (version 40).
constexpr size_t kMaxBytesAtLevelM = 2331;

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

absl::StatusOr<std::string> SvgQrCode(absl::string_view text, int pixels_per_module) {
  absl::StatusOr<QrModules> modules = EncodeQr(text);
  if (!modules.ok()) return modules.status();
  const int side = modules->width + 2 * kSvgQuietZoneModules;
  const int pixels = side * pixels_per_module;
  std::string svg =
      absl::StrCat("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"", pixels, "\" height=\"",
                   pixels, "\" viewBox=\"0 0 ", side, " ", side,
                   "\" shape-rendering=\"crispEdges\"><rect width=\"100%\" height=\"100%\" "
                   "fill=\"#fff\"/><path fill=\"#000\" d=\"");
  for (int y = 0; y < modules->width; ++y) {
    for (int x = 0; x < modules->width; ++x) {
      if (!modules->IsDark(x, y)) continue;
      absl::StrAppend(&svg, "M", x + kSvgQuietZoneModules, " ", y + kSvgQuietZoneModules,
                      "h1v1h-1z");
    }
  }
  svg += "\"/></svg>\n";
  return svg;
}

}  // namespace rasoat::documents
