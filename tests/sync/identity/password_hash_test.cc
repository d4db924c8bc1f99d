// Password hashes: argon2id, salted (the same password twice gives two hashes), verified only by
// the same password, and refused outside the length bounds.
#include "sync/identity/password_hash.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "tests/support/status_matchers.h"

namespace rasoat::identity {
namespace {

using ::rasoat::testing::StatusIs;
using ::testing::HasSubstr;
using ::testing::Not;
using ::testing::StartsWith;

TEST(PasswordHashTest, AnArgon2idHashVerifiesItsPasswordOnly) {
  const std::string password = "ruộng lúa bờ tre 2026";
  ASSERT_OK_AND_ASSIGN(std::string stored, HashPassword(password));
  EXPECT_THAT(stored, StartsWith("$argon2id$"));
  EXPECT_THAT(stored, Not(HasSubstr("ruộng")));
  EXPECT_TRUE(VerifyPassword(stored, password));
  EXPECT_FALSE(VerifyPassword(stored, "ruộng lúa bờ tre 2027"));
  EXPECT_FALSE(VerifyPassword(stored, ""));
  EXPECT_FALSE(NeedsRehash(stored));
}

TEST(PasswordHashTest, TheSamePasswordTwiceGivesTwoHashesBothOfWhichVerify) {
  ASSERT_OK_AND_ASSIGN(std::string first, HashPassword("mật khẩu của xã"));
  ASSERT_OK_AND_ASSIGN(std::string second, HashPassword("mật khẩu của xã"));
  EXPECT_NE(first, second);
  EXPECT_TRUE(VerifyPassword(first, "mật khẩu của xã"));
  EXPECT_TRUE(VerifyPassword(second, "mật khẩu của xã"));
}

TEST(PasswordHashTest, WhatIsNotAnArgon2idHashVerifiesNothing) {
  EXPECT_FALSE(VerifyPassword("", "mật khẩu của xã"));
  EXPECT_FALSE(VerifyPassword("mật khẩu của xã", "mật khẩu của xã"));
  EXPECT_FALSE(VerifyPassword(std::string(1000, '$'), "mật khẩu của xã"));
  EXPECT_TRUE(NeedsRehash("not a hash"));
}

TEST(PasswordHashTest, PasswordsOutsideTheLengthBoundsAreRefused) {
  EXPECT_THAT(HashPassword("ngắn"),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("between 10 and 1,024")));
  EXPECT_THAT(HashPassword(std::string(1025, 'a')),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("between 10 and 1,024")));
}

}  // namespace
}  // namespace rasoat::identity
