// Bearer tokens: fresh, of one form, hashed the same way when presented, and a presented string
// of another form is refused without being quoted.
#include "sync/identity/bearer_token.h"

#include <set>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "tests/support/status_matchers.h"

namespace rasoat::identity {
namespace {

using ::rasoat::testing::StatusIs;
using ::testing::HasSubstr;
using ::testing::Not;
using ::testing::StartsWith;

TEST(BearerTokenTest, ATokenIsPrefixedBase64urlOf256BitsAndHashesAsPresented) {
  ASSERT_OK_AND_ASSIGN(NewBearerToken token, MakeBearerToken());
  EXPECT_THAT(token.text, StartsWith("rst1_"));
  EXPECT_EQ(token.text.size(), 5u + 43u);
  EXPECT_EQ(token.text.find_first_not_of(
                "rst1_ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"),
            std::string::npos);
  EXPECT_EQ(token.hash.size(), 32u);
  ASSERT_OK_AND_ASSIGN(TokenHash presented, HashBearerToken(token.text));
  EXPECT_EQ(presented, token.hash);
  EXPECT_THAT(token.hash, Not(HasSubstr(token.text.substr(5))));
}

TEST(BearerTokenTest, EveryTokenIsNew) {
  std::set<std::string> texts, hashes;
  for (int i = 0; i < 1000; ++i) {
    ASSERT_OK_AND_ASSIGN(NewBearerToken token, MakeBearerToken());
    texts.insert(token.text);
    hashes.insert(token.hash);
  }
  EXPECT_EQ(texts.size(), 1000u);
  EXPECT_EQ(hashes.size(), 1000u);
}

TEST(BearerTokenTest, AnotherTokenOrOneChangedInACharacterHashesDifferently) {
  ASSERT_OK_AND_ASSIGN(NewBearerToken token, MakeBearerToken());
  std::string changed = token.text;
  changed[10] = changed[10] == 'A' ? 'B' : 'A';
  ASSERT_OK_AND_ASSIGN(TokenHash hash, HashBearerToken(changed));
  EXPECT_NE(hash, token.hash);
}

TEST(BearerTokenTest, AStringOfAnotherFormIsUnauthenticatedAndNotQuoted) {
  ASSERT_OK_AND_ASSIGN(NewBearerToken token, MakeBearerToken());
  const std::string secret_part = token.text.substr(5);
  for (const std::string& bad :
       {std::string(""), secret_part, "rst2_" + secret_part, token.text + "A",
        token.text.substr(0, token.text.size() - 1), "rst1_" + std::string(43, '*')}) {
    EXPECT_THAT(HashBearerToken(bad), StatusIs(absl::StatusCode::kUnauthenticated,
                                               Not(HasSubstr(secret_part.substr(0, 8)))))
        << bad;
  }
}

}  // namespace
}  // namespace rasoat::identity
