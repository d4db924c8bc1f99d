// The checks a mutation must pass before it touches the store (sync/push/mutation_check.h):
// every bad field named by its path in the request, the limits, the round.
#include "sync/push/mutation_check.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "tests/support/households.h"
#include "tests/support/status_matchers.h"

namespace rasoat {
namespace {

using ::rasoat::testing::MakeHousehold;
using ::rasoat::testing::MakeMutation;
using ::testing::AllOf;
using ::testing::ElementsAre;
using ::testing::Field;
using ::testing::HasSubstr;
using ::testing::Property;

class MutationCheckTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_OK_AND_ASSIGN(rounds_, rules::Rounds::Load(rules::RoundsOptions{.ids = {"2026"}}));
    options_.max_record_bytes = 4096;
  }

  std::optional<v1::Rejection> Check(const v1::Mutation& mutation, int index = 0) {
    return CheckMutation(mutation, index, *rounds_, options_);
  }

  std::optional<rules::Rounds> rounds_;
  PushOptions options_;
};

// The fields a rejection names, in order.
std::vector<std::string> FieldsOf(const v1::Rejection& rejection) {
  std::vector<std::string> fields;
  for (const v1::FieldViolation& violation : rejection.field_violations()) {
    fields.push_back(violation.field());
  }
  return fields;
}

TEST_F(MutationCheckTest, AGoodMutationPasses) {
  EXPECT_EQ(Check(MakeMutation("h1", "m1", 0, MakeHousehold(1))), std::nullopt);
}

TEST_F(MutationCheckTest, EveryMissingIdIsNamedByItsPathInTheRequest) {
  v1::Mutation mutation = MakeMutation("", "", 0, MakeHousehold(1));
  mutation.mutable_key()->clear_round_id();
  mutation.mutable_record()->mutable_location()->clear_commune_code();
  mutation.mutable_record()->mutable_location()->clear_village_code();
  const std::optional<v1::Rejection> rejection = Check(mutation, 3);
  ASSERT_TRUE(rejection.has_value());
  EXPECT_EQ(rejection->code(), static_cast<int>(absl::StatusCode::kInvalidArgument));
  EXPECT_THAT(FieldsOf(*rejection),
              ElementsAre("mutations[3].key.round_id", "mutations[3].key.household_id",
                          "mutations[3].mutation_id", "mutations[3].record.location.commune_code",
                          "mutations[3].record.location.village_code"));
  EXPECT_THAT(rejection->message(), HasSubstr("mutations[3].mutation_id: required"));
}

TEST_F(MutationCheckTest, AnUnknownRoundListsTheRoundsAccepted) {
  v1::Mutation mutation = MakeMutation("h1", "m1", 0, MakeHousehold(1));
  mutation.mutable_key()->set_round_id("2019");
  const std::optional<v1::Rejection> rejection = Check(mutation);
  ASSERT_TRUE(rejection.has_value());
  EXPECT_THAT(rejection->field_violations(),
              ElementsAre(AllOf(Property(&v1::FieldViolation::field, "mutations[0].key.round_id"),
                                Property(&v1::FieldViolation::description,
                                         "unknown round '2019'; this server accepts 2026"))));
}

TEST_F(MutationCheckTest, IdsOverTheKeyLimitAndRecordsOverTheSizeLimitAreRejected) {
  v1::Mutation mutation = MakeMutation(std::string(129, 'h'), "m1", 0, MakeHousehold(1));
  EXPECT_THAT(FieldsOf(*Check(mutation)), ElementsAre("mutations[0].key.household_id"));
  mutation = MakeMutation(std::string(128, 'h'), "m1", 0, MakeHousehold(1));
  EXPECT_EQ(Check(mutation), std::nullopt) << "128 bytes is the limit, not over it";

  mutation.mutable_record()->set_collaborator_note(std::string(5000, 'x'));
  const std::optional<v1::Rejection> rejection = Check(mutation);
  ASSERT_TRUE(rejection.has_value());
  EXPECT_THAT(FieldsOf(*rejection), ElementsAre("mutations[0].record"));
  EXPECT_THAT(rejection->message(), HasSubstr("the limit is 4096"));
}

