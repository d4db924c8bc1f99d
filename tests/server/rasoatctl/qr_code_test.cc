// The QR code rasoatctl shows for an enrolment token (server/rasoatctl/qr_code.h): the module
// matrix has the size and the finder and timing patterns the QR specification fixes for the
// token's length, and the terminal text has the promised shape and reads back, character by
// character, to exactly that matrix with its quiet zone.
#include "server/rasoatctl/qr_code.h"

#include <string>
#include <utility>
#include <vector>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "absl/status/status.h"
#include "absl/strings/str_split.h"
#include "absl/strings/string_view.h"
#include "absl/strings/strip.h"

namespace rasoat::ctl {
namespace {

using ::testing::ElementsAreArray;
using ::testing::SizeIs;

// "rst1_" and 43 base64url characters: 48 bytes, the shape of an enrolment token.
constexpr absl::string_view kToken = "rst1_q8Zk-3vT_0aLwP9mR2xYc7NbE4uHs6jDgF1oVtK5iW-";

// A version 3 code holds 42 bytes at level M, a version 4 code 62 (ISO/IEC 18004 table 7).
constexpr int kTokenVersion = 4;
constexpr int kTokenWidth = 17 + 4 * kTokenVersion;  // 33

QrModules Encoded(absl::string_view text) {
  absl::StatusOr<QrModules> modules = EncodeQr(text);
  EXPECT_TRUE(modules.ok()) << modules.status();
  return modules.ok() ? *std::move(modules) : QrModules{};
}

// Whether the 7x7 finder pattern (a dark ring, a light ring, a dark 3x3 centre) has its top-left
// module at (left, top), with the light separator along the sides that face the code's inside.
void ExpectFinderPattern(const QrModules& modules, int left, int top) {
  for (int dy = 0; dy < 7; ++dy) {
    for (int dx = 0; dx < 7; ++dx) {
      const bool ring = dx == 0 || dx == 6 || dy == 0 || dy == 6;
      const bool centre = dx >= 2 && dx <= 4 && dy >= 2 && dy <= 4;
      EXPECT_EQ(modules.IsDark(left + dx, top + dy), ring || centre)
          << "module (" << left + dx << ", " << top + dy << ")";
    }
  }
  // The separator: the column and row of light modules between the pattern and the rest.
  const int separator_x = left == 0 ? 7 : left - 1;
  const int separator_y = top == 0 ? 7 : top - 1;
  for (int d = 0; d < 8; ++d) {
    const int y = top == 0 ? d : top - 1 + d;
    const int x = left == 0 ? d : left - 1 + d;
    EXPECT_FALSE(modules.IsDark(separator_x, y))
        << "separator (" << separator_x << ", " << y << ")";
    EXPECT_FALSE(modules.IsDark(x, separator_y))
        << "separator (" << x << ", " << separator_y << ")";
  }
}

// The modules (true for light) that a line of terminal text draws, upper row then lower row;
// fails the test on a character that is none of the four.
std::pair<std::vector<bool>, std::vector<bool>> ReadLine(absl::string_view line) {
  std::vector<bool> upper, lower;
  while (!line.empty()) {
    bool up, down;
    if (absl::ConsumePrefix(&line, "\u2588")) {
      up = down = true;
    } else if (absl::ConsumePrefix(&line, "\u2580")) {
      up = true, down = false;
    } else if (absl::ConsumePrefix(&line, "\u2584")) {
      up = false, down = true;
    } else if (absl::ConsumePrefix(&line, " ")) {
      up = down = false;
    } else {
      ADD_FAILURE() << "unexpected character at \"" << line << "\"";
      break;
    }
    upper.push_back(up);
    lower.push_back(down);
  }
  return {upper, lower};
}

// The lines of `text` without their "\n"; fails the test if `text` does not end in one.
std::vector<std::string> Lines(absl::string_view text) {
  EXPECT_TRUE(absl::ConsumeSuffix(&text, "\n")) << "no newline at the end";
  return absl::StrSplit(text, '\n');
}

// The module rows (true for light) a terminal QR code draws, two per line.
std::vector<std::vector<bool>> ReadRows(absl::string_view text) {
  std::vector<std::vector<bool>> rows;
  for (const std::string& line : Lines(text)) {
    auto [upper, lower] = ReadLine(line);
    rows.push_back(std::move(upper));
    rows.push_back(std::move(lower));
  }
  return rows;
}

TEST(EncodeQrTest, TokenTakesTheSmallestVersionThatHoldsIt) {
  const QrModules modules = Encoded(kToken);
  EXPECT_EQ(modules.version, kTokenVersion);
  EXPECT_EQ(modules.width, kTokenWidth);
  EXPECT_THAT(modules.dark, SizeIs(kTokenWidth * kTokenWidth));
}

TEST(EncodeQrTest, FinderPatternsAreInTheTopLeftTopRightAndBottomLeftCorners) {
  const QrModules modules = Encoded(kToken);
  ASSERT_EQ(modules.width, kTokenWidth);
  ExpectFinderPattern(modules, 0, 0);
  ExpectFinderPattern(modules, kTokenWidth - 7, 0);
  ExpectFinderPattern(modules, 0, kTokenWidth - 7);
  // The bottom-right corner holds data and the alignment pattern, not a finder: its 7x7 square
  // is not a dark ring.
  bool ring = true;
  for (int d = 0; d < 7; ++d) {
    ring = ring && modules.IsDark(kTokenWidth - 7 + d, kTokenWidth - 7) &&
           modules.IsDark(kTokenWidth - 7 + d, kTokenWidth - 1) &&
           modules.IsDark(kTokenWidth - 7, kTokenWidth - 7 + d) &&
           modules.IsDark(kTokenWidth - 1, kTokenWidth - 7 + d);
  }
  EXPECT_FALSE(ring);
}

TEST(EncodeQrTest, TimingPatternsAlternateBetweenTheFinders) {
  const QrModules modules = Encoded(kToken);
  ASSERT_EQ(modules.width, kTokenWidth);
  for (int i = 8; i < kTokenWidth - 8; ++i) {
    EXPECT_EQ(modules.IsDark(i, 6), i % 2 == 0) << "row 6, column " << i;
    EXPECT_EQ(modules.IsDark(6, i), i % 2 == 0) << "column 6, row " << i;
  }
  // The module the specification fixes dark beside the bottom-left finder.
  EXPECT_TRUE(modules.IsDark(8, 4 * kTokenVersion + 9));
}

TEST(EncodeQrTest, MatrixDependsOnEveryByteIncludingNul) {
  const QrModules token = Encoded(kToken);
  EXPECT_EQ(Encoded(kToken).dark, token.dark);
  std::string changed(kToken);
  changed.back() = 'A';
  EXPECT_NE(Encoded(changed).dark, token.dark);
  using std::string_literals::operator""s;
  EXPECT_NE(Encoded("a\0b"s).dark, Encoded("a").dark);
  EXPECT_NE(Encoded("a\0b"s).dark, Encoded("a\0c"s).dark);
}

TEST(EncodeQrTest, LargestTextAtLevelMFitsVersion40AndOneByteMoreIsInvalid) {
  const QrModules largest = Encoded(std::string(2331, 'x'));
  EXPECT_EQ(largest.version, 40);
  EXPECT_EQ(largest.width, 177);
  EXPECT_EQ(EncodeQr(std::string(2332, 'x')).status().code(), absl::StatusCode::kInvalidArgument);
}

TEST(EncodeQrTest, EmptyAndOverlongTextsAreInvalidArguments) {
  EXPECT_EQ(EncodeQr("").status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(EncodeQr(std::string(10000, 'x')).status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(TerminalQrCode("", QrColors::kTerminal).status().code(),
            absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(TerminalQrCode(std::string(10000, 'x'), QrColors::kBlackAndWhite).status().code(),
            absl::StatusCode::kInvalidArgument);
}

TEST(TerminalQrCodeTest, LinesHoldTwoModuleRowsAndOneColumnPerModule) {
  absl::StatusOr<std::string> text = TerminalQrCode(kToken, QrColors::kTerminal);
  ASSERT_TRUE(text.ok()) << text.status();
  const int side = kTokenWidth + 2 * kQrQuietZoneModules;  // 37
  const std::vector<std::string> lines = Lines(*text);
  EXPECT_THAT(lines, SizeIs((side + 1) / 2));
  for (const std::string& line : lines) {
    // Code points, as a terminal shows them; each half block is 3 bytes of UTF-8.
    EXPECT_THAT(ReadLine(line).first, SizeIs(side)) << line;
  }
}

TEST(TerminalQrCodeTest, DrawsLightModulesAndQuietZoneAndReadsBackToTheMatrix) {
  const QrModules modules = Encoded(kToken);
  absl::StatusOr<std::string> text = TerminalQrCode(kToken, QrColors::kTerminal);
  ASSERT_TRUE(text.ok()) << text.status();
  const int quiet = kQrQuietZoneModules;
  const int side = modules.width + 2 * quiet;
  std::vector<std::vector<bool>> expected;
  for (int y = 0; y < side; ++y) {
    std::vector<bool> row;
    for (int x = 0; x < side; ++x) {
      const bool in_code = x >= quiet && x < side - quiet && y >= quiet && y < side - quiet;
      row.push_back(!in_code || !modules.IsDark(x - quiet, y - quiet));
    }
    expected.push_back(std::move(row));
  }
  // The side is odd, so the last line's lower half lies below the quiet zone: blank.
  ASSERT_EQ(side % 2, 1);
  expected.push_back(std::vector<bool>(side, false));
  EXPECT_THAT(ReadRows(*text), ElementsAreArray(expected));
}

TEST(TerminalQrCodeTest, BlackAndWhiteWrapsEachLineInColours) {
  absl::StatusOr<std::string> plain = TerminalQrCode(kToken, QrColors::kTerminal);
  absl::StatusOr<std::string> coloured = TerminalQrCode(kToken, QrColors::kBlackAndWhite);
  ASSERT_TRUE(plain.ok()) << plain.status();
  ASSERT_TRUE(coloured.ok()) << coloured.status();
  const std::vector<std::string> plain_lines = Lines(*plain);
  std::vector<std::string> unwrapped;
  for (absl::string_view line : Lines(*coloured)) {
    EXPECT_TRUE(absl::ConsumePrefix(&line, "\x1b[97;40m")) << line;
    EXPECT_TRUE(absl::ConsumeSuffix(&line, "\x1b[0m")) << line;
    unwrapped.emplace_back(line);
  }
  EXPECT_EQ(unwrapped, plain_lines);
}

}  // namespace
}  // namespace rasoat::ctl
