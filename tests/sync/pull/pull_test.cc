// PullService and PullSession against a real RocksDB, through the engine: what a pull sends, in
// which order, from which cursor, for which scopes, and which requests it refuses.
#include <map>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "rasoat/v1/sync.pb.h"
#include "sync/engine.h"
#include "tests/support/engine_fixture.h"
#include "tests/support/households.h"
#include "tests/support/status_matchers.h"
#include "tests/support/temp_dir.h"

namespace rasoat {
namespace {

using ::rasoat::testing::MakeHousehold;
using ::rasoat::testing::MakeMutation;
using ::rasoat::testing::StatusIs;
using ::testing::ElementsAre;
using ::testing::ElementsAreArray;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::UnorderedElementsAre;
using ::testing::UnorderedElementsAreArray;

constexpr char kCommune[] = "00001";
constexpr char kOtherCommune[] = "00002";
constexpr char kVillage[] = "thon-1";
constexpr char kOtherVillage[] = "thon-2";

v1::PullRequest RequestOf(std::vector<v1::Scope> scopes, const std::string& cursor = "",
                          uint32_t page_size = 0, const std::string& round = "2026") {
  v1::PullRequest request;
  request.set_round_id(round);
  for (v1::Scope& scope : scopes) *request.add_scopes() = std::move(scope);
  request.set_cursor(cursor);
  request.set_page_size(page_size);
  return request;
}

using testing::Drained;
using testing::ScopeOf;

class PullTest : public testing::EngineTest {
 protected:
  void SetUp() override {
    options_.rounds.ids = {"2026", "2027"};
    Open();
  }

  // Creates (or edits, from the head the test has recorded) household `id` in (commune, village)
  // and returns the version it got. Each call is its own push, so its own change seq.
  uint64_t Put(const std::string& id, const std::string& commune = kCommune,
               const std::string& village = kVillage, const std::string& round = "2026") {
    uint64_t& version = versions_[round + "/" + id];
    v1::Household record = MakeHousehold(seed_++, commune, village);
    record.set_collaborator_note("edit " + std::to_string(version + 1));
    v1::Mutation mutation =
        MakeMutation(id, "m-" + std::to_string(next_mutation_++), version, std::move(record));
    mutation.mutable_key()->set_round_id(round);
    const v1::MutationResult result = PushOne(std::move(mutation), "tablet-A");
    EXPECT_EQ(result.outcome(), v1::MUTATION_OUTCOME_APPLIED) << result.ShortDebugString();
    version = result.version();
    return version;
  }

  // Runs a pull to its end, checking the page protocol on the way.
  Drained Drain(const v1::PullRequest& request) {
    Drained drained;
    absl::StatusOr<std::unique_ptr<PullSession>> session = engine_->pull().StartPull(request);
    EXPECT_TRUE(session.ok()) << session.status();
    if (!session.ok()) return drained;
    // A pull is bounded: at most one page per household plus the last one.
    for (int pages = 0; !(*session)->done(); ++pages) {
      if (pages > 10'000) {
        ADD_FAILURE() << "pull does not end";
        break;
      }
      v1::PullResponse page;
      const absl::Status status = (*session)->NextPage(&page);
      EXPECT_TRUE(status.ok()) << status;
      if (!status.ok()) break;
      EXPECT_FALSE(page.cursor().empty()) << "page " << pages << " has no cursor";
      for (const v1::HouseholdState& state : page.households()) drained.households.push_back(state);
      drained.cursor = page.cursor();
      drained.pages.push_back(std::move(page));
    }
    return drained;
  }

  // Checks that resuming `request` from any page's cursor of `drained` (a drain of it with no
  // writes since) sends exactly the households after that page, in the same order.
  void ExpectEveryPageCursorResumesAfterIt(v1::PullRequest request, const Drained& drained) {
    const std::vector<std::string> all = drained.ids();
    size_t sent = 0;
    for (size_t i = 0; i < drained.pages.size(); ++i) {
      sent += static_cast<size_t>(drained.pages[i].households_size());
      request.set_cursor(drained.pages[i].cursor());
      EXPECT_THAT(Drain(request).ids(),
                  ElementsAreArray(std::vector<std::string>(all.begin() + sent, all.end())))
          << "resuming after page " << i;
    }
  }

