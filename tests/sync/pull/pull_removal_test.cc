// Households that leave a pulled scope: the old village's next pull sends a removal entry, once,
// at the seq of the move, so its tablets drop the household; the new village's sends the
// household. A pull whose scopes hold both villages (a commune-wide one, or several villages)
// sends the household and no removal; a move back replaces the removal.
#include <string>
#include <vector>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "rasoat/v1/sync.pb.h"
#include "tests/sync/pull/pull_fixture.h"

namespace rasoat {
namespace {

using ::rasoat::testing::Drained;
using ::rasoat::testing::kCommune;
using ::rasoat::testing::kOtherCommune;
using ::rasoat::testing::kOtherVillage;
using ::rasoat::testing::kVillage;
using ::rasoat::testing::PullTest;
using ::rasoat::testing::RequestOf;
using ::rasoat::testing::ScopeOf;
using ::testing::ElementsAre;
using ::testing::IsEmpty;

TEST_F(PullTest, AHouseholdThatMovedIsRemovedFromItsOldVillageOnceAndSentToTheNew) {
  Put("hh-1", kCommune, kVillage);
  Put("hh-2", kCommune, kVillage);
  const std::string village_a = DrainVillage().cursor;
  Put("hh-1", kCommune, kOtherVillage);  // moves to thon-2

  const Drained a = DrainVillage(village_a);
  EXPECT_THAT(a.ids(), IsEmpty());
  ASSERT_THAT(a.removed_ids(), ElementsAre("hh-1"));
  EXPECT_EQ(a.removals[0].key().round_id(), "2026");
  EXPECT_EQ(a.removals[0].reason(), v1::REMOVAL_REASON_MOVED_OUT_OF_SCOPE);
  // Once: the next pull from there has nothing about it.
  const Drained again = DrainVillage(a.cursor);
  EXPECT_THAT(again.ids(), IsEmpty());
  EXPECT_THAT(again.removed_ids(), IsEmpty());

  const Drained b = Drain(RequestOf({ScopeOf(kCommune, kOtherVillage)}));
  EXPECT_THAT(b.ids(), ElementsAre("hh-1"));
  EXPECT_THAT(b.removed_ids(), IsEmpty());
  EXPECT_EQ(b.households[0].record().location().village_code(), kOtherVillage);

  // A tablet that starts over is told too, in case it kept a copy.
  const Drained fresh = DrainVillage();
  EXPECT_THAT(fresh.ids(), ElementsAre("hh-2"));
  EXPECT_THAT(fresh.removed_ids(), ElementsAre("hh-1"));
}

TEST_F(PullTest, RemovalsComeInChangeOrderAndCountAsPageEntries) {
  for (const char* id : {"hh-1", "hh-2", "hh-3", "hh-4"}) Put(id);
  const std::string cursor = DrainVillage().cursor;
  Put("hh-3");
  Put("hh-1", kCommune, kOtherVillage);
  Put("hh-4");
  Put("hh-2", kCommune, kOtherVillage);

  const v1::PullRequest request = RequestOf({ScopeOf(kCommune, kVillage)}, cursor, 1);
  const Drained drained = Drain(request);
  EXPECT_THAT(drained.ids(), ElementsAre("hh-3", "hh-4"));
  EXPECT_THAT(drained.removed_ids(), ElementsAre("hh-1", "hh-2"));
  std::vector<std::string> entries;
  for (const v1::PullResponse& page : drained.pages) {
    EXPECT_LE(page.households_size() + page.removals_size(), 1);
    for (const auto& state : page.households()) entries.push_back(state.key().household_id());
    for (const auto& removal : page.removals())
      entries.push_back("-" + removal.key().household_id());
  }
  EXPECT_THAT(entries, ElementsAre("hh-3", "-hh-1", "hh-4", "-hh-2"));
  // Resuming after the page of the first removal sends the rest, not that removal again.
  const Drained rest = Drain(RequestOf({ScopeOf(kCommune, kVillage)}, drained.pages[1].cursor()));
  EXPECT_THAT(rest.ids(), ElementsAre("hh-4"));
  EXPECT_THAT(rest.removed_ids(), ElementsAre("hh-2"));
}

TEST_F(PullTest, ACommuneWidePullSendsNoRemovalForAMoveWithinTheCommune) {
  Put("hh-1", kCommune, kVillage);
  Put("hh-2", kCommune, kVillage);
  const std::string cursor = Drain(RequestOf({ScopeOf(kCommune)})).cursor;
  Put("hh-1", kCommune, kOtherVillage);

  const Drained since = Drain(RequestOf({ScopeOf(kCommune)}, cursor));
  EXPECT_THAT(since.ids(), ElementsAre("hh-1"));
  EXPECT_THAT(since.removed_ids(), IsEmpty());
  const Drained fresh = Drain(RequestOf({ScopeOf(kCommune)}));
  EXPECT_THAT(fresh.ids(), ElementsAre("hh-2", "hh-1"));
  EXPECT_THAT(fresh.removed_ids(), IsEmpty());
}

TEST_F(PullTest, APullOfSeveralVillagesSendsNoRemovalForAMoveBetweenThem) {
  const v1::PullRequest both =
      RequestOf({ScopeOf(kCommune, kVillage), ScopeOf(kCommune, kOtherVillage)});
  Put("hh-1", kCommune, kVillage);
  Put("hh-2", kCommune, kOtherVillage);
  v1::PullRequest request = both;
  request.set_cursor(Drain(both).cursor);
  Put("hh-1", kCommune, kOtherVillage);
  Put("hh-2", kCommune, "thon-3");  // out of the scopes

  const Drained drained = Drain(request);
  EXPECT_THAT(drained.ids(), ElementsAre("hh-1"));
  EXPECT_THAT(drained.removed_ids(), ElementsAre("hh-2"));
}

TEST_F(PullTest, AHouseholdThatLeftTwoVillagesOfTheScopesIsRemovedOnce) {
  const v1::PullRequest both =
      RequestOf({ScopeOf(kCommune, kVillage), ScopeOf(kCommune, kOtherVillage)});
  Put("hh-1", kCommune, kVillage);
  v1::PullRequest request = both;
  request.set_cursor(Drain(both).cursor);
  Put("hh-1", kCommune, kOtherVillage);
  Put("hh-1", kCommune, "thon-3");

  const Drained drained = Drain(request);
  EXPECT_THAT(drained.ids(), IsEmpty());
  EXPECT_THAT(drained.removed_ids(), ElementsAre("hh-1"));
}

TEST_F(PullTest, AMoveToAnotherCommuneIsARemovalForTheOldCommunesPull) {
  Put("hh-1", kCommune, kVillage);
  const std::string cursor = Drain(RequestOf({ScopeOf(kCommune)})).cursor;
  Put("hh-1", kOtherCommune, kVillage);  // same village code, another commune

  const Drained old_commune = Drain(RequestOf({ScopeOf(kCommune)}, cursor));
  EXPECT_THAT(old_commune.ids(), IsEmpty());
  EXPECT_THAT(old_commune.removed_ids(), ElementsAre("hh-1"));
  EXPECT_THAT(Drain(RequestOf({ScopeOf(kOtherCommune, kVillage)})).ids(), ElementsAre("hh-1"));
}

TEST_F(PullTest, AMoveBackReplacesTheRemoval) {
  Put("hh-1", kCommune, kVillage);
  const std::string before = DrainVillage().cursor;
  Put("hh-1", kCommune, kOtherVillage);
  const Drained removed = DrainVillage(before);
  ASSERT_THAT(removed.removed_ids(), ElementsAre("hh-1"));
  const std::string b_cursor = Drain(RequestOf({ScopeOf(kCommune, kOtherVillage)})).cursor;
  Put("hh-1", kCommune, kVillage);  // back in thon-1

  // Whether thon-1's tablet saw the removal or not, it gets the household, and no removal.
  for (const std::string& from : {before, removed.cursor}) {
    const Drained drained = DrainVillage(from);
    EXPECT_THAT(drained.ids(), ElementsAre("hh-1"));
    EXPECT_THAT(drained.removed_ids(), IsEmpty());
    EXPECT_EQ(drained.households[0].version(), 3u);
  }
  // And thon-2's tablet drops it.
  const Drained b = Drain(RequestOf({ScopeOf(kCommune, kOtherVillage)}, b_cursor));
  EXPECT_THAT(b.ids(), IsEmpty());
  EXPECT_THAT(b.removed_ids(), ElementsAre("hh-1"));
}

}  // namespace
}  // namespace rasoat
