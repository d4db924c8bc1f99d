// The opaque pull cursor (sync/pull/pull_cursor.h): an empty one starts from the beginning, a
// cursor round-trips, positions fall back from village to commune to 0, and a cursor that is
// not one, of another round, or past the store's changes is INVALID_ARGUMENT naming "cursor".
#include "sync/pull/pull_cursor.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "tests/support/status_matchers.h"

namespace rasoat {
namespace {

using ::rasoat::testing::StatusIs;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::StartsWith;

store::PullCursor CursorOf(uint64_t commune_seq, uint64_t village_seq) {
  store::PullCursor cursor;
  cursor.set_format(kPullCursorFormat);
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

TEST(PullCursorTest, AnEmptyCursorStartsFromTheBeginning) {
  ASSERT_OK_AND_ASSIGN(const store::PullCursor cursor, DecodePullCursor("", "2026", 0));
  EXPECT_EQ(cursor.round_id(), "2026");
  EXPECT_THAT(cursor.positions(), IsEmpty());
  EXPECT_EQ(PositionOf(cursor, "00001", "thon-1"), 0u);
}

TEST(PullCursorTest, ACursorRoundTripsAndGivesEachVillageItsPosition) {
  const std::string bytes = EncodePullCursor(CursorOf(7, 9));
  ASSERT_OK_AND_ASSIGN(const store::PullCursor cursor, DecodePullCursor(bytes, "2026", 9));
  EXPECT_EQ(PositionOf(cursor, "00001", "thon-1"), 9u);  // its own position
  EXPECT_EQ(PositionOf(cursor, "00001", "thon-2"), 7u);  // its commune's
  EXPECT_EQ(PositionOf(cursor, "00001", ""), 7u);        // the commune itself
  EXPECT_EQ(PositionOf(cursor, "00002", "thon-1"), 0u);  // another commune: from the start
}

TEST(PullCursorTest, BytesThatAreNotACursorAreRefused) {
  EXPECT_THAT(DecodePullCursor("garbage", "2026", 100),
              StatusIs(absl::StatusCode::kInvalidArgument, StartsWith("cursor: not a cursor")));
  store::PullCursor future = CursorOf(1, 1);
  future.set_format(kPullCursorFormat + 1);
  EXPECT_THAT(DecodePullCursor(EncodePullCursor(future), "2026", 100),
              StatusIs(absl::StatusCode::kInvalidArgument, StartsWith("cursor: not a cursor")));
}

TEST(PullCursorTest, ACursorOfAnotherRoundIsRefusedNamingBoth) {
  EXPECT_THAT(
      DecodePullCursor(EncodePullCursor(CursorOf(1, 1)), "2027", 100),
      StatusIs(absl::StatusCode::kInvalidArgument, "cursor: issued for round '2026', not '2027'"));
}

TEST(PullCursorTest, ACursorPastTheStoresChangesIsRefused) {
  // From another server, or from before a restore: following it would skip changes silently.
  EXPECT_THAT(DecodePullCursor(EncodePullCursor(CursorOf(5, 12)), "2026", 11),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("points past")));
  EXPECT_OK(DecodePullCursor(EncodePullCursor(CursorOf(5, 12)), "2026", 12));
}

}  // namespace
}  // namespace rasoat
