// PushService's idempotency records: a retry of a mutation is a DUPLICATE; a mutation id the
// device reuses for different content is REJECTED with ALREADY_EXISTS, never dropped as a
// duplicate; records stored before digests were kept answer as they always did.
#include <string>
#include <vector>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "absl/strings/str_cat.h"
#include "rasoat/v1/sync.pb.h"
#include "sync/store/keys.h"
#include "sync/store/store.h"
#include "tests/support/households.h"
#include "tests/support/raw_store.h"
#include "tests/support/status_matchers.h"
#include "tests/sync/push/push_fixture.h"

namespace rasoat {
namespace {

using ::rasoat::testing::kCommune;
using ::rasoat::testing::kDevice;
using ::rasoat::testing::kVillage;
using ::rasoat::testing::MakeHousehold;
using ::rasoat::testing::MakeMutation;
using ::rasoat::testing::PushTest;
using ::testing::HasSubstr;
using ::testing::SizeIs;

constexpr int kAlreadyExists = static_cast<int>(absl::StatusCode::kAlreadyExists);

// Expects `result` to be the rejection of a reused mutation id, at `index` of its push.
void ExpectReusedId(const v1::MutationResult& result, int index = 0) {
  EXPECT_EQ(result.outcome(), v1::MUTATION_OUTCOME_REJECTED) << result.ShortDebugString();
  EXPECT_EQ(result.rejection().code(), kAlreadyExists);
  EXPECT_THAT(result.rejection().message(), HasSubstr("different content"));
  ASSERT_THAT(result.rejection().field_violations(), SizeIs(1));
  EXPECT_EQ(result.rejection().field_violations(0).field(),
            absl::StrCat("mutations[", index, "].mutation_id"));
}

TEST_F(PushTest, AMutationIdReusedForAnotherHouseholdIsAlreadyExists) {
  PushOk({MakeMutation("hh-1", "m-1", 0, MakeHousehold(1, kCommune, kVillage))});
  const uint64_t committed = engine_->committed_seq();
  const v1::MutationResult result =
      PushOne(MakeMutation("hh-2", "m-1", 0, MakeHousehold(2, kCommune, kVillage)), kDevice);
  ExpectReusedId(result);
  EXPECT_EQ(result.key().household_id(), "hh-2");
  EXPECT_EQ(engine_->committed_seq(), committed);
  EXPECT_THAT(PullAll(), SizeIs(1)) << "hh-2 was not stored";
}

TEST_F(PushTest, AMutationIdReusedWithinOneBatchIsAlreadyExists) {
  const v1::Household record = MakeHousehold(1, kCommune, kVillage);
  const v1::PushResponse response = PushOk({MakeMutation("hh-1", "m-1", 0, record),
                                            MakeMutation("hh-1", "m-1", 0, Edited(record, "x"))});
  EXPECT_EQ(response.results(0).outcome(), v1::MUTATION_OUTCOME_APPLIED);
  ExpectReusedId(response.results(1), 1);
  EXPECT_EQ(PullAll()[0].record().collaborator_note(), "");
}

TEST_F(PushTest, ABaseVersionOrAResolutionFlagAlsoMakesTheContentDifferent) {
  const v1::Household record = MakeHousehold(1, kCommune, kVillage);
  PushOk({MakeMutation("hh-1", "m-1", 0, record)});
  PushOk({MakeMutation("hh-1", "m-2", 1, Edited(record, "second"))});
  ExpectReusedId(PushOne(MakeMutation("hh-1", "m-2", 2, Edited(record, "second")), kDevice));
  v1::Mutation resolving = MakeMutation("hh-1", "m-2", 1, Edited(record, "second"));
  resolving.set_resolves_conflicts(true);
  ExpectReusedId(PushOne(resolving, kDevice));
}

TEST_F(PushTest, TheSameContentStaysADuplicateAcrossARestart) {
  const v1::Mutation mutation =
      MakeMutation("hh-1", "m-1", 0, MakeHousehold(1, kCommune, kVillage));
  PushOk({mutation});
  OpenEngine();
  const v1::MutationResult replay = PushOne(mutation, kDevice);
  EXPECT_EQ(replay.outcome(), v1::MUTATION_OUTCOME_DUPLICATE);
  EXPECT_EQ(replay.original_outcome(), v1::MUTATION_OUTCOME_APPLIED);
  EXPECT_EQ(replay.version(), 1u);
}

// An idempotency record written before digests were kept is a bare MutationResult: any push
// with its id is a duplicate of it, as it always was.
TEST_F(PushTest, AnIdempotencyRecordWithoutADigestStaysADuplicate) {
  const v1::Household record = MakeHousehold(1, kCommune, kVillage);
  const v1::MutationResult first = PushOne(MakeMutation("hh-1", "m-1", 0, record), kDevice);
  ASSERT_EQ(first.outcome(), v1::MUTATION_OUTCOME_APPLIED);
  engine_.reset();
  // A read-write open first moves what the engine left in RocksDB's log into tables: a raw
  // write straight after the engine closed was not found again.
  ASSERT_OK(Store::Open(StoreOptions{.path = options_.data_dir}).status());
  ASSERT_OK(testing::PutRaw(options_.data_dir, "mutations", MutationKeyOf(kDevice, "m-1"),
                            first.SerializeAsString()));
  OpenEngine();

  const uint64_t committed = engine_->committed_seq();
  const v1::MutationResult replay =
      PushOne(MakeMutation("hh-1", "m-1", 0, Edited(record, "not the original")), kDevice);
  EXPECT_EQ(replay.outcome(), v1::MUTATION_OUTCOME_DUPLICATE);
  EXPECT_EQ(replay.original_outcome(), v1::MUTATION_OUTCOME_APPLIED);
  EXPECT_EQ(replay.version(), 1u);
  EXPECT_EQ(engine_->committed_seq(), committed);
}

}  // namespace
}  // namespace rasoat
