// Sealing an entry onto the log's head: it takes the next seq and the head's hash, its hash is
// the one audit_hash.h defines, and content the verifier could not read back, or that is not an
// id or a digest, is refused before anything is written.
#include "sync/audit/audit_seal.h"

#include <limits>
#include <string>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "sync/audit/audit_hash.h"
#include "tests/support/status_matchers.h"

namespace rasoat::audit {
namespace {

using ::rasoat::testing::StatusIs;
using ::testing::HasSubstr;

AuditEntry Unsealed() {
  AuditEntry entry;
  entry.set_time_unix_micros(1700000000000000);
  entry.mutable_actor()->set_login("ctv.thon3");
  entry.mutable_actor()->set_device_id("tab-0042");
  entry.set_action(ACTION_PUSH_APPLIED);
  entry.mutable_household()->set_round_id("2025");
  entry.mutable_household()->set_household_id("26881-003-0042");
  entry.add_versions(5);
  entry.set_digest(std::string(32, '\x5d'));
  return entry;
}

TEST(AuditSealTest, TheFirstEntryIsSeqOneOnZeroBytes) {
  ASSERT_OK_AND_ASSIGN(AuditEntry sealed, SealAuditEntry(Unsealed(), EmptyLogHead()));
  EXPECT_EQ(sealed.seq(), 1u);
  EXPECT_EQ(sealed.prev_hash(), std::string(32, '\0'));
  EXPECT_EQ(sealed.hash().size(), 32u);
  ASSERT_OK_AND_ASSIGN(std::string hash, AuditHash(sealed));
  EXPECT_EQ(sealed.hash(), hash);
  EXPECT_EQ(AuditHeadOf(sealed), (AuditHead{1, hash}));
  // The content is kept as given.
  AuditEntry content = sealed;
  content.clear_seq();
  content.clear_prev_hash();
  content.clear_hash();
  EXPECT_EQ(content.SerializeAsString(), Unsealed().SerializeAsString());
}

TEST(AuditSealTest, EachEntryFollowsTheHeadItIsSealedOn) {
  AuditHead head = EmptyLogHead();
  std::string previous_hash;
  for (uint64_t seq = 1; seq <= 3; ++seq) {
    ASSERT_OK_AND_ASSIGN(AuditEntry sealed, SealAuditEntry(Unsealed(), head));
    EXPECT_EQ(sealed.seq(), seq);
    EXPECT_EQ(sealed.prev_hash(), head.hash);
    // The same content at another place in the log hashes differently.
    EXPECT_NE(sealed.hash(), previous_hash);
    previous_hash = sealed.hash();
    head = AuditHeadOf(sealed);
  }
}

TEST(AuditSealTest, AGivenSeqMustBeTheNextAndAGivenChainIsReplaced) {
  const AuditHead head{41, std::string(32, '\x07')};
  AuditEntry next = Unsealed();
  next.set_seq(42);
  next.set_prev_hash("stale");
  next.set_hash("stale");
  ASSERT_OK_AND_ASSIGN(AuditEntry sealed, SealAuditEntry(next, head));
  EXPECT_EQ(sealed.seq(), 42u);
  EXPECT_EQ(sealed.prev_hash(), head.hash);
  ASSERT_OK_AND_ASSIGN(std::string hash, AuditHash(sealed));
  EXPECT_EQ(sealed.hash(), hash);

  for (uint64_t wrong : {41u, 43u}) {
    AuditEntry entry = Unsealed();
    entry.set_seq(wrong);
    EXPECT_THAT(SealAuditEntry(entry, head),
                StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("does not follow")))
        << wrong;
  }
}

TEST(AuditSealTest, AHeadWhoseHashIsNot32BytesIsInvalidArgument) {
  for (size_t size : {0u, 31u, 33u}) {
    EXPECT_THAT(SealAuditEntry(Unsealed(), AuditHead{3, std::string(size, 'h')}),
                StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("not 32")))
        << size;
  }
}

TEST(AuditSealTest, AFullLogIsOutOfRange) {
  EXPECT_THAT(SealAuditEntry(Unsealed(), AuditHead{std::numeric_limits<uint64_t>::max(),
                                                   std::string(32, '\x01')}),
              StatusIs(absl::StatusCode::kOutOfRange, HasSubstr("every seq")));
}

TEST(AuditSealTest, ContentThatIsNotAnIdOrADigestIsInvalidArgument) {
  struct Case {
    const char* field;
    void (*change)(AuditEntry&);
  };
  const Case cases[] = {
      {"action", [](AuditEntry& e) { e.set_action(ACTION_UNSPECIFIED); }},
      {"action", [](AuditEntry& e) { e.set_action(static_cast<Action>(999)); }},
      {"actor.login", [](AuditEntry& e) { e.mutable_actor()->set_login(std::string(129, 'a')); }},
      {"actor.device_id",
       [](AuditEntry& e) { e.mutable_actor()->set_device_id(std::string("t\0b", 3)); }},
      {"household.round_id", [](AuditEntry& e) { e.mutable_household()->set_round_id("20\n25"); }},
      {"household.household_id",
       [](AuditEntry& e) { e.mutable_household()->set_household_id(std::string(129, '1')); }},
      {"subject", [](AuditEntry& e) { e.set_subject("commune \xff"); }},
      {"digest", [](AuditEntry& e) { e.set_digest(std::string(65, 'd')); }},
  };
  for (const Case& c : cases) {
    AuditEntry entry = Unsealed();
    c.change(entry);
    EXPECT_THAT(SealAuditEntry(entry, EmptyLogHead()),
                StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr(c.field)))
        << c.field;
  }
}

TEST(AuditSealTest, LongestIdsAndDigestAreAccepted) {
  AuditEntry entry = Unsealed();
  entry.mutable_actor()->set_login(std::string(128, 'a'));
  entry.set_subject("x\xc3\xa3 " + std::string(124, '9'));  // 128 bytes, UTF-8 "ã"
  entry.set_digest(std::string(64, 'd'));
  EXPECT_OK(SealAuditEntry(entry, EmptyLogHead()));
}

}  // namespace
}  // namespace rasoat::audit