TEST_F(MutationCheckTest, AnIdWithANulOrAControlCharacterIsRejectedWithoutQuotingIt) {
  // A removal entry of the changes family starts with a NUL where a live entry has the
  // household id: an id must never start with one (sync/store/keys.h).
  const v1::Mutation mutation = MakeMutation(std::string("\0h1", 3), "m\n1", 0, MakeHousehold(1));
  const std::optional<v1::Rejection> rejection = Check(mutation);
  ASSERT_TRUE(rejection.has_value());
  EXPECT_EQ(rejection->code(), static_cast<int>(absl::StatusCode::kInvalidArgument));
  EXPECT_THAT(
      rejection->field_violations(),
      ElementsAre(
          AllOf(Property(&v1::FieldViolation::field, "mutations[0].key.household_id"),
                Property(&v1::FieldViolation::description, "has a NUL character at byte 0")),
          AllOf(Property(&v1::FieldViolation::field, "mutations[0].mutation_id"),
                Property(&v1::FieldViolation::description, "has a line break at byte 1"))));
}

TEST_F(MutationCheckTest, AMutationWithoutARecordIsRejected) {
  v1::Mutation mutation = MakeMutation("h1", "m1", 0, MakeHousehold(1));
  mutation.clear_record();
  EXPECT_THAT(FieldsOf(*Check(mutation)), ElementsAre("mutations[0].record"));
}

TEST_F(MutationCheckTest, EveryStringOfTheRecordIsCheckedAsAnIdOrAsFreeText) {
  v1::Mutation mutation = MakeMutation("h1", "m1", 0, MakeHousehold(1));
  v1::Household* record = mutation.mutable_record();
  record->mutable_location()->set_address("Số 5\xff");     // not UTF-8
  record->mutable_members(0)->set_ethnicity_code("01\t");  // a tab in a code
  record->mutable_incomes(1)->set_note("bán lúa\r");       // a carriage return in a note
  record->set_collaborator_note("dòng 1\n\tdòng 2");       // tab and line break: text
  v1::ScoreAnswer* answer = record->add_score_answers();
  answer->set_question_code("q1");
  answer->set_answer_code(std::string("a\0", 2));
  const std::optional<v1::Rejection> rejection = Check(mutation, 2);
  ASSERT_TRUE(rejection.has_value());
  EXPECT_EQ(rejection->code(), static_cast<int>(absl::StatusCode::kInvalidArgument));
  EXPECT_THAT(
      rejection->field_violations(),
      ElementsAre(
          AllOf(Property(&v1::FieldViolation::field, "mutations[2].record.location.address"),
                Property(&v1::FieldViolation::description, "is not valid UTF-8 at byte 6")),
          Property(&v1::FieldViolation::field, "mutations[2].record.members[0].ethnicity_code"),
          Property(&v1::FieldViolation::field, "mutations[2].record.incomes[1].note"),
          AllOf(Property(&v1::FieldViolation::field,
                         "mutations[2].record.score_answers[0].answer_code"),
                Property(&v1::FieldViolation::description, "has a NUL character at byte 1"))));
}

TEST_F(MutationCheckTest, KeyIdsAndTheMutationIdAreCheckedAsIds) {
  v1::Mutation mutation = MakeMutation("h\n1", std::string("m\0", 2), 0, MakeHousehold(1));
  EXPECT_THAT(FieldsOf(*Check(mutation)),
              ElementsAre("mutations[0].key.household_id", "mutations[0].mutation_id"));
}

TEST_F(MutationCheckTest, EveryElementOfAnIdentityKeyedListHasAUniqueNameableId) {
  v1::Mutation mutation = MakeMutation("h1", "m1", 0, MakeHousehold(1));
  v1::Household* record = mutation.mutable_record();
  record->mutable_members(2)->set_member_id("m1");
  record->mutable_members(1)->set_member_id("m[2]");
  record->mutable_incomes(0)->clear_income_id();
  const std::optional<v1::Rejection> rejection = Check(mutation);
  ASSERT_TRUE(rejection.has_value());
  EXPECT_THAT(
      rejection->field_violations(),
      ElementsAre(
          AllOf(Property(&v1::FieldViolation::field, "mutations[0].record.members[1].member_id"),
                Property(&v1::FieldViolation::description, HasSubstr("'[' or ']'"))),
          AllOf(Property(&v1::FieldViolation::field, "mutations[0].record.members[2].member_id"),
                Property(&v1::FieldViolation::description, HasSubstr("members[0]"))),
          AllOf(Property(&v1::FieldViolation::field, "mutations[0].record.incomes[0].income_id"),
                Property(&v1::FieldViolation::description, HasSubstr("required")))));
}

}  // namespace
}  // namespace rasoat
