// The store's listings, read as pull and review read them: a village's change entries in a
// seq range (and the removal entries a move leaves), the villages of a commune, a commune's
// households from a position, a household's versions at a snapshot, and heads and records read
// into a reused buffer.
#include <memory>
#include <string>
#include <vector>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "sync/store/change_stream.h"
#include "sync/store/committer.h"
#include "sync/store/household_listing.h"
#include "sync/store/household_reader.h"
#include "sync/store/keys.h"
#include "sync/store/snapshot.h"
#include "sync/store/store.h"
#include "sync/store/version_history.h"
#include "tests/support/status_matchers.h"
#include "tests/sync/store/store_fixture.h"

namespace rasoat {
namespace {

using ::rasoat::testing::StatusIs;
using ::testing::ElementsAre;
using ::testing::IsEmpty;

class ListingsTest : public testing::StoreFixture {
 protected:
  // (seq, household) of the village's entries after `after` through `through`; a removal
  // entry's household with a "-" before it.
  std::vector<std::pair<uint64_t, std::string>> Stream(const std::string& village, uint64_t after,
                                                       uint64_t through) {
    const Snapshot at(*store_);
    std::vector<std::pair<uint64_t, std::string>> entries;
    ChangeStream stream(*store_, at, "2026", "00001", village, after, through);
    for (; stream.Valid(); stream.Next()) {
      std::string household(stream.household_id());
      if (stream.is_removal()) {
        EXPECT_EQ(stream.removal_reason(), v1::REMOVAL_REASON_MOVED_OUT_OF_SCOPE);
        household = "-" + household;
      }
      entries.emplace_back(stream.seq(), household);
    }
    EXPECT_OK(stream.status());
    return entries;
  }
};

using Entry = std::pair<uint64_t, std::string>;

TEST_F(ListingsTest, AChangeStreamYieldsItsVillagesEntriesInTheSeqRange) {
  Change("h1", "thon-1");  // seq 1
  Change("h2", "thon-2");  // seq 2
  Change("h3", "thon-1");  // seq 3
  Change("h1", "thon-1");  // seq 4: h1's entry moves from 1 to 4
  EXPECT_THAT(Stream("thon-1", 0, 4), ElementsAre(Entry{3, "h3"}, Entry{4, "h1"}));
  EXPECT_THAT(Stream("thon-1", 3, 4), ElementsAre(Entry{4, "h1"}));
  EXPECT_THAT(Stream("thon-1", 0, 3), ElementsAre(Entry{3, "h3"})) << "through is inclusive";
  EXPECT_THAT(Stream("thon-2", 2, 4), IsEmpty()) << "after is exclusive";
  EXPECT_THAT(Stream("thon-9", 0, 4), IsEmpty());
}

TEST_F(ListingsTest, AMoveLeavesARemovalEntryInTheOldVillageAtASeqOfItsOwn) {
  Change("h1", "thon-1");                                     // seq 1
  Change("h2", "thon-1");                                     // seq 2
  const store::HouseholdHead moved = Change("h1", "thon-2");  // removal at 3, live at 4
  EXPECT_EQ(moved.change_seq(), 4u);
  ASSERT_EQ(moved.removal_entries_size(), 1);
  EXPECT_EQ(moved.removal_entries(0).village_code(), "thon-1");
  EXPECT_EQ(moved.removal_entries(0).seq(), 3u);
  EXPECT_EQ(committer_->committed_seq(), 4u);
  EXPECT_EQ(*store_->ReadCounter(kMetaLastSeq), 4u);
  EXPECT_THAT(Stream("thon-1", 0, 10), ElementsAre(Entry{2, "h2"}, Entry{3, "-h1"}));
  EXPECT_THAT(Stream("thon-2", 0, 10), ElementsAre(Entry{4, "h1"}));

  // Back in thon-1: the live entry replaces the removal there, and thon-2 gets one.
  const store::HouseholdHead back = Change("h1", "thon-1");  // removal at 5, live at 6
  EXPECT_THAT(Stream("thon-1", 0, 10), ElementsAre(Entry{2, "h2"}, Entry{6, "h1"}));
  EXPECT_THAT(Stream("thon-2", 0, 10), ElementsAre(Entry{5, "-h1"}));
  ASSERT_EQ(back.removal_entries_size(), 1);
  EXPECT_EQ(back.removal_entries(0).village_code(), "thon-2");
  EXPECT_EQ(back.removal_entries(0).seq(), 5u);
  ASSERT_OK_AND_ASSIGN(const store::HouseholdHead stored, store_->ReadHead("2026", "h1"));
  EXPECT_EQ(stored.SerializeAsString(), back.SerializeAsString());

  // A village where only removal entries are left is still a village of the commune (its
  // tablets must hear of them); the review's listing shows each household once, where it is.
  Change("h2", "thon-3");
  const Snapshot at(*store_);
  ASSERT_OK_AND_ASSIGN(const std::vector<std::string> villages,
                       ListVillages(*store_, at, "2026", "00001"));
  EXPECT_THAT(villages, ElementsAre("thon-1", "thon-2", "thon-3"));
  std::vector<std::string> listed;
  for (HouseholdListing listing(*store_, "2026", "00001", "", ""); listing.Valid();
       listing.Next()) {
    listed.emplace_back(listing.household_id());
  }
  EXPECT_THAT(listed, ElementsAre("h1", "h2"));
  HouseholdListing thon2(*store_, "2026", "00001", "thon-2", "");
  EXPECT_FALSE(thon2.Valid());
}

TEST_F(ListingsTest, AStreamReadsItsSnapshotNotLaterChanges) {
  Change("h1", "thon-1");
  const Snapshot at(*store_);
  Change("h2", "thon-1");
  ChangeStream stream(*store_, at, "2026", "00001", "thon-1", 0, 10);
  std::vector<std::string> ids;
  for (; stream.Valid(); stream.Next()) ids.emplace_back(stream.household_id());
  EXPECT_THAT(ids, ElementsAre("h1"));
}

TEST_F(ListingsTest, TheVillagesOfACommuneAreThoseWithEntries) {
  Change("h1", "thon-2");
  Change("h2", "thon-10");
  Change("h3", "thon-2");
  const Snapshot at(*store_);
  ASSERT_OK_AND_ASSIGN(const std::vector<std::string> villages,
                       ListVillages(*store_, at, "2026", "00001"));
  // Key order: a length byte comes first, so "thon-2" (6 bytes) before "thon-10" (7).
  EXPECT_THAT(villages, ElementsAre("thon-2", "thon-10"));
  ASSERT_OK_AND_ASSIGN(const std::vector<std::string> none,
                       ListVillages(*store_, at, "2026", "00002"));
  EXPECT_THAT(none, IsEmpty());
}

TEST_F(ListingsTest, AHouseholdListingResumesFromAPositionOfItsOwn) {
  for (const char* id : {"h1", "h2", "h3", "h4"}) Change(id, "thon-1");
  Change("h5", "thon-2");
  HouseholdListing first(*store_, "2026", "00001", "", "");
  std::vector<std::string> seen;
  for (; first.Valid() && seen.size() < 2; first.Next()) seen.emplace_back(first.household_id());
  ASSERT_TRUE(first.Valid());
  const std::string position = first.position();
  EXPECT_TRUE(HouseholdListing::IsPositionOf(position, "2026", "00001", ""));
  EXPECT_TRUE(HouseholdListing::IsPositionOf(position, "2026", "00001", "thon-1"));
  EXPECT_FALSE(HouseholdListing::IsPositionOf(position, "2026", "00001", "thon-2"));
  EXPECT_FALSE(HouseholdListing::IsPositionOf(position, "2026", "00002", ""));
  EXPECT_FALSE(HouseholdListing::IsPositionOf("garbage", "2026", "00001", ""));

  HouseholdListing rest(*store_, "2026", "00001", "", position);
  for (; rest.Valid(); rest.Next()) seen.emplace_back(rest.household_id());
  EXPECT_OK(rest.status());
  EXPECT_THAT(seen, ElementsAre("h1", "h2", "h3", "h4", "h5"));

  HouseholdListing village(*store_, "2026", "00001", "thon-2", "");
  ASSERT_TRUE(village.Valid());
  EXPECT_EQ(village.household_id(), "h5");
  village.Next();
  EXPECT_FALSE(village.Valid());
}

TEST_F(ListingsTest, AVersionHistoryListsVersionsOldestFirstAtItsSnapshot) {
  Change("h1", "thon-1");
  Change("h1", "thon-1");
  const Snapshot at(*store_);
  Change("h1", "thon-1");  // after the snapshot
  VersionHistory history(*store_, at, "2026", "h1", 3);
  std::vector<std::pair<uint64_t, std::string>> versions;
  for (; history.Valid(); history.Next()) {
    v1::Household record;
    ASSERT_OK(history.Decode(nullptr, &record));
    versions.emplace_back(history.version(), record.collaborator_note());
  }
  EXPECT_OK(history.status());
  EXPECT_THAT(versions, ElementsAre(Entry{1, "v1"}, Entry{2, "v2"}));
}

TEST_F(ListingsTest, AHouseholdReaderReadsHeadsAndRecordsAtItsSnapshot) {
  Change("h1", "thon-1");
  const Snapshot at(*store_);
  Change("h1", "thon-1");
  HouseholdReader reader(*store_, at);
  store::HouseholdHead head;
  ASSERT_OK(reader.ReadHead("2026", "h1", &head));
  EXPECT_EQ(head.current_version(), 1u);
  v1::Household record;
  ASSERT_OK_AND_ASSIGN(const size_t bytes, reader.ReadRecord("2026", "h1", 1, &record));
  EXPECT_EQ(record.collaborator_note(), "v1");
  EXPECT_GT(bytes, record.ByteSizeLong());  // the stored value also holds the meta
  EXPECT_THAT(reader.ReadRecord("2026", "h1", 2, &record),
              StatusIs(absl::StatusCode::kNotFound, "household h1 has no version 2"));
  EXPECT_THAT(reader.ReadHead("2026", "h9", &head),
              StatusIs(absl::StatusCode::kNotFound, "household h9 of round 2026: not found"));
}

}  // namespace
}  // namespace rasoat
