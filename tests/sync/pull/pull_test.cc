// PullService and PullSession against a real RocksDB, through the engine: what a pull sends, in
// which order, from which cursor, and which cursors and rounds it refuses.
#include <memory>
#include <string>
#include <vector>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "absl/status/statusor.h"
#include "rasoat/v1/sync.pb.h"
#include "sync/pull/pull_page.pb.h"
#include "tests/support/households.h"
#include "tests/support/status_matchers.h"
#include "tests/support/temp_dir.h"
#include "tests/support/test_principal.h"
#include "tests/sync/pull/pull_fixture.h"

namespace rasoat {
namespace {

using ::rasoat::testing::Drained;
using ::rasoat::testing::kCommune;
using ::rasoat::testing::kVillage;
using ::rasoat::testing::MakeHousehold;
using ::rasoat::testing::MakeMutation;
using ::rasoat::testing::PullTest;
using ::rasoat::testing::RequestOf;
using ::rasoat::testing::ScopeOf;
using ::rasoat::testing::StatusIs;
using ::testing::ElementsAre;
using ::testing::ElementsAreArray;
using ::testing::HasSubstr;
using ::testing::IsEmpty;

// The ids of the households of `page`, in order.
std::vector<std::string> IdsOf(const pull::PullPage& page) {
  std::vector<std::string> ids;
  for (const pull::StoredHouseholdState& state : page.households())
    ids.push_back(state.key().household_id());
  return ids;
}

TEST_F(PullTest, APageFromMemoryEndsBeforeWhatOnlyTheDiskHoldsAndTheDiskCarriesOnWithNoGap) {
  std::vector<std::string> all;
  for (int i = 0; i < 40; ++i) {
    all.push_back("hh-" + std::to_string(10 + i));
    Put(all.back());
  }
  Open();  // reopened: what was written is in files now, and nothing of it is cached

  absl::StatusOr<std::unique_ptr<PullSession>> cold =
      engine_->pull().StartPull(TestAdmin(), RequestOf({ScopeOf(kCommune, kVillage)}, "", 4));
  ASSERT_TRUE(cold.ok()) << cold.status();
  pull::PullPage page;
  absl::StatusOr<bool> from_memory = (*cold)->NextPageFromMemory(&page);
  ASSERT_TRUE(from_memory.ok()) << from_memory.status();
  EXPECT_FALSE(*from_memory) << "a household only the disk holds was read from memory";
  EXPECT_EQ(page.households_size(), 0);
  ASSERT_TRUE((*cold)->FinishPage(&page).ok());  // from the disk, which caches what it read
  EXPECT_THAT(IdsOf(page), ElementsAre("hh-10", "hh-11", "hh-12", "hh-13"));

  // A page taken from memory as far as it is there and finished from the disk holds every
  // household once, in order, and its cursor resumes after them.
  absl::StatusOr<std::unique_ptr<PullSession>> mixed =
      engine_->pull().StartPull(TestAdmin(), RequestOf({ScopeOf(kCommune, kVillage)}, "", 100));
  ASSERT_TRUE(mixed.ok()) << mixed.status();
  from_memory = (*mixed)->NextPageFromMemory(&page);
  ASSERT_TRUE(from_memory.ok()) << from_memory.status();
  EXPECT_FALSE(*from_memory) << "households only the disk holds were read from memory";
  EXPECT_GE(page.households_size(), 4) << "what the first pull cached was not taken from memory";
  ASSERT_TRUE((*mixed)->FinishPage(&page).ok());
  EXPECT_THAT(IdsOf(page), ElementsAreArray(all));
  EXPECT_TRUE(page.caught_up());
  EXPECT_THAT(PullOk({ScopeOf(kCommune, kVillage)}, page.cursor()).households, IsEmpty());
}

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
  EXPECT_THAT(
      engine_->pull().StartPull(TestAdmin(), RequestOf({ScopeOf(kCommune, kVillage)}, "garbage")),
      StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("cursor")));
}

TEST_F(PullTest, CursorOfAnotherRoundIsInvalidArgument) {
  Put("hh-1");
  const std::string cursor_2026 = DrainVillage().cursor;
  ASSERT_FALSE(cursor_2026.empty());
  EXPECT_THAT(engine_->pull().StartPull(
                  TestAdmin(), RequestOf({ScopeOf(kCommune, kVillage)}, cursor_2026, 0, "2027")),
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
  ASSERT_OK(other->push().Push(TestAdmin(), request, &response));
  absl::StatusOr<std::unique_ptr<PullSession>> session =
      other->pull().StartPull(TestAdmin(), RequestOf({ScopeOf(kCommune, kVillage)}));
  ASSERT_OK(session);
  pull::PullPage page;
  ASSERT_OK((*session)->NextPage(&page));
  ASSERT_TRUE(page.caught_up());

  Put("hh-1");  // this store's committed seq stays below the other's
  ASSERT_LT(engine_->committed_seq(), other->committed_seq());
  EXPECT_THAT(engine_->pull().StartPull(TestAdmin(),
                                        RequestOf({ScopeOf(kCommune, kVillage)}, page.cursor())),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("cursor")));
}

TEST_F(PullTest, UnknownRoundIsInvalidArgument) {
  EXPECT_THAT(engine_->pull().StartPull(TestAdmin(),
                                        RequestOf({ScopeOf(kCommune, kVillage)}, "", 0, "2025")),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("round_id")));
  EXPECT_THAT(
      engine_->pull().StartPull(TestAdmin(), RequestOf({ScopeOf(kCommune, kVillage)}, "", 0, "")),
      StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("round_id")));
}

}  // namespace
}  // namespace rasoat
