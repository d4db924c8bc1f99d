// Backups of the store (sync/store/store_backups.h) against a real engine: a restore holds
// every household acknowledged before the backup began, at its version, and nothing after; the
// restored store refuses a cursor issued after the backup; backups are kept to `keep`; a
// damaged backup file is found by VerifyBackup and refused by RestoreBackup; a restore never
// writes over a directory that holds something.
#include "sync/store/store_backups.h"

#include <string>
#include <vector>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "absl/strings/str_cat.h"
#include "tests/support/damaged_files.h"
#include "tests/support/engine_fixture.h"
#include "tests/support/households.h"
#include "tests/support/status_matchers.h"
#include "tests/support/test_principal.h"

namespace rasoat::testing {
namespace {

using ::testing::HasSubstr;
using ::testing::SizeIs;

class StoreBackupsTest : public EngineTest {
 protected:
  StoreBackupsTest() { Open(); }

  // Creates household `id` (version 1) and returns its result.
  v1::MutationResult Create(const std::string& id, uint64_t seed) {
    return PushOne(MakeMutation(id, absl::StrCat("m-", id), 0, MakeHousehold(seed)));
  }

  std::string backups_ = dir_.Sub("backups");
};

TEST_F(StoreBackupsTest, ARestoreHoldsWhatWasAcknowledgedBeforeAndRefusesLaterCursors) {
  for (int i = 0; i < 5; ++i) EXPECT_EQ(Create(absl::StrCat("hh-", i), i).version(), 1u);
  v1::Household changed = MakeHousehold(0);
  changed.set_collaborator_note("sửa lần 2");
  EXPECT_EQ(PushOne(MakeMutation("hh-0", "m-hh-0-2", 1, changed)).version(), 2u);

  StoreBackups backups(&engine_->store(), backups_, 0);
  ASSERT_OK_AND_ASSIGN(const BackupSummary made, backups.CreateBackup());
  EXPECT_EQ(made.id, 1u);
  EXPECT_GT(made.files, 0u);

  Create("after-backup", 99);
  const std::string later_cursor = PullOk({ScopeOf("00001")}).cursor;
  engine_.reset();

  const std::string restored = dir_.Sub("restored");
  ASSERT_OK_AND_ASSIGN(const BackupSummary restored_from, RestoreBackup(backups_, 0, restored));
  EXPECT_EQ(restored_from.id, made.id);
  options_.data_dir = restored;
  Open();
  const Drained all = PullOk({ScopeOf("00001")});
  EXPECT_THAT(all.ids(), ::testing::UnorderedElementsAre("hh-0", "hh-1", "hh-2", "hh-3", "hh-4"));
  EXPECT_EQ(CurrentState("hh-0").version(), 2u);
  EXPECT_EQ(CurrentState("hh-0").record().collaborator_note(), "sửa lần 2");
  EXPECT_THAT(engine_->pull().StartPull(TestAdmin(),
                                        [&] {
                                          v1::PullRequest request;
                                          request.set_round_id("2026");
                                          *request.add_scopes() = ScopeOf("00001");
                                          request.set_cursor(later_cursor);
                                          return request;
                                        }()),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("from the beginning")));
}

TEST_F(StoreBackupsTest, OnlyTheNewestKeepAreKept) {
  StoreBackups backups(&engine_->store(), backups_, 2);
  for (int i = 0; i < 3; ++i) {
    Create(absl::StrCat("hh-", i), i);
    ASSERT_OK(backups.CreateBackup());
  }
  ASSERT_OK_AND_ASSIGN(const std::vector<BackupSummary> kept, backups.ListBackups());
  ASSERT_THAT(kept, SizeIs(2));
  EXPECT_EQ(kept[0].id, 2u);
  EXPECT_EQ(kept[1].id, 3u);
  EXPECT_OK(backups.VerifyBackup(3));
  EXPECT_THAT(backups.VerifyBackup(1), StatusIs(absl::StatusCode::kNotFound, ::testing::_));
}

TEST_F(StoreBackupsTest, ADamagedFileIsFoundAndNotRestored) {
  Create("hh-1", 1);
  StoreBackups backups(&engine_->store(), backups_, 0);
  ASSERT_OK(backups.CreateBackup());
  ASSERT_GT(DamageFiles(backups_, ".sst"), 0);
  EXPECT_THAT(backups.VerifyBackup(1),
              StatusIs(absl::StatusCode::kDataLoss, HasSubstr("backup 1")));
  EXPECT_THAT(RestoreBackup(backups_, 1, dir_.Sub("restored")),
              StatusIs(absl::StatusCode::kDataLoss, ::testing::_));
  EXPECT_THAT(RestoreBackup(backups_, 0, dir_.Sub("restored-latest")),
              StatusIs(absl::StatusCode::kDataLoss, ::testing::_));
}

TEST_F(StoreBackupsTest, ARestoreNeverWritesOverADirectoryThatHoldsSomething) {
  Create("hh-1", 1);
  StoreBackups backups(&engine_->store(), backups_, 0);
  ASSERT_OK(backups.CreateBackup());
  EXPECT_THAT(RestoreBackup(backups_, 0, options_.data_dir),
              StatusIs(absl::StatusCode::kFailedPrecondition, HasSubstr("not empty")));
  EXPECT_THAT(RestoreBackup(backups_, 7, dir_.Sub("restored")),
              StatusIs(absl::StatusCode::kNotFound, ::testing::_));
  EXPECT_THAT(ListBackupsIn(dir_.Sub("nothing-here")),
              StatusIs(absl::StatusCode::kNotFound, ::testing::_));
}

}  // namespace
}  // namespace rasoat::testing
