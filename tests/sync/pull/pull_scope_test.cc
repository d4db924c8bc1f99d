// PullService through the engine: which households a pull sends for its scopes (villages,
// whole communes, several communes, scopes that grow between pulls) and which scopes it refuses.
#include <string>
#include <vector>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "rasoat/v1/sync.pb.h"
#include "tests/support/households.h"
#include "tests/support/status_matchers.h"
#include "tests/support/test_principal.h"
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
using ::rasoat::testing::StatusIs;
using ::testing::ElementsAre;
using ::testing::ElementsAreArray;
using ::testing::HasSubstr;
using ::testing::UnorderedElementsAre;
using ::testing::UnorderedElementsAreArray;

TEST_F(PullTest, HouseholdsOutsideTheScopeNeverAppear) {
  Put("in-1", kCommune, kVillage);
  Put("other-village", kCommune, kOtherVillage);
  // Same village code, another commune.
  Put("other-commune", kOtherCommune, kVillage);
  // Same place, another round.
  Put("other-round", kCommune, kVillage, "2027");
  Put("in-2", kCommune, kVillage);
  Put("other-village", kCommune, kOtherVillage);
  Put("other-commune", kOtherCommune, kVillage);

  EXPECT_THAT(DrainVillage().ids(), ElementsAre("in-1", "in-2"));
  EXPECT_THAT(DrainVillage("", 1).ids(), ElementsAre("in-1", "in-2"));
  EXPECT_THAT(Drain(RequestOf({ScopeOf(kOtherCommune, kVillage)})).ids(),
              ElementsAre("other-commune"));
  EXPECT_THAT(Drain(RequestOf({ScopeOf(kCommune, kVillage)}, "", 0, "2027")).ids(),
              ElementsAre("other-round"));
}

TEST_F(PullTest, HouseholdThatMovedVillageIsSentOnlyWhereItIsNow) {
  Put("hh-1", kCommune, kVillage);
  Put("hh-2", kCommune, kVillage);
  Put("hh-1", kCommune, kOtherVillage);

  EXPECT_THAT(DrainVillage().ids(), ElementsAre("hh-2"));
  const Drained other = Drain(RequestOf({ScopeOf(kCommune, kOtherVillage)}));
  ASSERT_THAT(other.ids(), ElementsAre("hh-1"));
  EXPECT_EQ(other.households[0].version(), 2u);
  EXPECT_EQ(other.households[0].record().location().village_code(), kOtherVillage);
}

TEST_F(PullTest, CommuneWideScopeSendsEveryVillageOfTheCommune) {
  Put("a-1", kCommune, kVillage);
  Put("b-1", kCommune, kOtherVillage);
  Put("x-1", kOtherCommune, kVillage);
  Put("c-1", kCommune, "thon-3");
  Put("a-2", kCommune, kVillage);
  Put("b-1", kCommune, kOtherVillage);

  const Drained drained = Drain(RequestOf({ScopeOf(kCommune)}));
  // Merged across villages in change order.
  EXPECT_THAT(drained.ids(), ElementsAre("a-1", "c-1", "a-2", "b-1"));
  EXPECT_THAT(Drain(RequestOf({ScopeOf(kCommune)}, "", 1)).ids(),
              ElementsAre("a-1", "c-1", "a-2", "b-1"));

  // Its cursor covers villages that appear after it, too.
  Put("d-1", kCommune, "thon-4");
  Put("a-1", kCommune, kVillage);
  EXPECT_THAT(Drain(RequestOf({ScopeOf(kCommune)}, drained.cursor)).ids(),
              ElementsAre("d-1", "a-1"));
}

TEST_F(PullTest, CommuneWideScopeResumesFromAPageCursor) {
  std::vector<std::string> all;
  const std::vector<std::string> villages = {"thon-1", "thon-2", "thon-3"};
  for (int i = 0; i < 10; ++i) {
    all.push_back("hh-" + std::to_string(i));
    Put(all.back(), kCommune, villages[i % villages.size()]);
  }
  const Drained full = Drain(RequestOf({ScopeOf(kCommune)}, "", 3));
  ASSERT_THAT(full.ids(), ElementsAreArray(all));
  ASSERT_EQ(full.pages.size(), 4u);
  EXPECT_THAT(Drain(RequestOf({ScopeOf(kCommune)}, full.pages[1].cursor(), 3)).ids(),
              ElementsAre("hh-6", "hh-7", "hh-8", "hh-9"));
  ExpectEveryPageCursorResumesAfterIt(RequestOf({ScopeOf(kCommune)}, "", 3), full);
}