  Drained DrainVillage(const std::string& cursor = "", uint32_t page_size = 0) {
    return Drain(RequestOf({ScopeOf(kCommune, kVillage)}, cursor, page_size));
  }

  std::map<std::string, uint64_t> versions_;
  uint64_t seed_ = 1;
  int next_mutation_ = 1;
};

TEST_F(PullTest, EmptyCursorSendsEachHouseholdOnceAtItsLatestVersion) {
  Put("hh-1");
  Put("hh-2");
  Put("hh-1");
  Put("hh-3");
  Put("hh-2");
  Put("hh-1");

  const Drained drained = DrainVillage();
  // Oldest change first: hh-3 last changed before hh-2, which changed before hh-1.
  EXPECT_THAT(drained.ids(), ElementsAre("hh-3", "hh-2", "hh-1"));
  std::map<std::string, uint64_t> pulled;
  for (const v1::HouseholdState& state : drained.households) {
    pulled[state.key().household_id()] = state.version();
    EXPECT_EQ(state.key().round_id(), "2026");
    EXPECT_EQ(state.status(), v1::REVIEW_STATUS_READY_FOR_REVIEW);
    EXPECT_EQ(state.record().collaborator_note(), "edit " + std::to_string(state.version()));
  }
  EXPECT_EQ(pulled, (std::map<std::string, uint64_t>{{"hh-1", 3}, {"hh-2", 2}, {"hh-3", 1}}));
}

TEST_F(PullTest, EmptyStoreSendsOneCaughtUpPage) {
  const Drained drained = DrainVillage();
  ASSERT_EQ(drained.pages.size(), 1u);
  EXPECT_TRUE(drained.pages[0].caught_up());
  EXPECT_THAT(drained.households, IsEmpty());
  // Its cursor is a good one.
  Put("hh-1");
  EXPECT_THAT(DrainVillage(drained.cursor).ids(), ElementsAre("hh-1"));
}

TEST_F(PullTest, ResumingFromAPageCursorSendsExactlyTheRest) {
  std::vector<std::string> all;
  for (int i = 0; i < 10; ++i) {
    all.push_back("hh-" + std::to_string(i));
    Put(all.back());
  }

  const Drained full = DrainVillage("", 3);
  ASSERT_THAT(full.ids(), ElementsAreArray(all));
  ASSERT_EQ(full.pages.size(), 4u);  // 3 + 3 + 3 + 1

  // The tablet lost the connection after page 2 and resumes from its cursor.
  const std::string page2_cursor = full.pages[1].cursor();
  const Drained rest = DrainVillage(page2_cursor, 3);
  EXPECT_THAT(rest.ids(), ElementsAre("hh-6", "hh-7", "hh-8", "hh-9"));
  ExpectEveryPageCursorResumesAfterIt(RequestOf({ScopeOf(kCommune, kVillage)}, "", 3), full);
  // Resuming from the last page's cursor sends nothing more.
  EXPECT_THAT(DrainVillage(rest.cursor, 3).households, IsEmpty());
  EXPECT_THAT(DrainVillage(full.cursor, 3).households, IsEmpty());
}

TEST_F(PullTest, HouseholdEditedFiveTimesAfterTheCursorIsSentOnceAtItsLatestVersion) {
  Put("hh-1");
  Put("hh-2");
  const std::string cursor = DrainVillage().cursor;
  for (int i = 0; i < 5; ++i) Put("hh-1");

  const Drained drained = DrainVillage(cursor);
  ASSERT_EQ(drained.households.size(), 1u);
  EXPECT_EQ(drained.households[0].key().household_id(), "hh-1");
  EXPECT_EQ(drained.households[0].version(), 6u);
  EXPECT_EQ(drained.households[0].record().collaborator_note(), "edit 6");
}

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

TEST_F(PullTest, CaughtUpIsSetOnlyOnTheLastPage) {
  for (int i = 0; i < 7; ++i) Put("hh-" + std::to_string(i));
  const Drained drained = DrainVillage("", 2);
  ASSERT_EQ(drained.pages.size(), 4u);  // 2 + 2 + 2 + 1
  for (size_t i = 0; i + 1 < drained.pages.size(); ++i) {
    EXPECT_FALSE(drained.pages[i].caught_up()) << "page " << i;
    EXPECT_EQ(drained.pages[i].households_size(), 2) << "page " << i;
  }
  EXPECT_TRUE(drained.pages.back().caught_up());
  EXPECT_EQ(drained.pages.back().households_size(), 1);
}

TEST_F(PullTest, ExactlyFullLastPageIsTheCaughtUpOne) {
  for (int i = 0; i < 6; ++i) Put("hh-" + std::to_string(i));
  const Drained drained = DrainVillage("", 3);
  // Either 3 + 3 with the second caught up, or 3 + 3 + an empty caught-up page; never a
  // caught-up flag before the end.
  ASSERT_GE(drained.pages.size(), 2u);
  for (size_t i = 0; i + 1 < drained.pages.size(); ++i) {
    EXPECT_FALSE(drained.pages[i].caught_up()) << "page " << i;
  }
  EXPECT_TRUE(drained.pages.back().caught_up());
  EXPECT_EQ(drained.households.size(), 6u);
}

TEST_F(PullTest, PageSizeIsCappedByTheServer) {
  // 0 means the server's default; larger than the maximum is capped, never an error.
  for (int i = 0; i < 3; ++i) Put("hh-" + std::to_string(i));
  EXPECT_EQ(DrainVillage("", 0).pages.size(), 1u);
  EXPECT_EQ(DrainVillage("", 1'000'000).pages.size(), 1u);
}

TEST_F(PullTest, MalformedCursorIsInvalidArgument) {
  EXPECT_THAT(engine_->pull().StartPull(RequestOf({ScopeOf(kCommune, kVillage)}, "garbage")),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("cursor")));
}

TEST_F(PullTest, CursorOfAnotherRoundIsInvalidArgument) {
  Put("hh-1");
  const std::string cursor_2026 = DrainVillage().cursor;
  ASSERT_FALSE(cursor_2026.empty());
  EXPECT_THAT(
      engine_->pull().StartPull(RequestOf({ScopeOf(kCommune, kVillage)}, cursor_2026, 0, "2027")),
      StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("cursor")));
}

