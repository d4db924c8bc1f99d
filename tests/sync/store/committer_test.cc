// The Committer, the one write path: each filed household gets the next seq and exactly one
// live change entry, the store records its last seq, publish events are filed under their
// change's seq and announced, a batch whose heads are not locked is refused whole, a commit
// is visible to pulls once it returns, and a reopened committer continues after the last seq.
#include "sync/store/committer.h"

#include <atomic>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "sync/store/household_listing.h"
#include "sync/store/keys.h"
#include "sync/store/store.h"
#include "tests/support/status_matchers.h"
#include "tests/sync/store/store_fixture.h"

namespace rasoat {
namespace {

using ::rasoat::testing::StatusIs;
using ::testing::ElementsAre;
using ::testing::HasSubstr;

class CommitterTest : public testing::StoreFixture {
 protected:
  // Files a change of `household` in `village`, with a publish event naming it if `publish`.
  store::HouseholdHead FileOne(const std::string& household, const std::string& village,
                               bool publish = false) {
    store::OutboxEntry entry;
    entry.mutable_household()->set_household_id(household);
    return Change(household, village, publish ? &entry : nullptr);
  }

  // The households of commune 00001 in listing order.
  std::vector<std::string> Listed() {
    std::vector<std::string> ids;
    HouseholdListing listing(*store_, "2026", "00001", "", "");
    for (; listing.Valid(); listing.Next()) ids.emplace_back(listing.household_id());
    EXPECT_OK(listing.status());
    return ids;
  }
};

TEST_F(CommitterTest, EachFiledHouseholdGetsTheNextSeqAndTheStoreRecordsTheLast) {
  EXPECT_EQ(FileOne("h1", "thon-1").change_seq(), 1u);
  EXPECT_EQ(FileOne("h2", "thon-1").change_seq(), 2u);

  // Two households in one batch take two consecutive seqs, in the order filed.
  const HouseholdLocks::Held held =
      committer_->locks().Lock({HouseholdKeyOf("2026", "h3"), HouseholdKeyOf("2026", "h4")});
  store::HouseholdHead h3, h4;
  h3.set_commune_code("00001");
  h3.set_village_code("thon-2");
  h4 = h3;
  CommitBatch batch(*store_);
  batch.FileChange("2026", "h3", ChangeLocation(), &h3);
  batch.FileChange("2026", "h4", ChangeLocation(), &h4);
  ASSERT_OK(committer_->Commit(held, &batch));
  EXPECT_EQ(h3.change_seq(), 3u);
  EXPECT_EQ(h4.change_seq(), 4u);
  EXPECT_EQ(committer_->committed_seq(), 4u);
  EXPECT_EQ(*store_->ReadCounter(kMetaLastSeq), 4u);
  ASSERT_OK_AND_ASSIGN(const store::HouseholdHead stored, store_->ReadHead("2026", "h4"));
  EXPECT_EQ(stored.change_seq(), 4u);
}

TEST_F(CommitterTest, AHouseholdChangedAgainHasOneLiveEntryAtItsNewSeq) {
  FileOne("h1", "thon-1");
  FileOne("h2", "thon-1");
  FileOne("h1", "thon-1");  // h1 again: its entry moves after h2's
  EXPECT_THAT(Listed(), ElementsAre("h2", "h1"));
  // A move to another village takes the live entry with it, at the seq after the removal
  // entry it leaves in the old village (seq 4).
  FileOne("h2", "thon-0");
  EXPECT_THAT(Listed(), ElementsAre("h2", "h1"));
  ASSERT_OK_AND_ASSIGN(const store::HouseholdHead h2, store_->ReadHead("2026", "h2"));
  EXPECT_EQ(h2.village_code(), "thon-0");
  EXPECT_EQ(h2.change_seq(), 5u);
  ASSERT_EQ(h2.removal_entries_size(), 1);
  EXPECT_EQ(h2.removal_entries(0).seq(), 4u);
  EXPECT_EQ(committer_->committed_seq(), 5u);
}

TEST_F(CommitterTest, PublishEventsAreFiledUnderTheirChangesSeqAndAnnounced) {
  FileOne("h1", "thon-1");
  FileOne("h2", "thon-1", /*publish=*/true);
  FileOne("h3", "thon-1", /*publish=*/true);
  EXPECT_EQ(enqueued_, 2u);
  ASSERT_OK_AND_ASSIGN(const std::vector<OutboxItem> outbox, store_->ReadOutbox(10));
  ASSERT_EQ(outbox.size(), 2u);
  EXPECT_EQ(outbox[0].seq, 2u);
  EXPECT_EQ(outbox[0].entry.household().household_id(), "h2");
  EXPECT_EQ(outbox[1].seq, 3u);

  // The publisher's confirmation: unsynced, no new seq, nothing announced.
  const HouseholdLocks::Held held = committer_->locks().LockHousehold("2026", "h2");
  store::HouseholdHead head = *store_->ReadHead("2026", "h2");
  head.set_published_version(1);
  CommitBatch batch(*store_);
  batch.DeleteOutbox(2);
  batch.PutHead("2026", "h2", head);
  ASSERT_OK(committer_->Commit(held, &batch, Committer::Durability::kUnsynced));
  EXPECT_EQ(committer_->committed_seq(), 3u);
  EXPECT_EQ(enqueued_, 2u);
  EXPECT_EQ(*store_->CountOutbox(), 1u);
  EXPECT_EQ(store_->ReadHead("2026", "h2")->published_version(), 1u);
}

TEST_F(CommitterTest, ABatchWhoseHouseholdIsNotLockedIsRefusedWhole) {
  FileOne("h1", "thon-1");
  store::HouseholdHead head;
  head.set_commune_code("00001");
  head.set_village_code("thon-1");
  HouseholdLocks& locks = committer_->locks();
  const HouseholdLocks::Held wrong = locks.LockHousehold("2026", "h1");
  CommitBatch batch(*store_);
  batch.PutVersion("2026", "h9", 1, "v");
  batch.FileChange("2026", "h9", ChangeLocation(), &head);
  EXPECT_THAT(committer_->Commit(wrong, &batch),
              StatusIs(absl::StatusCode::kInternal, HasSubstr("without holding its lock")));
  EXPECT_EQ(committer_->committed_seq(), 1u);
  EXPECT_THAT(store_->ReadHead("2026", "h9"),
              StatusIs(absl::StatusCode::kNotFound, HasSubstr("h9")));
  EXPECT_THAT(Listed(), ElementsAre("h1"));

  // A lock table of another committer proves nothing either.
  HouseholdLocks other;
  const HouseholdLocks::Held foreign = other.LockHousehold("2026", "h9");
  CommitBatch again(*store_);
  again.PutHead("2026", "h9", head);
  EXPECT_THAT(committer_->Commit(foreign, &again),
              StatusIs(absl::StatusCode::kInternal, HasSubstr("lock")));
}

// A push's answer is a promise that the next pull sees it: committed_seq() must cover a
// commit's seqs when Commit returns, even while an earlier commit's fsync is still in flight
// (found as a puller that, started after every push was answered, missed the last ones).
TEST_F(CommitterTest, ACommitIsCoveredByTheWatermarkWhenItReturns) {
  constexpr int kWriters = 8;
  constexpr int kChangesPerWriter = 150;
  std::atomic<int> uncovered{0};
  std::vector<std::thread> writers;
  for (int w = 0; w < kWriters; ++w) {
    writers.emplace_back([&, w] {
      for (int i = 0; i < kChangesPerWriter; ++i) {
        const store::HouseholdHead head =
            FileOne("w" + std::to_string(w) + "-" + std::to_string(i), "thon-1");
        if (committer_->committed_seq() < head.change_seq()) uncovered.fetch_add(1);
      }
    });
  }
  for (std::thread& writer : writers) writer.join();
  EXPECT_EQ(uncovered.load(), 0) << "commits that returned before pulls could see them";
  EXPECT_EQ(committer_->committed_seq(), uint64_t{kWriters * kChangesPerWriter});
}

TEST_F(CommitterTest, AReopenedCommitterContinuesAfterTheLastSeq) {
  FileOne("h1", "thon-1");
  FileOne("h2", "thon-1");
  Open();
  EXPECT_EQ(committer_->committed_seq(), 2u);
  EXPECT_EQ(FileOne("h3", "thon-1").change_seq(), 3u);
}

}  // namespace
}  // namespace rasoat
