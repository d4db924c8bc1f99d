// The verifier against a stored chain of 50 entries: a clean log passes; a bit flipped anywhere
// in an entry, an entry deleted, entries swapped or moved, an entry changed and re-hashed, a
// first entry that does not start the log, and a tail cut off or rewritten (given the head
// exported before) are each DATA_LOSS naming the entry. A verification may start at an anchor.
// The log is a std::map from key seq to stored bytes, as the audit column family holds it.
#include "sync/audit/audit_verifier.h"

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <utility>

#include <gmock/gmock.h>
#include <google/protobuf/stubs/logging.h>
#include <gtest/gtest.h>

#include "absl/strings/str_cat.h"
#include "sync/audit/audit_hash.h"
#include "sync/audit/audit_seal.h"
#include "tests/support/status_matchers.h"

namespace rasoat::audit {
namespace {

using ::rasoat::testing::StatusIs;
using ::testing::HasSubstr;
using ::testing::StartsWith;

using Log = std::map<uint64_t, std::string>;  // key seq -> stored bytes

constexpr uint64_t kEntries = 50;

// The content of the entry at `seq`: actions, actors and targets of every kind in turn.
AuditEntry Content(uint64_t seq) {
  AuditEntry entry;
  entry.set_time_unix_micros(1700000000000000 + static_cast<int64_t>(seq) * 1000003);
  entry.mutable_actor()->set_login(absl::StrCat("user", seq % 7));
  if (seq % 3 == 0) entry.mutable_actor()->set_device_id(absl::StrCat("tab-", seq % 5));
  entry.set_action(static_cast<Action>(1 + seq % 23));
  switch (seq % 3) {
    case 0:
      entry.mutable_household()->set_round_id("2025");
      entry.mutable_household()->set_household_id(absl::StrCat("26881-003-", 1000 + seq));
      entry.add_versions(seq);
      entry.add_versions(seq + 1);
      break;
    case 1:
      entry.set_subject(absl::StrCat("commune 2688", seq % 10));
      break;
    default:
      break;  // about the whole server
  }
  entry.set_digest(std::string(32, static_cast<char>(seq * 37)));
  return entry;
}

// Seals Content(from), Content(from + 1), ... onto `head` up to entry `to`, into `log`.
AuditHead Append(Log& log, AuditHead head, uint64_t to, uint64_t content_offset = 0) {
  while (head.seq < to) {
    absl::StatusOr<AuditEntry> sealed =
        SealAuditEntry(Content(head.seq + 1 + content_offset), head);
    EXPECT_TRUE(sealed.ok()) << sealed.status();
    log[sealed->seq()] = sealed->SerializeAsString();
    head = AuditHeadOf(*sealed);
  }
  return head;
}

struct Chain {
  Log log;
  AuditHead head;
};

Chain Build() {
  Chain chain;
  chain.head = Append(chain.log, EmptyLogHead(), kEntries);
  return chain;
}

AuditEntry Parse(const std::string& bytes) {
  AuditEntry entry;
  EXPECT_TRUE(entry.ParseFromString(bytes));
  return entry;
}

// Feeds every entry after options.start, in key order, stopping at the first failure, as
// `rasoatctl audit verify` does.
absl::StatusOr<AuditSummary> Verify(const Log& log, AuditVerifierOptions options = {}) {
  const uint64_t start = options.start.seq;
  absl::StatusOr<AuditVerifier> verifier = AuditVerifier::Create(std::move(options));
  if (!verifier.ok()) return verifier.status();
  for (auto it = log.upper_bound(start); it != log.end(); ++it) {
    if (!verifier->Add(it->first, it->second).ok()) break;
  }
  return verifier->Finish();
}

AuditVerifierOptions Expecting(const AuditHead& head) {
  AuditVerifierOptions options;
  options.expect_head = head;
  return options;
}

TEST(AuditVerifierTest, ACleanChainPassesAndEndsAtItsHead) {
  const Chain chain = Build();
  ASSERT_OK_AND_ASSIGN(AuditSummary summary, Verify(chain.log));
  EXPECT_EQ(summary.entries_checked, kEntries);
  EXPECT_EQ(summary.first_seq, 1u);
  EXPECT_EQ(summary.last_seq, kEntries);
  EXPECT_EQ(summary.head, chain.head);
  EXPECT_FALSE(summary.expect_head_found);

  ASSERT_OK_AND_ASSIGN(summary, Verify(chain.log, Expecting(chain.head)));
  EXPECT_TRUE(summary.expect_head_found);
}

TEST(AuditVerifierTest, AnEmptyLogPassesWithTheEmptyHead) {
  ASSERT_OK_AND_ASSIGN(AuditSummary summary, Verify(Log()));
  EXPECT_EQ(summary.entries_checked, 0u);
  EXPECT_EQ(summary.first_seq, 0u);
  EXPECT_EQ(summary.last_seq, 0u);
  EXPECT_EQ(summary.head, EmptyLogHead());
}

TEST(AuditVerifierTest, EveryBitFlippedInAStoredEntryIsCaughtAtThatEntry) {
  const Chain chain = Build();
  // A flip that makes a string invalid UTF-8 makes protobuf log an error as well; not wanted here.
  const google::protobuf::LogSilencer quiet;
  int flips = 0;
  for (uint64_t seq : {1u, 2u, 17u, 33u, 50u}) {
    const std::string& stored = chain.log.at(seq);
    for (size_t byte = 0; byte < stored.size(); ++byte) {
      for (int bit = 0; bit < 8; ++bit) {
        Log log = chain.log;
        log[seq][byte] = static_cast<char>(log[seq][byte] ^ (1 << bit));
        // Whether the flip breaks the parse, adds an unknown field, moves the seq, changes the
        // content, the prev_hash or the hash, entry `seq` itself no longer checks out.
        EXPECT_THAT(Verify(log), StatusIs(absl::StatusCode::kDataLoss,
                                          StartsWith(absl::StrCat("audit entry ", seq, ":"))))
            << "entry " << seq << ", byte " << byte << ", bit " << bit;
        ++flips;
      }
    }
  }
  EXPECT_GT(flips, 5 * 8 * 60);
}

TEST(AuditVerifierTest, AnEntryChangedAndReHashedBreaksTheNextLink) {
  Chain chain = Build();
  AuditEntry changed = Parse(chain.log.at(20));
  changed.set_digest(std::string(32, 'X'));
  ASSERT_OK_AND_ASSIGN(AuditEntry resealed,
                       SealAuditEntry(changed, AuditHead{19, changed.prev_hash()}));
  chain.log[20] = resealed.SerializeAsString();
  EXPECT_THAT(Verify(chain.log),
              StatusIs(absl::StatusCode::kDataLoss,
                       "audit entry 21: does not follow entry 20's hash (entries removed or "
                       "reordered)"));
}

TEST(AuditVerifierTest, AnEntryChangedWithoutReHashingDoesNotMatchItsHash) {
  Chain chain = Build();
  AuditEntry changed = Parse(chain.log.at(20));
  changed.mutable_actor()->set_login("someone.else");
  chain.log[20] = changed.SerializeAsString();
  EXPECT_THAT(Verify(chain.log), StatusIs(absl::StatusCode::kDataLoss,
                                          "audit entry 20: its hash does not match its content"));
}

TEST(AuditVerifierTest, AFieldTheHashDoesNotCoverIsCaught) {
  Chain chain = Build();
  chain.log[10] += std::string("\x98\x06\x01", 3);  // field 99, varint 1
  EXPECT_THAT(Verify(chain.log), StatusIs(absl::StatusCode::kDataLoss,
                                          StartsWith("audit entry 10: holds fields its hash")));
}

TEST(AuditVerifierTest, ADeletedEntryIsAGap) {
  Chain chain = Build();
  Log log = chain.log;
  log.erase(20);
  EXPECT_THAT(Verify(log), StatusIs(absl::StatusCode::kDataLoss,
                                    "audit entry 20 is missing: 19 is followed by 21"));
  log.erase(21);
  log.erase(22);
  EXPECT_THAT(Verify(log), StatusIs(absl::StatusCode::kDataLoss,
                                    "audit entries 20 to 22 are missing: 19 is followed by 23"));
  log = chain.log;
  log.erase(1);
  EXPECT_THAT(Verify(log), StatusIs(absl::StatusCode::kDataLoss,
                                    "audit entry 1 is missing: the log starts at 2"));
}

TEST(AuditVerifierTest, ADeletedEntryWithTheRestMovedUpIsCaughtByItsSeq) {
  Chain chain = Build();
  Log log;
  for (const auto& [key, bytes] : chain.log) {
    if (key != 20) log[key < 20 ? key : key - 1] = bytes;
  }
  EXPECT_THAT(Verify(log), StatusIs(absl::StatusCode::kDataLoss,
                                    "audit entry 20: its key holds entry 21 (entries swapped or "
                                    "moved)"));
}

TEST(AuditVerifierTest, SwappedEntriesAreCaughtByTheirSeq) {
  const Chain chain = Build();
  for (auto [a, b] : {std::pair<uint64_t, uint64_t>{20, 30}, {20, 21}, {1, 50}}) {
    Log log = chain.log;
    std::swap(log[a], log[b]);
    EXPECT_THAT(Verify(log), StatusIs(absl::StatusCode::kDataLoss,
                                      absl::StrCat("audit entry ", a, ": its key holds entry ", b,
                                                   " (entries swapped or moved)")))
        << a << " <-> " << b;
  }
}

TEST(AuditVerifierTest, SwappedEntriesWithTheirSeqsRewrittenAreCaughtByAHashOrALink) {
  const Chain chain = Build();
  // Contents exchanged, seqs left as the keys say: the hashes no longer match.
  Log log = chain.log;
  AuditEntry at20 = Parse(chain.log.at(21));
  AuditEntry at21 = Parse(chain.log.at(20));
  at20.set_seq(20);
  at21.set_seq(21);
  log[20] = at20.SerializeAsString();
  log[21] = at21.SerializeAsString();
  EXPECT_THAT(Verify(log), StatusIs(absl::StatusCode::kDataLoss,
                                    "audit entry 20: its hash does not match its content"));

  // Both re-sealed in their new order: entry 22 no longer follows.
  AuditEntry content20 = Parse(chain.log.at(20));
  AuditEntry content21 = Parse(chain.log.at(21));
  content20.clear_seq();
  content21.clear_seq();
  ASSERT_OK_AND_ASSIGN(AuditEntry new20,
                       SealAuditEntry(content21, AuditHead{19, content20.prev_hash()}));
  ASSERT_OK_AND_ASSIGN(AuditEntry new21, SealAuditEntry(content20, AuditHeadOf(new20)));
  log[20] = new20.SerializeAsString();
  log[21] = new21.SerializeAsString();
  EXPECT_THAT(Verify(log),
              StatusIs(absl::StatusCode::kDataLoss,
                       "audit entry 22: does not follow entry 21's hash (entries removed or "
                       "reordered)"));
}

TEST(AuditVerifierTest, AFirstEntryThatDoesNotStartTheLogIsCaught) {
  Log log;
  Append(log, AuditHead{0, std::string(32, '\x01')}, 3);
  EXPECT_THAT(Verify(log), StatusIs(absl::StatusCode::kDataLoss,
                                    StartsWith("audit entry 1: does not start the log")));
}

TEST(AuditVerifierTest, ATruncatedTailIsCaughtOnlyAgainstTheHeadExportedBefore) {
  Chain chain = Build();
  const std::string exported = FormatAuditHead(chain.head);  // `rasoatctl audit head`
  ASSERT_OK_AND_ASSIGN(AuditHead expect, ParseAuditHead(exported));
  for (uint64_t seq = 41; seq <= kEntries; ++seq) chain.log.erase(seq);

  // Without the exported head, a log cut short is a shorter valid log: nothing in it is wrong.
  ASSERT_OK_AND_ASSIGN(AuditSummary summary, Verify(chain.log));
  EXPECT_EQ(summary.last_seq, 40u);

  EXPECT_THAT(Verify(chain.log, Expecting(expect)),
              StatusIs(absl::StatusCode::kDataLoss,
                       absl::StrCat("audit log ends at entry 40, before the head exported "
                                    "earlier, ",
                                    exported, ": entries 41 to 50 were removed")));
  Log one_less = Build().log;
  one_less.erase(kEntries);
  EXPECT_THAT(Verify(one_less, Expecting(expect)),
              StatusIs(absl::StatusCode::kDataLoss, HasSubstr(": entry 50 was removed")));
  EXPECT_THAT(Verify(Log(), Expecting(expect)),
              StatusIs(absl::StatusCode::kDataLoss,
                       StartsWith("audit log has no entry after 0, before the head")));
}

TEST(AuditVerifierTest, ATailRewrittenWithNewHashesIsCaughtOnlyAgainstTheHeadExportedBefore) {
  const Chain chain = Build();
  // Entry 30 onwards replaced by other content, every hash recomputed: a valid chain again.
  Log rewritten = chain.log;
  AuditHead head{29, Parse(chain.log.at(30)).prev_hash()};
  for (uint64_t seq = 30; seq <= kEntries; ++seq) rewritten.erase(seq);
  Append(rewritten, head, kEntries, /*content_offset=*/1000);
  ASSERT_OK(Verify(rewritten));

  EXPECT_THAT(Verify(rewritten, Expecting(chain.head)),
              StatusIs(absl::StatusCode::kDataLoss,
                       StartsWith("audit entry 50: its hash differs from the head exported "
                                  "earlier, 50:")));
  // A head exported before the rewritten part still matches.
  AuditHead at29{29, head.hash};
  ASSERT_OK_AND_ASSIGN(AuditSummary summary, Verify(rewritten, Expecting(at29)));
  EXPECT_TRUE(summary.expect_head_found);
}

TEST(AuditVerifierTest, ALogThatGrewSinceTheHeadWasExportedPasses) {
  Chain chain = Build();
  const AuditHead exported = chain.head;
  const AuditHead grown = Append(chain.log, chain.head, kEntries + 10);
  ASSERT_OK_AND_ASSIGN(AuditSummary summary, Verify(chain.log, Expecting(exported)));
  EXPECT_TRUE(summary.expect_head_found);
  EXPECT_EQ(summary.head, grown);
}

TEST(AuditVerifierTest, VerificationMayStartAtAnAnchor) {
  Chain chain = Build();
  const AuditHead anchor = AuditHeadOf(Parse(chain.log.at(20)));
  // Older entries no longer kept.
  for (uint64_t seq = 1; seq <= 20; ++seq) chain.log.erase(seq);
  AuditVerifierOptions options;
  options.start = anchor;
  options.expect_head = chain.head;
  ASSERT_OK_AND_ASSIGN(AuditSummary summary, Verify(chain.log, options));
  EXPECT_EQ(summary.entries_checked, 30u);
  EXPECT_EQ(summary.first_seq, 21u);
  EXPECT_EQ(summary.head, chain.head);

  options.start.hash[0] = static_cast<char>(options.start.hash[0] ^ 1);
  options.expect_head.reset();
  EXPECT_THAT(Verify(chain.log, options),
              StatusIs(absl::StatusCode::kDataLoss, StartsWith("audit entry 21: does not follow "
                                                               "entry 20's hash")));

  options.start = anchor;
  chain.log.erase(21);
  chain.log.erase(22);
  EXPECT_THAT(Verify(chain.log, options),
              StatusIs(absl::StatusCode::kDataLoss,
                       "audit entries 21 to 22 are missing: verification starts after entry 20 "
                       "and the next entry is 23"));
}

TEST(AuditVerifierTest, TheFirstFailureIsKept) {
  const Chain chain = Build();
  ASSERT_OK_AND_ASSIGN(AuditVerifier verifier, AuditVerifier::Create({}));
  ASSERT_OK(verifier.Add(1, chain.log.at(1)));
  const absl::Status gap = verifier.Add(3, chain.log.at(3));
  EXPECT_THAT(gap, StatusIs(absl::StatusCode::kDataLoss,
                            "audit entry 2 is missing: 1 is "
                            "followed by 3"));
  // Even a good entry after it, and Finish, say the first failure.
  EXPECT_EQ(verifier.Add(4, chain.log.at(4)), gap);
  EXPECT_EQ(verifier.Finish().status(), gap);
}

TEST(AuditVerifierTest, KeysOutOfOrderAreInvalidArgument) {
  const Chain chain = Build();
  ASSERT_OK_AND_ASSIGN(AuditVerifier verifier, AuditVerifier::Create({}));
  ASSERT_OK(verifier.Add(1, chain.log.at(1)));
  ASSERT_OK(verifier.Add(2, chain.log.at(2)));
  EXPECT_THAT(verifier.Add(2, chain.log.at(2)),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("key order")));
  EXPECT_THAT(verifier.Finish(), StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("key")));
}

TEST(AuditVerifierTest, BadOptionsAreInvalidArgument) {
  const AuditHead h20{20, std::string(32, '\x20')};
  const std::pair<const char*, AuditVerifierOptions> cases[] = {
      {"start: the hash", {AuditHead{20, std::string(31, 'x')}, std::nullopt}},
      {"start: seq 0", {AuditHead{0, std::string(32, '\x01')}, std::nullopt}},
      {"expect_head: the hash", {EmptyLogHead(), AuditHead{5, "short"}}},
      {"expect_head: before the start", {h20, AuditHead{19, std::string(32, 'y')}}},
      {"expect_head: the start's seq", {h20, AuditHead{20, std::string(32, 'y')}}},
  };
  for (const auto& [message, options] : cases) {
    EXPECT_THAT(AuditVerifier::Create(options),
                StatusIs(absl::StatusCode::kInvalidArgument, StartsWith(message)))
        << message;
  }
}

}  // namespace
}  // namespace rasoat::audit
