// Pull against a real rasoatd: once per household at its latest state, resumable pages, scope;
// cursors it did not issue (damaged, another rasoatd's, the format before they were
// authenticated) refused with the start-over message.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "sync/store/store_records.pb.h"
#include "tests/e2e/sync_client.h"
#include "tests/e2e/sync_e2e_fixture.h"
#include "tests/support/households.h"
#include "tests/support/status_matchers.h"

namespace rasoat::testing {
namespace {

using ::testing::AllOf;
using ::testing::ElementsAreArray;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::SizeIs;
using ::testing::UnorderedElementsAreArray;

class PullE2eTest : public SyncE2eTest {
 protected:
  // Creates households h0..h(count-1) in `village`, one push each, in that order.
  void CreateHouseholds(int count, const std::string& village, const std::string& prefix = "h",
                        const std::string& commune = "00001") {
    for (int i = 0; i < count; ++i) {
      const std::string id = absl::StrCat(prefix, i);
      ASSERT_OK_AND_ASSIGN(v1::PushResponse response,
                           Push(stub_.get(), "tab-1",
                                {MakeMutation(id, absl::StrCat("create-", id), 0,
                                              MakeHousehold(i, commune, village))}));
      ASSERT_EQ(response.results(0).outcome(), v1::MUTATION_OUTCOME_APPLIED);
    }
  }

  static std::vector<std::string> Ids(const std::vector<v1::HouseholdState>& states) {
    std::vector<std::string> ids;
    for (const v1::HouseholdState& state : states) ids.push_back(state.key().household_id());
    return ids;
  }

  // The status of a pull of thon-1 from `cursor`.
  absl::Status PullStatus(const std::string& cursor) {
    return PullAll(stub_.get(), "2026", thon1_, cursor).status();
  }