TEST_F(PullTest, AddedVillageIsSentFromItsBeginningAndTheOthersAreNotSentAgain) {
  Put("a-1", kCommune, kVillage);
  Put("b-1", kCommune, kOtherVillage);
  Put("a-2", kCommune, kVillage);
  Put("b-2", kCommune, kOtherVillage);
  const std::string cursor = DrainVillage().cursor;

  // The tablet is given thon-2 as well; thon-1 has not changed since its cursor.
  const Drained drained =
      Drain(RequestOf({ScopeOf(kCommune, kVillage), ScopeOf(kCommune, kOtherVillage)}, cursor));
  EXPECT_THAT(drained.ids(), ElementsAre("b-1", "b-2"));

  // From the new cursor, both villages continue where they are.
  Put("a-1", kCommune, kVillage);
  Put("b-3", kCommune, kOtherVillage);
  EXPECT_THAT(Drain(RequestOf({ScopeOf(kCommune, kVillage), ScopeOf(kCommune, kOtherVillage)},
                              drained.cursor))
                  .ids(),
              ElementsAre("a-1", "b-3"));
}

TEST_F(PullTest, AddedVillageIsSentFromItsBeginningWhenPagedAndInterleaved) {
  // Village thon-1's position is ahead of everything in thon-2 and behind some of it.
  Put("b-1", kCommune, kOtherVillage);
  Put("a-1", kCommune, kVillage);
  Put("b-2", kCommune, kOtherVillage);
  const std::string cursor = DrainVillage().cursor;
  Put("b-3", kCommune, kOtherVillage);
  Put("a-2", kCommune, kVillage);

  const v1::PullRequest request =
      RequestOf({ScopeOf(kCommune, kVillage), ScopeOf(kCommune, kOtherVillage)}, cursor, 1);
  const Drained drained = Drain(request);
  EXPECT_THAT(drained.ids(), ElementsAre("b-1", "b-2", "b-3", "a-2"));
  // Each page's cursor keeps thon-1 where the old cursor had it and thon-2 where the page
  // ended: resuming from it sends neither a-1 nor a thon-2 household twice.
  ExpectEveryPageCursorResumesAfterIt(request, drained);
}

TEST_F(PullTest, WideningAVillageCursorToTheCommuneSendsOnlyTheOtherVillages) {
  Put("b-1", kCommune, kOtherVillage);
  Put("a-1", kCommune, kVillage);
  Put("c-1", kCommune, "thon-3");
  Put("a-2", kCommune, kVillage);
  const std::string cursor = DrainVillage().cursor;
  Put("c-2", kCommune, "thon-3");

  const v1::PullRequest request = RequestOf({ScopeOf(kCommune)}, cursor, 1);
  const Drained drained = Drain(request);
  EXPECT_THAT(drained.ids(), ElementsAre("b-1", "c-1", "c-2"));
  ExpectEveryPageCursorResumesAfterIt(request, drained);
}

TEST_F(PullTest, NoScopesIsInvalidArgument) {
  EXPECT_THAT(engine_->pull().StartPull(TestAdmin(), RequestOf({})),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("scopes")));
}

TEST_F(PullTest, ScopeWithoutCommuneIsInvalidArgument) {
  EXPECT_THAT(engine_->pull().StartPull(TestAdmin(), RequestOf({ScopeOf("", kVillage)})),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("scopes[0].commune_code")));
  EXPECT_THAT(engine_->pull().StartPull(TestAdmin(),
                                        RequestOf({ScopeOf(kCommune, kVillage), ScopeOf("", "")})),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("scopes[1].commune_code")));
}

TEST_F(PullTest, DuplicateAndOverlappingScopesSendEachHouseholdOnce) {
  Put("a-1", kCommune, kVillage);
  Put("b-1", kCommune, kOtherVillage);
  const Drained drained = Drain(RequestOf({ScopeOf(kCommune, kVillage), ScopeOf(kCommune, kVillage),
                                           ScopeOf(kCommune), ScopeOf(kCommune, kOtherVillage)}));
  EXPECT_THAT(drained.ids(), UnorderedElementsAre("a-1", "b-1"));
  EXPECT_EQ(drained.households.size(), 2u);
}

TEST_F(PullTest, SeveralCommunesAreMergedInChangeOrder) {
  std::vector<std::string> expected;
  for (int i = 0; i < 6; ++i) {
    const std::string id = "hh-" + std::to_string(i);
    Put(id, i % 2 == 0 ? kCommune : kOtherCommune, i % 3 == 0 ? kVillage : kOtherVillage);
    expected.push_back(id);
  }
  const v1::PullRequest request = RequestOf({ScopeOf(kCommune), ScopeOf(kOtherCommune)}, "", 2);
  const Drained drained = Drain(request);
  EXPECT_THAT(drained.ids(), ElementsAreArray(expected));
  ExpectEveryPageCursorResumesAfterIt(request, drained);
  EXPECT_THAT(Drain(RequestOf({ScopeOf(kOtherCommune), ScopeOf(kCommune)})).ids(),
              UnorderedElementsAreArray(expected));
}

}  // namespace
}  // namespace rasoat
