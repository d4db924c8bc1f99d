// CheckText: which ids and free text may enter the store, and what the refusal says.
#include "sync/base/text.h"

#include <string>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "tests/support/status_matchers.h"

namespace rasoat {
namespace {

using ::rasoat::testing::StatusIs;
using ::testing::HasSubstr;

TEST(CheckTextTest, VietnameseTextAndEveryPlaneOfUnicodeAreAccepted) {
  for (const TextKind kind : {TextKind::kId, TextKind::kFreeText}) {
    EXPECT_OK(CheckText("", kind));
    EXPECT_OK(CheckText("hh-0042_thôn.1", kind));
    EXPECT_OK(CheckText("Nguyễn Thị Hương", kind));
    EXPECT_OK(
        CheckText("\xF0\x9F\x8C\xBE \xEF\xBF\xBD \xF4\x8F\xBF\xBF", kind));  // 🌾 U+FFFD U+10FFFF
  }
}

TEST(CheckTextTest, TabAndLineBreakAreFreeTextOnly) {
  EXPECT_OK(CheckText("dòng 1\n\tdòng 2", TextKind::kFreeText));
  EXPECT_THAT(CheckText("m\t1", TextKind::kId),
              StatusIs(absl::StatusCode::kInvalidArgument, "has a tab at byte 1"));
  EXPECT_THAT(CheckText("m1\n", TextKind::kId),
              StatusIs(absl::StatusCode::kInvalidArgument, "has a line break at byte 2"));
}

TEST(CheckTextTest, NulAndOtherControlCharactersAreRefusedEverywhere) {
  const std::string with_nul("Lâm Văn\0Null", 14);
  for (const TextKind kind : {TextKind::kId, TextKind::kFreeText}) {
    EXPECT_THAT(CheckText(with_nul, kind),
                StatusIs(absl::StatusCode::kInvalidArgument, "has a NUL character at byte 9"));
    EXPECT_THAT(CheckText("a\rb", kind),
                StatusIs(absl::StatusCode::kInvalidArgument, "has a carriage return at byte 1"));
    EXPECT_THAT(
        CheckText("\x1b[31m", kind),
        StatusIs(absl::StatusCode::kInvalidArgument, "has the control character U+001b at byte 0"));
    EXPECT_THAT(CheckText("x\x7f", kind),
                StatusIs(absl::StatusCode::kInvalidArgument, "has a DEL character at byte 1"));
  }
}

TEST(CheckTextTest, MalformedUtf8IsRefusedWithItsOffset) {
  const struct {
    std::string text;
    int offset;
  } cases[] = {
      {"ab\xFF", 2},            // never a UTF-8 byte
      {"\xC3", 0},              // truncated
      {"x\xC3(", 1},            // a lead byte without its continuation
      {"\xC0\xAF", 0},          // overlong '/'
      {"\xE0\x80\xAF", 0},      // overlong, three bytes
      {"\xED\xA0\x80", 0},      // a UTF-16 surrogate
      {"\xF4\x90\x80\x80", 0},  // above U+10FFFF
      {"ok\x80", 2},            // a continuation byte alone
  };
  for (const auto& c : cases) {
    for (const TextKind kind : {TextKind::kId, TextKind::kFreeText, TextKind::kUtf8}) {
      EXPECT_THAT(CheckText(c.text, kind),
                  StatusIs(absl::StatusCode::kInvalidArgument,
                           HasSubstr("is not valid UTF-8 at byte " + std::to_string(c.offset))))
          << ::testing::PrintToString(c.text);
    }
  }
}

TEST(CheckTextTest, Utf8KindTakesControlCharactersAsProtobufDoes) {
  EXPECT_OK(CheckText(std::string("Lâm\0\r\x1b\x7f\tVăn", 13), TextKind::kUtf8));
  EXPECT_THAT(CheckText(std::string("a\0\xFF", 3), TextKind::kUtf8),
              StatusIs(absl::StatusCode::kInvalidArgument, "is not valid UTF-8 at byte 2"));
}

}  // namespace
}  // namespace rasoat
