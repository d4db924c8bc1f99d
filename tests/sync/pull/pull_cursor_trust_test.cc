// Which cursors a pull trusts: every single-bit flip of a valid cursor, a cursor of another
// store (also one whose positions this store has passed), a cursor of the format before cursors
// were authenticated, and a cursor issued after the backup a store was restored from are all
// INVALID_ARGUMENT telling the tablet to pull from the beginning; never a pull that silently
// skips what the cursor claims was delivered.
#include <filesystem>
#include <string>
#include <vector>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "rasoat/v1/sync.pb.h"
#include "sync/store/store.h"
#include "sync/store/store_records.pb.h"
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
using ::testing::AllOf;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;

constexpr char kStartOver[] = "pull with an empty cursor to sync from the beginning";

class PullCursorTrustTest : public PullTest {
 protected:
  absl::Status StartWith(const std::string& cursor) {
    return engine_->pull()
        .StartPull(TestAdmin(), RequestOf({ScopeOf(kCommune, kVillage)}, cursor))
        .status();
  }

  // A cursor of `households` households of thon-1, issued by a store of its own.
  std::string CursorOfAnotherStore(int households) {
    testing::TempDir other_dir;
    absl::StatusOr<std::unique_ptr<Engine>> other =
        Engine::Open(EngineOptions{.data_dir = other_dir.Sub("data")});
    EXPECT_OK(other);
    if (!other.ok()) return "";
    std::vector<v1::Mutation> mutations;
    for (int i = 0; i < households; ++i) {
      mutations.push_back(MakeMutation(absl::StrCat("hh-", i), absl::StrCat("m-", i), 0,
                                       MakeHousehold(i, kCommune, kVillage)));
    }
    v1::PushResponse response;
    EXPECT_OK((*other)->push().Push(TestAdmin(), testing::PushRequestOf("tablet-B", mutations),
                                    &response));
    absl::StatusOr<testing::Drained> drained =
        testing::DrainPull(**other, RequestOf({ScopeOf(kCommune, kVillage)}));
    EXPECT_OK(drained);
    return drained.ok() ? drained->cursor : "";
  }
};

TEST_F(PullCursorTrustTest, EveryBitFlipOfAValidCursorIsRefused) {
  for (int i = 0; i < 8; ++i) Put(absl::StrCat("hh-", i));
  // The cursor after the first page of 3: seq 3, with households 4 to 8 still to come.
  const Drained drained = DrainVillage("", 3);
  ASSERT_GE(drained.pages.size(), 2u);
  const std::string cursor = drained.pages[0].cursor();
  std::vector<std::string> accepted;
  for (size_t byte = 0; byte < cursor.size(); ++byte) {
    for (int bit = 0; bit < 8; ++bit) {
      std::string flipped = cursor;
      flipped[byte] = static_cast<char>(flipped[byte] ^ (1 << bit));
      const absl::Status status = StartWith(flipped);
      if (!absl::IsInvalidArgument(status) || !absl::StrContains(status.message(), kStartOver)) {
        accepted.push_back(absl::StrCat("byte ", byte, " bit ", bit, ": ", status.ToString()));
      }
    }
  }
  EXPECT_THAT(accepted, IsEmpty()) << "of " << cursor.size() * 8 << " single-bit flips";
  EXPECT_OK(StartWith(cursor));  // the cursor itself is good
}

TEST_F(PullCursorTrustTest, ACursorOfAnotherStoreIsRefusedEvenWhenThisStoreIsAhead) {
  // The other store issued its cursor at seq 3; this one has 8 changes, so the cursor's
  // positions are all within this store's changes, and following it would skip three.
  const std::string foreign = CursorOfAnotherStore(3);
  ASSERT_FALSE(foreign.empty());
  for (int i = 0; i < 8; ++i) Put(absl::StrCat("hh-", i));
  EXPECT_THAT(StartWith(foreign), StatusIs(absl::StatusCode::kInvalidArgument,
                                           AllOf(HasSubstr("cursor"), HasSubstr(kStartOver))));
}

TEST_F(PullCursorTrustTest, ACursorOfTheFormatBeforeAuthenticationIsRefused) {
  for (int i = 0; i < 5; ++i) Put(absl::StrCat("hh-", i));
  // What rasoatd issued before cursors carried a MAC: format 1, positions in clear.
  store::PullCursor old;
  old.set_format(1);
  old.set_round_id("2026");
  store::PullCursor::Position* position = old.add_positions();
  position->set_commune_code(kCommune);
  position->set_village_code(kVillage);
  position->set_seq(2);
  EXPECT_THAT(StartWith(old.SerializeAsString()),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       AllOf(HasSubstr("older version"), HasSubstr(kStartOver))));
}

TEST_F(PullCursorTrustTest, AStoreRestoredFromABackupRefusesCursorsIssuedAfterTheBackup) {
  for (int i = 0; i < 3; ++i) Put(absl::StrCat("hh-", i));
  const std::string before_backup = DrainVillage().cursor;
  // The backup: a copy of the stopped server's data directory at seq 3.
  engine_.reset();
  const std::string backup = dir_.Sub("backup");
  std::filesystem::copy(options_.data_dir, backup, std::filesystem::copy_options::recursive);
  Open();
  for (int i = 3; i < 8; ++i) Put(absl::StrCat("hh-", i));
  const std::string after_backup = DrainVillage().cursor;  // seq 8

  // The restore: the backup's files back in place, and a new epoch for the store.
  engine_.reset();
  std::filesystem::remove_all(options_.data_dir);
  std::filesystem::copy(backup, options_.data_dir, std::filesystem::copy_options::recursive);
  {
    ASSERT_OK_AND_ASSIGN(std::unique_ptr<Store> store,
                         Store::Open(StoreOptions{.path = options_.data_dir}));
    ASSERT_OK(store->BumpEpoch());
  }
  Open();
  // The restored store goes on past seq 8 with other households.
  for (int i = 0; i < 6; ++i) Put(absl::StrCat("after-restore-", i));
  ASSERT_GE(engine_->committed_seq(), 8u);

  EXPECT_THAT(StartWith(after_backup),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       AllOf(HasSubstr("restored"), HasSubstr(kStartOver))));
  EXPECT_THAT(StartWith(before_backup),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr(kStartOver)));
  // From the beginning, everything the restored store has.
  EXPECT_EQ(DrainVillage().households.size(), 9u);
}

}  // namespace
}  // namespace rasoat
