// The opaque pull cursor (sync/pull/pull_cursor.h): an empty one starts from the beginning, a
// cursor round-trips, positions fall back from village to commune to 0; a cursor whose MAC
// does not verify, of another store or epoch, of the format before the MAC, or past the store's
// changes is INVALID_ARGUMENT telling the tablet to start over; another round's names both.
#include "sync/pull/pull_cursor.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "tests/support/status_matchers.h"

namespace rasoat {
namespace {

using ::rasoat::testing::StatusIs;
using ::testing::AllOf;
using ::testing::HasSubstr;
using ::testing::IsEmpty;

constexpr char kStartOver[] = "pull with an empty cursor to sync from the beginning";

constexpr std::string_view kStoreId = "store-id-16bytes";
constexpr std::string_view kKey = "a-key-of-32-bytes-for-the-cursor";
constexpr CursorIdentity kIssuer{kStoreId, 7, kKey};

store::PullCursor CursorOf(uint64_t commune_seq, uint64_t village_seq) {
  store::PullCursor cursor;
  cursor.set_round_id("2026");
  auto* commune = cursor.add_positions();
  commune->set_commune_code("00001");
  commune->set_seq(commune_seq);
  auto* village = cursor.add_positions();
  village->set_commune_code("00001");
  village->set_village_code("thon-1");
  village->set_seq(village_seq);
  return cursor;
}

std::string Encode(store::PullCursor cursor, const CursorIdentity& issuer = kIssuer) {
  return EncodePullCursor(issuer, &cursor);
}

TEST(PullCursorTest, AnEmptyCursorStartsFromTheBeginning) {
  ASSERT_OK_AND_ASSIGN(const store::PullCursor cursor, DecodePullCursor("", kIssuer, "2026", 0));
  EXPECT_EQ(cursor.round_id(), "2026");
  EXPECT_THAT(cursor.positions(), IsEmpty());
  EXPECT_EQ(PositionOf(cursor, "00001", "thon-1"), 0u);
}

TEST(PullCursorTest, ACursorRoundTripsAndGivesEachVillageItsPosition) {
  const std::string bytes = Encode(CursorOf(7, 9));
  ASSERT_OK_AND_ASSIGN(const store::PullCursor cursor, DecodePullCursor(bytes, kIssuer, "2026", 9));
  EXPECT_EQ(cursor.store_id(), kStoreId);
  EXPECT_EQ(cursor.epoch(), 7u);
  EXPECT_EQ(PositionOf(cursor, "00001", "thon-1"), 9u);  // its own position
  EXPECT_EQ(PositionOf(cursor, "00001", "thon-2"), 7u);  // its commune's
  EXPECT_EQ(PositionOf(cursor, "00001", ""), 7u);        // the commune itself
  EXPECT_EQ(PositionOf(cursor, "00002", "thon-1"), 0u);  // another commune: from the start
}

TEST(PullCursorTest, BytesThatAreNotACursorAreRefused) {
  EXPECT_THAT(DecodePullCursor("garbage", kIssuer, "2026", 100),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       AllOf(HasSubstr("cursor: not a cursor"), HasSubstr(kStartOver))));
}

TEST(PullCursorTest, EveryBitFlipIsRefused) {
  const std::string bytes = Encode(CursorOf(3, 3));
  for (size_t byte = 0; byte < bytes.size(); ++byte) {
    for (int bit = 0; bit < 8; ++bit) {
      std::string flipped = bytes;
      flipped[byte] = static_cast<char>(flipped[byte] ^ (1 << bit));
      EXPECT_THAT(DecodePullCursor(flipped, kIssuer, "2026", 100),
                  StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr(kStartOver)))
          << "byte " << byte << " bit " << bit;
    }
  }
}

TEST(PullCursorTest, ACursorSignedWithAnotherKeyIsRefused) {
  constexpr std::string_view other_key = "another-key-of-32-bytes-for-it!!";
  EXPECT_THAT(
      DecodePullCursor(Encode(CursorOf(1, 1), {kStoreId, 7, other_key}), kIssuer, "2026", 100),
      StatusIs(absl::StatusCode::kInvalidArgument,
               AllOf(HasSubstr("another server"), HasSubstr(kStartOver))));
}

TEST(PullCursorTest, ACursorOfAnotherStoreOrEpochIsRefused) {
  // The same key (a copy of the data directory) but another store id, or an epoch a restore
  // has since replaced.
  constexpr std::string_view other_id = "another-store-id";
  EXPECT_THAT(DecodePullCursor(Encode(CursorOf(1, 1), {other_id, 7, kKey}), kIssuer, "2026", 100),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       AllOf(HasSubstr("another server"), HasSubstr(kStartOver))));
  EXPECT_THAT(DecodePullCursor(Encode(CursorOf(1, 1), {kStoreId, 6, kKey}), kIssuer, "2026", 100),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       AllOf(HasSubstr("restored from a backup"), HasSubstr(kStartOver))));
}

TEST(PullCursorTest, ACursorOfTheFormatBeforeTheMacIsRefusedSayingSo) {
  store::PullCursor old = CursorOf(1, 1);
  old.set_format(1);
  EXPECT_THAT(DecodePullCursor(old.SerializeAsString(), kIssuer, "2026", 100),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       AllOf(HasSubstr("older version"), HasSubstr(kStartOver))));
}

TEST(PullCursorTest, ACursorOfAnotherRoundIsRefusedNamingBoth) {
  EXPECT_THAT(
      DecodePullCursor(Encode(CursorOf(1, 1)), kIssuer, "2027", 100),
      StatusIs(absl::StatusCode::kInvalidArgument, "cursor: issued for round '2026', not '2027'"));
}

TEST(PullCursorTest, ACursorPastTheStoresChangesIsRefused) {
  EXPECT_THAT(DecodePullCursor(Encode(CursorOf(5, 12)), kIssuer, "2026", 11),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       AllOf(HasSubstr("points past"), HasSubstr(kStartOver))));
  EXPECT_OK(DecodePullCursor(Encode(CursorOf(5, 12)), kIssuer, "2026", 12));
}

}  // namespace
}  // namespace rasoat
