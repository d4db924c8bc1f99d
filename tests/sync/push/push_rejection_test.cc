// PushService: per-mutation rejections and batch-level errors, each writing nothing.
#include <string>
#include <utility>
#include <vector>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "rasoat/v1/sync.pb.h"
#include "tests/support/households.h"
#include "tests/support/status_matchers.h"
#include "tests/support/test_principal.h"
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
using ::testing::AllOf;
using ::testing::HasSubstr;
using ::testing::Not;
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
  EXPECT_THAT(engine_->push().Push(TestAdmin(), request, &response),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("mutations")));
  EXPECT_EQ(engine_->committed_seq(), committed);
  EXPECT_TRUE(PullAll().empty());

  // Nothing was remembered either: the split batch applies.
  request.mutable_mutations()->RemoveLast();
  ASSERT_OK(engine_->push().Push(TestAdmin(), request, &response));
  for (const v1::MutationResult& result : response.results()) {
    EXPECT_EQ(result.outcome(), v1::MUTATION_OUTCOME_APPLIED) << result.ShortDebugString();
  }
}

TEST_F(PushTest, MissingDeviceIdFailsTheBatch) {
  v1::PushRequest request;
  *request.add_mutations() = MakeMutation("hh-1", "m-1", 0, MakeHousehold(1, kCommune, kVillage));
  v1::PushResponse response;
  EXPECT_THAT(engine_->push().Push(TestAdmin(), request, &response),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("device_id")));
  EXPECT_EQ(engine_->committed_seq(), 0u);
  EXPECT_TRUE(PullAll().empty());
}

TEST_F(PushTest, ANulInAMembersNameIsRejectedWithItsPathAndNothingIsStored) {
  v1::Household record = MakeHousehold(1, kCommune, kVillage);
  static constexpr char kName[] = "Lâm Văn\0Null";
  record.mutable_members(1)->set_full_name(std::string(kName, sizeof(kName) - 1));
  const v1::PushResponse response =
      PushOk({MakeMutation("hh-0", "m-0", 0, MakeHousehold(2, kCommune, kVillage)),
              MakeMutation("hh-1", "m-1", 0, record)});
  EXPECT_EQ(response.results(0).outcome(), v1::MUTATION_OUTCOME_APPLIED);
  const v1::MutationResult& result = response.results(1);
  EXPECT_EQ(result.outcome(), v1::MUTATION_OUTCOME_REJECTED);
  EXPECT_EQ(result.rejection().code(), 3);
  ASSERT_THAT(result.rejection().field_violations(), SizeIs(1));
  EXPECT_EQ(result.rejection().field_violations(0).field(),
            "mutations[1].record.members[1].full_name");
  EXPECT_THAT(result.rejection().field_violations(0).description(), HasSubstr("NUL"));
  // A person's name is never quoted back.
  EXPECT_THAT(result.rejection().message(), Not(HasSubstr("Lâm")));

  std::vector<std::string> ids;
  for (const v1::HouseholdState& state : PullAll()) ids.push_back(state.key().household_id());
  EXPECT_THAT(ids, ::testing::ElementsAre("hh-0"));
}

TEST_F(PushTest, AFastForwardWithDuplicateOrEmptyIdsIsRejectedNamingThem) {
  const v1::Household record = MakeHousehold(1, kCommune, kVillage);
  PushOk({MakeMutation("hh-1", "m-1", 0, record)});
  const uint64_t committed = engine_->committed_seq();

  v1::Household bad = record;
  bad.mutable_members(2)->set_member_id("m1");
  bad.mutable_incomes(1)->clear_income_id();
  const v1::MutationResult result = PushOne(MakeMutation("hh-1", "m-2", 1, bad), kDevice);
  EXPECT_EQ(result.outcome(), v1::MUTATION_OUTCOME_REJECTED);
  EXPECT_EQ(result.rejection().code(), 3);
  std::vector<std::string> fields;
  for (const v1::FieldViolation& violation : result.rejection().field_violations()) {
    fields.push_back(violation.field());
  }
  EXPECT_THAT(fields, ::testing::ElementsAre("mutations[0].record.members[2].member_id",
                                             "mutations[0].record.incomes[1].income_id"));
  EXPECT_EQ(engine_->committed_seq(), committed);
  EXPECT_EQ(PullAll()[0].version(), 1u);

  // A new household too: two answers to one question.
  v1::Household answers = MakeHousehold(2, kCommune, kVillage);
  answers.add_score_answers()->set_question_code("q1");
  answers.add_score_answers()->set_question_code("q1");
  const v1::MutationResult created = PushOne(MakeMutation("hh-2", "m-3", 0, answers), kDevice);
  EXPECT_EQ(created.outcome(), v1::MUTATION_OUTCOME_REJECTED);
  ASSERT_THAT(created.rejection().field_violations(), SizeIs(1));
  EXPECT_EQ(created.rejection().field_violations(0).field(),
            "mutations[0].record.score_answers[1].question_code");
}

TEST_F(PushTest, IdsHoldingPathSyntaxAreRejected) {
  v1::Household record = MakeHousehold(1, kCommune, kVillage);
  record.mutable_members(1)->set_member_id("m]2");
  record.mutable_incomes(0)->set_income_id("i[1].x");
  const v1::MutationResult result = PushOne(MakeMutation("hh-1", "m-1", 0, record), kDevice);
  EXPECT_EQ(result.outcome(), v1::MUTATION_OUTCOME_REJECTED);
  std::vector<std::string> fields;
  for (const v1::FieldViolation& violation : result.rejection().field_violations()) {
    fields.push_back(violation.field());
  }
  EXPECT_THAT(fields, ::testing::ElementsAre("mutations[0].record.members[1].member_id",
                                             "mutations[0].record.incomes[0].income_id"));
  EXPECT_TRUE(PullAll().empty());
}

TEST_F(PushTest, ADeviceIdThatIsNotAnIdFailsTheBatch) {
  v1::PushRequest request;
  request.set_device_id(std::string("tab\0let", 7));
  *request.add_mutations() = MakeMutation("hh-1", "m-1", 0, MakeHousehold(1, kCommune, kVillage));
  v1::PushResponse response;
  EXPECT_THAT(engine_->push().Push(TestAdmin(), request, &response),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       AllOf(HasSubstr("device_id"), HasSubstr("NUL"))));
  EXPECT_EQ(engine_->committed_seq(), 0u);
}

}  // namespace
}  // namespace rasoat
