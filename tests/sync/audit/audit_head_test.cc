// The head's text form, "SEQ:HEX": it round-trips, and malformed text is INVALID_ARGUMENT.
#include "sync/audit/audit_head.h"

#include <string>
#include <vector>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "tests/support/status_matchers.h"

namespace rasoat::audit {
namespace {

using ::rasoat::testing::StatusIs;
using ::testing::HasSubstr;

std::string Hash(char fill) { return std::string(32, fill); }

TEST(AuditHeadTest, FormatsAsDecimalSeqColonLowerHex) {
  std::string hash;
  for (int i = 0; i < 32; ++i) hash.push_back(static_cast<char>(0xe0 + i % 16));
  EXPECT_EQ(FormatAuditHead(AuditHead{42, hash}),
            "42:e0e1e2e3e4e5e6e7e8e9eaebecedeeefe0e1e2e3e4e5e6e7e8e9eaebecedeeef");
}

TEST(AuditHeadTest, TextRoundTrips) {
  for (const AuditHead& head :
       {EmptyLogHead(), AuditHead{1, Hash('\x01')}, AuditHead{42, Hash('\xab')},
        AuditHead{18446744073709551615u, Hash('\xff')}}) {
    const std::string text = FormatAuditHead(head);
    ASSERT_OK_AND_ASSIGN(AuditHead parsed, ParseAuditHead(text));
    EXPECT_EQ(parsed, head) << text;
  }
}

TEST(AuditHeadTest, EmptyLogHeadIsSeqZeroAndZeroHash) {
  EXPECT_EQ(FormatAuditHead(EmptyLogHead()), "0:" + std::string(64, '0'));
}

TEST(AuditHeadTest, UpperCaseHexIsAccepted) {
  ASSERT_OK_AND_ASSIGN(AuditHead parsed, ParseAuditHead("7:" + std::string(64, 'A')));
  EXPECT_EQ(parsed, (AuditHead{7, Hash('\xaa')}));
}

TEST(AuditHeadTest, MalformedTextIsInvalidArgument) {
  const std::string hex(64, 'a');
  const std::vector<std::string> bad_texts = {
      "",
      "42",
      hex,
      ":" + hex,
      "42:",
      "42:" + hex.substr(1),
      "42:" + hex + "a",
      "42:" + hex.substr(1) + "g",
      "42 :" + hex,
      " 42:" + hex,
      "+42:" + hex,
      "-1:" + hex,
      "042:" + hex,
      "4x2:" + hex,
      "42:" + hex + ":",
      "42::" + hex.substr(1),
      "18446744073709551616:" + hex,
      "99999999999999999999:" + hex,
      "0:" + hex,
  };
  for (const std::string& bad : bad_texts) {
    EXPECT_THAT(ParseAuditHead(bad),
                StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("audit head")))
        << bad;
  }
}

}  // namespace
}  // namespace rasoat::audit
