// The Store's typed reads: what is absent is NOT_FOUND naming it, what does not parse is
// DATA_LOSS naming it (never a half-read value), counters default to 0, and the outbox is read
// oldest first. Its identity (id, epoch, cursor key) is made at the first open, also of a store
// from before it had one, and kept; BumpEpoch gives it a new epoch that lasts.
#include "sync/store/store.h"

#include <memory>
#include <optional>
#include <vector>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "sync/store/committer.h"
#include "sync/store/keys.h"
#include "sync/store/version_value.h"
#include "tests/support/households.h"
#include "tests/support/raw_store.h"
#include "tests/support/status_matchers.h"
#include "tests/support/temp_dir.h"
#include "tests/sync/store/store_fixture.h"

namespace rasoat {
namespace {

using ::rasoat::testing::MakeHousehold;
using ::rasoat::testing::StatusIs;
using ::testing::HasSubstr;

class StoreTest : public testing::StoreFixture {
 protected:
  // Household h1 at version 1, with the result of mutation m-1 of tab-1 and, if `publish`, an
  // outbox entry.
  void WriteH1(bool publish = false) {
    const HouseholdLocks::Held held = committer_->locks().LockHousehold("2026", "h1");
    CommitBatch batch(*store_);
    store::HouseholdHead head;
    head.set_current_version(1);
    head.set_last_version(1);
    store::VersionMeta meta;
    meta.set_mutation_id("m-1");
    batch.PutVersion("2026", "h1", 1, EncodeVersionValue(meta, MakeHousehold(1)));
    v1::MutationResult result;
    result.set_version(1);
    batch.PutMutationResult("tab-1", "m-1", "digest of m-1", result);
    store::OutboxEntry entry;
    entry.mutable_household()->set_household_id("h1");
    batch.FileChange("2026", "h1", ChangeLocation(), &head, publish ? &entry : nullptr);
    ASSERT_OK(committer_->Commit(held, &batch));
  }
};

TEST_F(StoreTest, ReadsWhatWasCommitted) {
  WriteH1();
  ASSERT_OK_AND_ASSIGN(const store::HouseholdHead head, store_->ReadHead("2026", "h1"));
  EXPECT_EQ(head.current_version(), 1u);
  store::VersionMeta meta;
  v1::Household record;
  ASSERT_OK(store_->ReadVersion("2026", "h1", 1, &meta, &record));
  EXPECT_EQ(meta.mutation_id(), "m-1");
  EXPECT_EQ(record.SerializeAsString(), MakeHousehold(1).SerializeAsString());
  v1::MutationResult result;
  std::string digest;
  ASSERT_OK_AND_ASSIGN(const bool found,
                       store_->FindMutationResult("tab-1", "m-1", &result, &digest));
  EXPECT_TRUE(found);
  EXPECT_EQ(result.version(), 1u);
  EXPECT_EQ(digest, "digest of m-1");
}

TEST_F(StoreTest, WhatIsAbsentIsNotFoundNamingIt) {
  WriteH1();
  EXPECT_THAT(store_->ReadHead("2026", "h2"),
              StatusIs(absl::StatusCode::kNotFound, "household h2 of round 2026: not found"));
  EXPECT_THAT(store_->ReadHead("2027", "h1"),
              StatusIs(absl::StatusCode::kNotFound, HasSubstr("2027")));
  EXPECT_THAT(store_->ReadVersion("2026", "h1", 2, nullptr, nullptr),
              StatusIs(absl::StatusCode::kNotFound, "household h1 has no version 2"));
  v1::MutationResult result;
  ASSERT_OK_AND_ASSIGN(const bool found, store_->FindMutationResult("tab-2", "m-1", &result));
  EXPECT_FALSE(found) << "a mutation id is per device";
  EXPECT_THAT(store_->ReadCounter("never-written"), ::testing::_);
  EXPECT_EQ(*store_->ReadCounter("never-written"), 0u);
}

TEST_F(StoreTest, ReadsTogetherWhatTheSingleReadsRead) {
  WriteH1();
  std::vector<std::optional<store::HouseholdHead>> heads;
  v1::HouseholdKey h1, h2;
  h1.set_round_id("2026");
  h1.set_household_id("h1");
  h2.set_round_id("2026");
  h2.set_household_id("h2");
  ASSERT_OK(store_->ReadHeads({&h2, &h1, &h1}, &heads));
  ASSERT_EQ(heads.size(), 3u);
  EXPECT_FALSE(heads[0].has_value());
  ASSERT_TRUE(heads[1].has_value());
  EXPECT_EQ(heads[1]->current_version(), 1u);
  ASSERT_TRUE(heads[2].has_value());
  EXPECT_EQ(heads[2]->SerializeAsString(), store_->ReadHead("2026", "h1")->SerializeAsString());

  std::vector<std::optional<Store::StoredResult>> results;
  ASSERT_OK(store_->FindMutationResults("tab-1", {"m-2", "m-1"}, &results));
  ASSERT_EQ(results.size(), 2u);
  EXPECT_FALSE(results[0].has_value());
  ASSERT_TRUE(results[1].has_value());
  EXPECT_EQ(results[1]->result.version(), 1u);
  EXPECT_EQ(results[1]->digest, "digest of m-1");
  ASSERT_OK(store_->FindMutationResults("tab-2", {"m-1"}, &results));
  EXPECT_FALSE(results[0].has_value()) << "a mutation id is per device";
  ASSERT_OK(store_->ReadHeads({}, &heads));
  EXPECT_TRUE(heads.empty());

  std::vector<std::optional<std::string>> values;
  ASSERT_OK(store_->ReadVersionValues(
      {{"2026", "h1", 2}, {"2026", "h1", 1}, {"2026", "h2", 1}, {"2027", "h1", 1}}, &values));
  ASSERT_EQ(values.size(), 4u);
  EXPECT_FALSE(values[0].has_value()) << "h1 has no version 2";
  ASSERT_TRUE(values[1].has_value());
  store::VersionMeta meta;
  v1::Household record;
  ASSERT_OK(DecodeVersionValue(*values[1], &meta, &record));
  EXPECT_EQ(meta.mutation_id(), "m-1");
  EXPECT_EQ(record.SerializeAsString(), MakeHousehold(1).SerializeAsString());
  EXPECT_FALSE(values[2].has_value());
  EXPECT_FALSE(values[3].has_value()) << "a version is per round";
}

TEST_F(StoreTest, WhatDoesNotParseIsDataLossNamingIt) {
  WriteH1(/*publish=*/true);
  Close();
  ASSERT_OK(testing::PutRaw(dir_.path(), "households", HouseholdKeyOf("2026", "h1"), "\xff\xff"));
  ASSERT_OK(testing::PutRaw(dir_.path(), "versions", VersionKeyOf("2026", "h1", 1), "\x05"));
  ASSERT_OK(testing::PutRaw(dir_.path(), "mutations", MutationKeyOf("tab-1", "m-1"), "\xff"));
  ASSERT_OK(testing::PutRaw(dir_.path(), "outbox", OutboxKeyOf(1), "\xff"));
  ASSERT_OK(testing::PutRaw(dir_.path(), "meta", "odd-counter", "123"));
  Open();
  EXPECT_THAT(store_->ReadHead("2026", "h1"),
              StatusIs(absl::StatusCode::kDataLoss, "household head of h1: corrupt"));
  EXPECT_THAT(store_->ReadVersion("2026", "h1", 1, nullptr, nullptr),
              StatusIs(absl::StatusCode::kDataLoss, HasSubstr("version value")));
  v1::MutationResult result;
  EXPECT_THAT(store_->FindMutationResult("tab-1", "m-1", &result),
              StatusIs(absl::StatusCode::kDataLoss, HasSubstr("m-1")));
  std::vector<std::optional<store::HouseholdHead>> heads;
  v1::HouseholdKey h1;
  h1.set_round_id("2026");
  h1.set_household_id("h1");
  EXPECT_THAT(store_->ReadHeads({&h1}, &heads),
              StatusIs(absl::StatusCode::kDataLoss, "household head of h1: corrupt"));
  std::vector<std::optional<Store::StoredResult>> results;
  EXPECT_THAT(store_->FindMutationResults("tab-1", {"m-1"}, &results),
              StatusIs(absl::StatusCode::kDataLoss, HasSubstr("m-1")));
  EXPECT_THAT(store_->ReadOutbox(10),
              StatusIs(absl::StatusCode::kDataLoss,
                       "outbox entry 1 is corrupt; it stays until removed by hand"));
  EXPECT_THAT(store_->ReadCounter("odd-counter"),
              StatusIs(absl::StatusCode::kDataLoss, HasSubstr("odd-counter")));
}

TEST_F(StoreTest, TheOutboxIsReadOldestFirstAndCounted) {
  WriteH1(/*publish=*/true);
  WriteH1(/*publish=*/true);
  WriteH1(/*publish=*/true);
  EXPECT_EQ(*store_->CountOutbox(), 3u);
  ASSERT_OK_AND_ASSIGN(const std::vector<OutboxItem> two, store_->ReadOutbox(2));
  ASSERT_EQ(two.size(), 2u);
  EXPECT_EQ(two[0].seq, 1u);
  EXPECT_EQ(two[1].seq, 2u);
}

// The identity's values, copied out of the store.
struct Identity {
  std::string store_id;
  uint64_t epoch;
  std::string mac_key;
  bool operator==(const Identity&) const = default;
};
Identity IdentityOf(const Store& store) {
  const CursorIdentity identity = store.cursor_identity();
  return Identity{std::string(identity.store_id), identity.epoch, std::string(identity.mac_key)};
}

TEST_F(StoreTest, AStoreMakesItsIdentityAtItsFirstOpenAndKeepsIt) {
  const Identity first = IdentityOf(*store_);
  EXPECT_EQ(first.store_id.size(), 16u);
  EXPECT_EQ(first.mac_key.size(), 32u);
  EXPECT_NE(first.epoch, 0u);
  WriteH1();
  Open();
  EXPECT_EQ(IdentityOf(*store_), first);

  // Another store is another identity.
  testing::TempDir other_dir;
  ASSERT_OK_AND_ASSIGN(std::unique_ptr<Store> other,
                       Store::Open(StoreOptions{.path = other_dir.path()}));
  const Identity other_identity = IdentityOf(*other);
  EXPECT_NE(other_identity.store_id, first.store_id);
  EXPECT_NE(other_identity.mac_key, first.mac_key);
}

TEST_F(StoreTest, AStoreFromBeforeIdentitiesGetsOneAndKeepsItsData) {
  WriteH1();
  Close();
  for (std::string_view name : {kMetaStoreId, kMetaEpoch, kMetaCursorMacKey, kMetaSchemaVersion}) {
    ASSERT_OK(testing::DeleteRaw(dir_.path(), "meta", name));
  }
  {
    // Read-only, it has none, and makes none.
    ASSERT_OK_AND_ASSIGN(std::unique_ptr<Store> read_only,
                         Store::Open(StoreOptions{.path = dir_.path(), .read_only = true}));
    EXPECT_TRUE(read_only->cursor_identity().store_id.empty());
    EXPECT_EQ(read_only->cursor_identity().epoch, 0u);
    EXPECT_THAT(read_only->BumpEpoch(),
                StatusIs(absl::StatusCode::kFailedPrecondition, HasSubstr("read-only")));
  }
  Open();
  const Identity made = IdentityOf(*store_);
  EXPECT_EQ(made.store_id.size(), 16u);
  EXPECT_EQ(made.mac_key.size(), 32u);
  EXPECT_NE(made.epoch, 0u);
  ASSERT_OK_AND_ASSIGN(const store::HouseholdHead head, store_->ReadHead("2026", "h1"));
  EXPECT_EQ(head.current_version(), 1u);
  EXPECT_EQ(*store_->ReadCounter(kMetaLastSeq), 1u);
  Open();
  EXPECT_EQ(IdentityOf(*store_), made);
}

TEST_F(StoreTest, AStoreWrittenByANewerVersionIsRefusedAndLeftAsItWas) {
  WriteH1();
  Close();
  ASSERT_OK(testing::PutRaw(dir_.path(), "meta", kMetaSchemaVersion, EncodeFixed64BE(2)));
  EXPECT_THAT(Store::Open(StoreOptions{.path = dir_.path()}),
              StatusIs(absl::StatusCode::kFailedPrecondition, HasSubstr("newer rasoatd")));
  EXPECT_THAT(Store::Open(StoreOptions{.path = dir_.path(), .read_only = true}),
              StatusIs(absl::StatusCode::kFailedPrecondition, HasSubstr("store schema 2")));
  // The version as it was: set back, the store opens with its data.
  ASSERT_OK(testing::PutRaw(dir_.path(), "meta", kMetaSchemaVersion, EncodeFixed64BE(1)));
  Open();
  ASSERT_OK_AND_ASSIGN(const store::HouseholdHead head, store_->ReadHead("2026", "h1"));
  EXPECT_EQ(head.current_version(), 1u);
}

TEST_F(StoreTest, BumpEpochGivesANewEpochThatLasts) {
  const Identity before = IdentityOf(*store_);
  ASSERT_OK_AND_ASSIGN(const uint64_t epoch, store_->BumpEpoch());
  EXPECT_NE(epoch, before.epoch);
  EXPECT_EQ(store_->cursor_identity().epoch, epoch);
  Open();
  const Identity after = IdentityOf(*store_);
  EXPECT_EQ(after.epoch, epoch);
  // The store is the same store, with the same key.
  EXPECT_EQ(after.store_id, before.store_id);
  EXPECT_EQ(after.mac_key, before.mac_key);
}

TEST_F(StoreTest, AMalformedIdentityIsDataLoss) {
  Close();
  ASSERT_OK(testing::PutRaw(dir_.path(), "meta", kMetaEpoch, "123"));
  EXPECT_THAT(Store::Open(StoreOptions{.path = dir_.path()}),
              StatusIs(absl::StatusCode::kDataLoss, HasSubstr("epoch")));
}

TEST_F(StoreTest, ASecondOpenOfTheDirectoryIsRefused) {
  EXPECT_THAT(Store::Open(StoreOptions{.path = dir_.path()}),
              StatusIs(absl::StatusCode::kFailedPrecondition, HasSubstr("lock")));
  EXPECT_THAT(Store::Open(StoreOptions{}),
              StatusIs(absl::StatusCode::kInvalidArgument, "store path: required"));
}

}  // namespace
}  // namespace rasoat