  const std::vector<v1::Scope> thon1_ = {VillageScope("00001", "thon-1")};
};

constexpr char kStartOver[] = "pull with an empty cursor to sync from the beginning";

TEST_F(PullE2eTest, EmptyCursorReturnsEachHouseholdOnceAtItsLatestVersion) {
  CreateHouseholds(10, "thon-1");
  ASSERT_OK(Push(stub_.get(), "tab-1", {MakeMutation("h3", "edit-h3", 1, MakeHousehold(33))}));

  ASSERT_OK_AND_ASSIGN(PullResult pull, PullAll(stub_.get(), "2026", thon1_, "", 4));
  EXPECT_THAT(Ids(pull.households), UnorderedElementsAreArray({"h0", "h1", "h2", "h3", "h4", "h5",
                                                               "h6", "h7", "h8", "h9"}));
  for (const v1::HouseholdState& state : pull.households) {
    EXPECT_EQ(state.version(), state.key().household_id() == "h3" ? 2u : 1u);
    EXPECT_EQ(state.status(), v1::REVIEW_STATUS_READY_FOR_REVIEW);
  }
  // Oldest change first: h3 changed last.
  EXPECT_EQ(pull.households.back().key().household_id(), "h3");
  EXPECT_THAT(pull.page_sizes, ElementsAreArray({4, 4, 2}));
  EXPECT_TRUE(pull.caught_up);
}

TEST_F(PullE2eTest, ResumingFromAMidStreamCursorReturnsExactlyTheRest) {
  CreateHouseholds(10, "thon-1");
  ASSERT_OK_AND_ASSIGN(PullResult full, PullAll(stub_.get(), "2026", thon1_, "", 3));
  ASSERT_THAT(full.page_cursors, SizeIs(4));

  // The link broke after page 2: resume from its cursor.
  ASSERT_OK_AND_ASSIGN(PullResult rest,
                       PullAll(stub_.get(), "2026", thon1_, full.page_cursors[1], 3));
  const std::vector<std::string> all = Ids(full.households);
  EXPECT_THAT(Ids(rest.households), ElementsAreArray(all.begin() + 6, all.end()));

  // From the last cursor there is nothing more.
  ASSERT_OK_AND_ASSIGN(PullResult none,
                       PullAll(stub_.get(), "2026", thon1_, full.page_cursors.back()));
  EXPECT_THAT(none.households, SizeIs(0));
  EXPECT_TRUE(none.caught_up);
}

TEST_F(PullE2eTest, AHouseholdEditedFiveTimesAfterTheCursorComesOnce) {
  CreateHouseholds(3, "thon-1");
  ASSERT_OK_AND_ASSIGN(PullResult first, PullAll(stub_.get(), "2026", thon1_));
  for (uint64_t base = 1; base <= 5; ++base) {
    ASSERT_OK(
        Push(stub_.get(), "tab-1",
             {MakeMutation("h1", absl::StrCat("edit-", base), base, MakeHousehold(100 + base))}));
  }
  ASSERT_OK_AND_ASSIGN(PullResult next,
                       PullAll(stub_.get(), "2026", thon1_, first.page_cursors.back()));
  ASSERT_THAT(next.households, SizeIs(1));
  EXPECT_EQ(next.households[0].key().household_id(), "h1");
  EXPECT_EQ(next.households[0].version(), 6u);
}

TEST_F(PullE2eTest, HouseholdsOutsideTheScopeNeverAppear) {
  CreateHouseholds(4, "thon-1", "a");
  CreateHouseholds(4, "thon-2", "b");
  CreateHouseholds(4, "thon-1", "c", "00002");  // same village name, another commune

  ASSERT_OK_AND_ASSIGN(PullResult village, PullAll(stub_.get(), "2026", thon1_));
  EXPECT_THAT(Ids(village.households), UnorderedElementsAreArray({"a0", "a1", "a2", "a3"}));

  ASSERT_OK_AND_ASSIGN(PullResult commune,
                       PullAll(stub_.get(), "2026", {CommuneScope("00001")}, "", 3));
  EXPECT_THAT(Ids(commune.households),
              UnorderedElementsAreArray({"a0", "a1", "a2", "a3", "b0", "b1", "b2", "b3"}));
}

TEST_F(PullE2eTest, AVillageAddedToTheScopeArrivesFromItsBeginningAlone) {
  CreateHouseholds(3, "thon-1", "a");
  CreateHouseholds(3, "thon-2", "b");
  ASSERT_OK_AND_ASSIGN(PullResult first, PullAll(stub_.get(), "2026", thon1_));
  ASSERT_THAT(first.households, SizeIs(3));

  // The commune assigns thon-2 to this tablet as well.
  ASSERT_OK_AND_ASSIGN(PullResult second,
                       PullAll(stub_.get(), "2026",
                               {VillageScope("00001", "thon-1"), VillageScope("00001", "thon-2")},
                               first.page_cursors.back()));
  EXPECT_THAT(Ids(second.households), UnorderedElementsAreArray({"b0", "b1", "b2"}));
}

TEST_F(PullE2eTest, EveryBitFlipOfAValidCursorIsRefusedNeverASilentSkip) {
  CreateHouseholds(8, "thon-1");
  ASSERT_OK_AND_ASSIGN(PullResult first, PullAll(stub_.get(), "2026", thon1_, "", 3));
  ASSERT_THAT(first.page_cursors, SizeIs(3));
  const std::string cursor = first.page_cursors[0];  // 5 households still to come
  std::vector<std::string> trusted;
  for (size_t byte = 0; byte < cursor.size(); ++byte) {
    for (int bit = 0; bit < 8; ++bit) {
      std::string flipped = cursor;
      flipped[byte] = static_cast<char>(flipped[byte] ^ (1 << bit));
      absl::StatusOr<PullResult> pull = PullAll(stub_.get(), "2026", thon1_, flipped);
      if (pull.ok()) {
        trusted.push_back(absl::StrCat("byte ", byte, " bit ", bit, ": ", pull->households.size(),
                                       " of 5 households sent"));
      } else if (!absl::IsInvalidArgument(pull.status()) ||
                 !absl::StrContains(pull.status().message(), kStartOver)) {
        trusted.push_back(
            absl::StrCat("byte ", byte, " bit ", bit, ": ", pull.status().ToString()));
      }
    }
  }
  EXPECT_THAT(trusted, IsEmpty()) << "of " << cursor.size() * 8 << " single-bit flips";
  ASSERT_OK_AND_ASSIGN(PullResult rest, PullAll(stub_.get(), "2026", thon1_, cursor));
  EXPECT_THAT(rest.households, SizeIs(5));
}

TEST_F(PullE2eTest, ACursorFromAnotherRasoatdIsRefusedWithTheStartOverMessage) {
  // The other rasoatd issued its cursor after 3 changes; this one has 8: following the cursor
  // would skip three households.
  ASSERT_OK_AND_ASSIGN(std::unique_ptr<RasoatdProcess> other,
                       RasoatdProcess::Start(dir_.Sub("other-data")));
  std::unique_ptr<v1::SyncService::Stub> other_stub = other->NewSyncStub();
  for (int i = 0; i < 3; ++i) {
    ASSERT_OK(Push(other_stub.get(), "tab-9",
                   {MakeMutation(absl::StrCat("x", i), absl::StrCat("create-x", i), 0,
                                 MakeHousehold(i, "00001", "thon-1"))}));
  }
  ASSERT_OK_AND_ASSIGN(PullResult foreign, PullAll(other_stub.get(), "2026", thon1_));
  CreateHouseholds(8, "thon-1");
  EXPECT_THAT(PullStatus(foreign.page_cursors.back()),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr(kStartOver)));
}

TEST_F(PullE2eTest, ACursorOfTheFormatBeforeAuthenticationIsRefusedWithTheStartOverMessage) {
  CreateHouseholds(5, "thon-1");
  store::PullCursor old;  // format 1: positions in clear, no MAC
  old.set_format(1);
  old.set_round_id("2026");
  store::PullCursor::Position* position = old.add_positions();
  position->set_commune_code("00001");
  position->set_village_code("thon-1");
  position->set_seq(2);
  EXPECT_THAT(PullStatus(old.SerializeAsString()),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       AllOf(HasSubstr("older version"), HasSubstr(kStartOver))));
}

