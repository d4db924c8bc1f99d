// PushService: per-mutation rejections and batch-level errors, each writing nothing.
#include <string>
#include <utility>
#include <vector>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "rasoat/v1/sync.pb.h"
#include "tests/support/households.h"
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
using ::rasoat::testing::StatusIs;
using ::testing::HasSubstr;
using ::testing::SizeIs;

TEST_F(PushTest, OneInvalidMutationIsRejectedAndTheOthersApply) {
  v1::Mutation invalid = MakeMutation("", "m-2", 0, MakeHousehold(2, kCommune, kVillage));
  const v1::PushResponse response = PushOk(
      {MakeMutation("hh-1", "m-1", 0, MakeHousehold(1, kCommune, kVillage)), std::move(invalid),
       MakeMutation("hh-3", "m-3", 0, MakeHousehold(3, kCommune, kVillage))});
  ASSERT_THAT(response.results(), SizeIs(3));
  EXPECT_EQ(response.results(0).outcome(), v1::MUTATION_OUTCOME_APPLIED);
  EXPECT_EQ(response.results(2).outcome(), v1::MUTATION_OUTCOME_APPLIED);

  const v1::MutationResult& rejected = response.results(1);
  EXPECT_EQ(rejected.outcome(), v1::MUTATION_OUTCOME_REJECTED);
  EXPECT_EQ(rejected.mutation_id(), "m-2");
  EXPECT_EQ(rejected.version(), 0u);
  EXPECT_EQ(rejected.rejection().code(), 3);
  ASSERT_THAT(rejected.rejection().field_violations(), SizeIs(1));
  EXPECT_EQ(rejected.rejection().field_violations(0).field(), "mutations[1].key.household_id");

  std::vector<std::string> ids;
  for (const v1::HouseholdState& state : PullAll()) ids.push_back(state.key().household_id());
  EXPECT_THAT(ids, ::testing::UnorderedElementsAre("hh-1", "hh-3"));
}

TEST_F(PushTest, RejectedMutationIsNotRememberedAsApplied) {
  // A rejected mutation wrote nothing, so the corrected retry with the same id applies.
  v1::Mutation unknown_round = MakeMutation("hh-1", "m-1", 0, MakeHousehold(1, kCommune, kVillage));
  unknown_round.mutable_key()->set_round_id("1999");
  EXPECT_EQ(PushOk({unknown_round}).results(0).outcome(), v1::MUTATION_OUTCOME_REJECTED);
  const v1::PushResponse retry =
      PushOk({MakeMutation("hh-1", "m-1", 0, MakeHousehold(1, kCommune, kVillage))});
  EXPECT_EQ(retry.results(0).outcome(), v1::MUTATION_OUTCOME_APPLIED);
  EXPECT_EQ(retry.results(0).version(), 1u);
}

TEST_F(PushTest, UnknownRoundIsRejectedNamingTheRound) {
  v1::Mutation mutation = MakeMutation("hh-1", "m-1", 0, MakeHousehold(1, kCommune, kVillage));
  mutation.mutable_key()->set_round_id("2025");
  const uint64_t committed = engine_->committed_seq();
  const v1::PushResponse response = PushOk({mutation});
  const v1::MutationResult& result = response.results(0);
  EXPECT_EQ(result.outcome(), v1::MUTATION_OUTCOME_REJECTED);
  EXPECT_EQ(result.rejection().code(), 3);
  ASSERT_THAT(result.rejection().field_violations(), SizeIs(1));
  EXPECT_EQ(result.rejection().field_violations(0).field(), "mutations[0].key.round_id");
  EXPECT_THAT(result.rejection().field_violations(0).description(), HasSubstr("2025"));
  EXPECT_EQ(engine_->committed_seq(), committed);
}

TEST_F(PushTest, OversizedRecordIsRejectedNamingTheRecord) {
  v1::Household record = MakeHousehold(1, kCommune, kVillage);
  record.set_collaborator_note(std::string(Options().max_record_bytes + 1, 'x'));
  ASSERT_GT(record.ByteSizeLong(), Options().max_record_bytes);
  const v1::PushResponse response = PushOk({MakeMutation("hh-1", "m-1", 0, record)});
  const v1::MutationResult& result = response.results(0);
  EXPECT_EQ(result.outcome(), v1::MUTATION_OUTCOME_REJECTED);
  EXPECT_EQ(result.rejection().code(), 3);
  ASSERT_THAT(result.rejection().field_violations(), SizeIs(1));
  EXPECT_EQ(result.rejection().field_violations(0).field(), "mutations[0].record");
  EXPECT_TRUE(PullAll().empty());
}

TEST_F(PushTest, RecordOfExactlyTheLimitIsAccepted) {
  v1::Household record = MakeHousehold(1, kCommune, kVillage);
  const size_t base = record.ByteSizeLong();
  // A note of n bytes (n >= 128) costs n + 3 bytes: tag, two-byte length, bytes.
  record.set_collaborator_note(std::string(Options().max_record_bytes - base - 3, 'x'));
  ASSERT_EQ(record.ByteSizeLong(), Options().max_record_bytes);
  const v1::PushResponse response = PushOk({MakeMutation("hh-1", "m-1", 0, record)});
  EXPECT_EQ(response.results(0).outcome(), v1::MUTATION_OUTCOME_APPLIED);
}

TEST_F(PushTest, BatchOverTheLimitFailsWholeAndWritesNothing) {
  v1::PushRequest request;
  request.set_device_id(kDevice);
  for (size_t i = 0; i <= Options().max_batch_mutations; ++i) {
    *request.add_mutations() = MakeMutation("hh-" + std::to_string(i), "m-" + std::to_string(i), 0,
                                            MakeHousehold(i, kCommune, kVillage));
  }
  const uint64_t committed = engine_->committed_seq();
  v1::PushResponse response;
  EXPECT_THAT(engine_->push().Push(request, &response),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("mutations")));
  EXPECT_EQ(engine_->committed_seq(), committed);
  EXPECT_TRUE(PullAll().empty());

  // Nothing was remembered either: the split batch applies.
  request.mutable_mutations()->RemoveLast();
  ASSERT_OK(engine_->push().Push(request, &response));
  for (const v1::MutationResult& result : response.results()) {
    EXPECT_EQ(result.outcome(), v1::MUTATION_OUTCOME_APPLIED) << result.ShortDebugString();
  }
}

TEST_F(PushTest, MissingDeviceIdFailsTheBatch) {
  v1::PushRequest request;
  *request.add_mutations() = MakeMutation("hh-1", "m-1", 0, MakeHousehold(1, kCommune, kVillage));
  v1::PushResponse response;
  EXPECT_THAT(engine_->push().Push(request, &response),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("device_id")));
  EXPECT_EQ(engine_->committed_seq(), 0u);
  EXPECT_TRUE(PullAll().empty());
}

}  // namespace
}  // namespace rasoat
