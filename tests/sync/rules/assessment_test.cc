// The rules' view of one version (sync/rules/assessment.h) and the rounds a server accepts
// (sync/rules/rounds.h): the reference day in Vietnam's time zone, validation issues and the
// classification stamped with the standard's digest, a classification made again only when the
// standard changed, and rounds checked the same way for every request.
#include "sync/rules/assessment.h"

#include <tuple>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "sync/rules/rounds.h"
#include "tests/support/households.h"
#include "tests/support/status_matchers.h"

namespace rasoat::rules {
namespace {

using ::rasoat::testing::MakeHousehold;
using ::rasoat::testing::StatusIs;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::Not;

TEST(ReferenceDateTest, IsTheInterviewDayInVietnamOrElseTheCommitDay) {
  v1::Household record;
  record.set_surveyed_at_unix(1'788'000'000);  // 2026-08-29 10:40 UTC, 17:40 in Hà Nội
  v1::Date date = ReferenceDate(record, 0);
  EXPECT_EQ(std::make_tuple(date.year(), date.month(), date.day()), std::make_tuple(2026, 8, 29));
  record.set_surveyed_at_unix(1'788'022'800);  // 17:00 UTC: already the 30th in Hà Nội
  date = ReferenceDate(record, 0);
  EXPECT_EQ(std::make_tuple(date.year(), date.month(), date.day()), std::make_tuple(2026, 8, 30));
  record.clear_surveyed_at_unix();
  date = ReferenceDate(record, int64_t{1'767'200'400} * 1'000'000);  // 2025-12-31 17:00 UTC
  EXPECT_EQ(std::make_tuple(date.year(), date.month(), date.day()), std::make_tuple(2026, 1, 1));
}

RoundStandard BuiltIn(const std::string& round) {
  absl::StatusOr<Rounds> rounds = Rounds::Load(RoundsOptions{.ids = {round}});
  EXPECT_TRUE(rounds.ok()) << rounds.status();
  return rounds->standard(round);
}

TEST(AssessTest, StampsTheClassificationWithTheStandardsDigestAndListsIssues) {
  const RoundStandard round = BuiltIn("2026");
  v1::Household record = MakeHousehold(1);
  google::protobuf::RepeatedPtrField<v1::ValidationIssue> issues;
  v1::Classification classification;
  Assess(round, record, 0, &issues, &classification);
  EXPECT_THAT(issues, IsEmpty());
  EXPECT_EQ(classification.standard_digest(), round.digest);
  EXPECT_NE(classification.poverty_class(), v1::POVERTY_CLASS_UNSPECIFIED);

  record.mutable_location()->clear_commune_code();
  Assess(round, record, 0, &issues, &classification);
  ASSERT_THAT(issues, Not(IsEmpty()));
  EXPECT_EQ(issues[0].path(), "location.commune_code");
}

TEST(CurrentClassificationTest, KeepsWhatTheSameStandardMadeAndRedoesAnOlderOne) {
  const RoundStandard round = BuiltIn("2026");
  const v1::Household record = MakeHousehold(2);
  v1::Classification stored;
  stored.set_standard_digest(round.digest);
  stored.set_poverty_class(v1::POVERTY_CLASS_POOR);
  stored.set_explanation("kept as stored");
  EXPECT_EQ(CurrentClassification(round, stored, record, 0).explanation(), "kept as stored");

  stored.set_standard_digest("an older edition");
  const v1::Classification again = CurrentClassification(round, stored, record, 0);
  EXPECT_EQ(again.standard_digest(), round.digest);
  EXPECT_NE(again.explanation(), "kept as stored");
}

TEST(RoundsTest, ChecksRoundsAndKeysNamingTheField) {
  ASSERT_OK_AND_ASSIGN(const Rounds rounds,
                       Rounds::Load(RoundsOptions{.ids = {"2026", "2027"},
                                                  .standards = {{"2027", "decree-351-2025"}}}));
  EXPECT_OK(rounds.Check("2027", "round_id"));
  EXPECT_THAT(rounds.Check("", "round_id"),
              StatusIs(absl::StatusCode::kInvalidArgument, "round_id: required"));
  EXPECT_THAT(rounds.Check("2025", "round_id"),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       "round_id: unknown round '2025'; this server accepts 2026, 2027"));
  EXPECT_EQ(rounds.standard("2027").standard.name(), "decree-351-2025");
  EXPECT_EQ(rounds.standard("2026").standard.name(), "decree-07-2021");

  v1::HouseholdKey key;
  key.set_round_id("2025");
  EXPECT_THAT(rounds.CheckKey(key),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       AllOf(HasSubstr("key.round_id"), HasSubstr("key.household_id"))));
  key.set_round_id("2026");
  key.set_household_id(std::string(129, 'h'));
  EXPECT_THAT(rounds.CheckKey(key), StatusIs(absl::StatusCode::kInvalidArgument,
                                             HasSubstr("key.household_id: required, at most 128")));
  key.set_household_id("h1");
  EXPECT_OK(rounds.CheckKey(key));
}

TEST(RoundsTest, RefusesBadOptionsAndMissingStandards) {
  EXPECT_THAT(Rounds::Load(RoundsOptions{.ids = {}}),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("at least one round")));
  EXPECT_THAT(Rounds::Load(RoundsOptions{.ids = {"2026"}, .standards = {{"2030", "x"}}}),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("'2030'")));
  EXPECT_THAT(Rounds::Load(RoundsOptions{.ids = {"2026"}, .default_standard = "no-such"}),
              StatusIs(absl::StatusCode::kNotFound, HasSubstr("round 2026: ")));
}

}  // namespace
}  // namespace rasoat::rules