TEST_F(PullE2eTest, AHouseholdMovedToAnotherVillageIsRemovedFromTheOldOnceAndSentToTheNew) {
  CreateHouseholds(3, "thon-1", "a");
  const std::vector<v1::Scope> thon2 = {VillageScope("00001", "thon-2")};
  ASSERT_OK_AND_ASSIGN(PullResult a_first, PullAll(stub_.get(), "2026", thon1_));
  ASSERT_OK_AND_ASSIGN(PullResult b_first, PullAll(stub_.get(), "2026", thon2));
  ASSERT_THAT(a_first.households, SizeIs(3));
  ASSERT_THAT(b_first.households, IsEmpty());

  // a1 moves to thon-2: a tablet of thon-1 pushes its record with the new village.
  ASSERT_OK_AND_ASSIGN(
      v1::PushResponse moved,
      Push(stub_.get(), "tab-1",
           {MakeMutation("a1", "move-a1", 1, MakeHousehold(1, "00001", "thon-2"))}));
  ASSERT_EQ(moved.results(0).outcome(), v1::MUTATION_OUTCOME_APPLIED);

  ASSERT_OK_AND_ASSIGN(PullResult a,
                       PullAll(stub_.get(), "2026", thon1_, a_first.page_cursors.back()));
  EXPECT_THAT(a.households, IsEmpty());
  ASSERT_THAT(a.removals, SizeIs(1));
  EXPECT_EQ(a.removals[0].key().household_id(), "a1");
  EXPECT_EQ(a.removals[0].reason(), v1::REMOVAL_REASON_MOVED_OUT_OF_SCOPE);
  ASSERT_OK_AND_ASSIGN(PullResult a_again,
                       PullAll(stub_.get(), "2026", thon1_, a.page_cursors.back()));
  EXPECT_THAT(a_again.households, IsEmpty());
  EXPECT_THAT(a_again.removals, IsEmpty());

  ASSERT_OK_AND_ASSIGN(PullResult b,
                       PullAll(stub_.get(), "2026", thon2, b_first.page_cursors.back()));
  EXPECT_THAT(Ids(b.households), ElementsAreArray({"a1"}));
  EXPECT_THAT(b.removals, IsEmpty());
  EXPECT_EQ(b.households[0].version(), 2u);

  // The commune's pull has it where it is now, and no removal.
  ASSERT_OK_AND_ASSIGN(PullResult commune, PullAll(stub_.get(), "2026", {CommuneScope("00001")}));
  EXPECT_THAT(Ids(commune.households), UnorderedElementsAreArray({"a0", "a1", "a2"}));
  EXPECT_THAT(commune.removals, IsEmpty());
}

}  // namespace
}  // namespace rasoat::testing