TEST_F(PullTest, CursorFromAnotherServerIsInvalidArgument) {
  // A cursor whose positions this store never reached: from another server's data directory.
  testing::TempDir other_dir;
  ASSERT_OK_AND_ASSIGN(std::unique_ptr<Engine> other,
                       Engine::Open(EngineOptions{.data_dir = other_dir.Sub("data")}));
  v1::PushRequest request;
  request.set_device_id("tablet-B");
  for (int i = 0; i < 5; ++i) {
    *request.add_mutations() = MakeMutation("hh-" + std::to_string(i), "m-" + std::to_string(i), 0,
                                            MakeHousehold(i, kCommune, kVillage));
  }
  v1::PushResponse response;
  ASSERT_OK(other->push().Push(request, &response));
  absl::StatusOr<std::unique_ptr<PullSession>> session =
      other->pull().StartPull(RequestOf({ScopeOf(kCommune, kVillage)}));
  ASSERT_OK(session);
  v1::PullResponse page;
  ASSERT_OK((*session)->NextPage(&page));
  ASSERT_TRUE(page.caught_up());

  Put("hh-1");  // this store's committed seq stays below the other's
  ASSERT_LT(engine_->committed_seq(), other->committed_seq());
  EXPECT_THAT(engine_->pull().StartPull(RequestOf({ScopeOf(kCommune, kVillage)}, page.cursor())),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("cursor")));
}

TEST_F(PullTest, UnknownRoundIsInvalidArgument) {
  EXPECT_THAT(engine_->pull().StartPull(RequestOf({ScopeOf(kCommune, kVillage)}, "", 0, "2025")),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("round_id")));
  EXPECT_THAT(engine_->pull().StartPull(RequestOf({ScopeOf(kCommune, kVillage)}, "", 0, "")),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("round_id")));
}

TEST_F(PullTest, NoScopesIsInvalidArgument) {
  EXPECT_THAT(engine_->pull().StartPull(RequestOf({})),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("scopes")));
}

TEST_F(PullTest, ScopeWithoutCommuneIsInvalidArgument) {
  EXPECT_THAT(engine_->pull().StartPull(RequestOf({ScopeOf("", kVillage)})),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("scopes[0].commune_code")));
  EXPECT_THAT(engine_->pull().StartPull(RequestOf({ScopeOf(kCommune, kVillage), ScopeOf("", "")})),
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
