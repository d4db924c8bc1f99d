// The rules' view of one version (sync/rules/assessment.h) and the rounds a server accepts
// (sync/rules/rounds.h): the reference day in Vietnam's time zone, validation issues and the
// classification stamped with the standard's digest, a classification made again only when the
// standard changed, and rounds checked the same way for every request.
#include "sync/rules/assessment.h"

#include <cstdint>
#include <limits>
#include <string>
#include <tuple>
#include <utility>
#include <vector>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "absl/strings/str_cat.h"
#include "sync/rules/rounds.h"
#include "sync/rules/standard_catalog.h"
#include "tests/support/households.h"
#include "tests/support/status_matchers.h"

namespace rasoat::rules {
namespace {

using ::rasoat::testing::MakeHousehold;
using ::rasoat::testing::StatusIs;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::Not;

using Ymd = std::tuple<int, int, int>;

Ymd YmdOf(const v1::Date& date) { return {date.year(), date.month(), date.day()}; }

// The versions of these tests are committed on 2 December 2026 at 05:00 UTC (noon in Hà Nội).
constexpr int64_t kCommittedAtSeconds = 1'796'187'600;
constexpr int64_t kCommittedAtMicros = kCommittedAtSeconds * 1'000'000;

TEST(ReferenceDateTest, IsTheInterviewDayInVietnamOrElseTheCommitDay) {
  v1::Household record;
  record.set_surveyed_at_unix(1'788'000'000);  // 2026-08-29 10:40 UTC, 17:40 in Hà Nội
  EXPECT_EQ(YmdOf(ReferenceDate(record, kCommittedAtMicros)), Ymd(2026, 8, 29));
  record.set_surveyed_at_unix(1'788'022'800);  // 17:00 UTC: already the 30th in Hà Nội
  EXPECT_EQ(YmdOf(ReferenceDate(record, kCommittedAtMicros)), Ymd(2026, 8, 30));
  record.clear_surveyed_at_unix();
  // 2025-12-31 17:00 UTC
  EXPECT_EQ(YmdOf(ReferenceDate(record, int64_t{1'767'200'400} * 1'000'000)), Ymd(2026, 1, 1));
}

// An interview time that cannot be right (before 1970, more than a day of clock skew after the
// commit, or at either end of int64, where adding Vietnam's offset would overflow) is not the
// day ages count at: the commit day is.
TEST(ReferenceDateTest, AnInterviewTimeThatCannotBeRightCountsFromTheCommitDay) {
  v1::Household record;
  for (const int64_t wrong :
       {int64_t{-1}, std::numeric_limits<int64_t>::min(), kCommittedAtSeconds + 24 * 3600 + 1,
        int64_t{4'102'444'800},  // 2100-01-01
        std::numeric_limits<int64_t>::max()}) {
    record.set_surveyed_at_unix(wrong);
    EXPECT_EQ(YmdOf(ReferenceDate(record, kCommittedAtMicros)), Ymd(2026, 12, 2)) << wrong;
  }
  // A day of clock skew is allowed.
  record.set_surveyed_at_unix(kCommittedAtSeconds + 24 * 3600);
  EXPECT_EQ(YmdOf(ReferenceDate(record, kCommittedAtMicros)), Ymd(2026, 12, 3));
  // Commit times at the ends of int64 give the first or last day counted.
  record.clear_surveyed_at_unix();
  EXPECT_EQ(YmdOf(ReferenceDate(record, std::numeric_limits<int64_t>::max())), Ymd(9999, 12, 31));
  EXPECT_EQ(YmdOf(ReferenceDate(record, std::numeric_limits<int64_t>::min())), Ymd(1, 1, 1));
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
  Assess(round, record, kCommittedAtMicros, &issues, &classification);
  EXPECT_THAT(issues, IsEmpty());
  EXPECT_EQ(classification.standard_digest(), round.digest);
  EXPECT_NE(classification.poverty_class(), v1::POVERTY_CLASS_UNSPECIFIED);

  record.mutable_location()->clear_commune_code();
  Assess(round, record, kCommittedAtMicros, &issues, &classification);
  ASSERT_THAT(issues, Not(IsEmpty()));
  EXPECT_EQ(issues[0].path(), "location.commune_code");
}

// The paths and codes of `issues`.
std::vector<std::pair<std::string, std::string>> Found(
    const google::protobuf::RepeatedPtrField<v1::ValidationIssue>& issues) {
  std::vector<std::pair<std::string, std::string>> found;
  for (const v1::ValidationIssue& issue : issues) found.emplace_back(issue.path(), issue.code());
  return found;
}

// The round's standard bounds the members (50 in the deployed files), and the commit time is
// "now" for the interview: a household of 5,000 and an interview in 2100 are issues.
TEST(AssessTest, BoundsTheMembersByTheStandardAndTheInterviewByTheCommitTime) {
  const RoundStandard round = BuiltIn("2026");
  ASSERT_EQ(round.standard.max_household_members(), 50);
  v1::Household record = MakeHousehold(1);
  const v1::Member member = record.members(0);
  for (int i = record.members_size(); i < 50; ++i) {
    v1::Member* copy = record.add_members();
    *copy = member;
    copy->set_member_id(absl::StrCat("copy-", i));
    copy->set_relationship(v1::RELATIONSHIP_OTHER_RELATIVE);
  }
  google::protobuf::RepeatedPtrField<v1::ValidationIssue> issues;
  v1::Classification classification;
  Assess(round, record, kCommittedAtMicros, &issues, &classification);
  EXPECT_THAT(issues, IsEmpty());

  *record.add_members() = member;
  record.mutable_members(50)->set_member_id("copy-50");
  record.mutable_members(50)->set_relationship(v1::RELATIONSHIP_OTHER_RELATIVE);
  record.set_surveyed_at_unix(4'102'444'800);  // 2100-01-01
  issues.Clear();
  Assess(round, record, kCommittedAtMicros, &issues, &classification);
  EXPECT_THAT(Found(issues),
              ElementsAre(std::pair<std::string, std::string>("members", "TOO_MANY_MEMBERS"),
                          std::pair<std::string, std::string>("surveyed_at_unix", "IN_FUTURE")));
  EXPECT_EQ(classification.member_count(), 51);
}

TEST(CurrentClassificationTest, KeepsWhatTheSameStandardMadeAndRedoesAnOlderOne) {
  const RoundStandard round = BuiltIn("2026");
  const v1::Household record = MakeHousehold(2);
  v1::Classification stored;
  stored.set_standard_digest(round.digest);
  stored.set_poverty_class(v1::POVERTY_CLASS_POOR);
  stored.set_explanation("kept as stored");
  EXPECT_EQ(CurrentClassification(round, stored, record, kCommittedAtMicros).explanation(),
            "kept as stored");

  stored.set_standard_digest("an older edition");
  const v1::Classification again = CurrentClassification(round, stored, record, kCommittedAtMicros);
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
  // A local standard is evaluated alongside a national one, never as a round's own.
  EXPECT_THAT(Rounds::Load(RoundsOptions{.ids = {"2026"}, .default_standard = "bac-ninh-2025"}),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("'bac-ninh-2025' is a local standard")));
  EXPECT_THAT(Rounds::Load(RoundsOptions{.ids = {"2026"}, .previous = {{"2026", "2025"}}}),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("previous_rounds")));
  EXPECT_THAT(Rounds::Load(RoundsOptions{.ids = {"2026"}, .previous = {{"2026", "2026"}}}),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("previous_rounds")));
}

TEST(RoundsTest, ARoundCarriesTheLocalStandardsOfItsNationalOneAndItsPredecessor) {
  ASSERT_OK_AND_ASSIGN(const Rounds rounds,
                       Rounds::Load(RoundsOptions{.ids = {"2026", "2027"},
                                                  .standards = {{"2027", "decree-351-2025"}},
                                                  .previous = {{"2027", "2026"}}}));
  const RoundStandard& d07 = rounds.standard("2026");
  ASSERT_EQ(d07.local_standards.size(), 1u);
  EXPECT_EQ(d07.local_standards[0].name(), "bac-ninh-2025");
  ASSERT_NE(d07.LocalStandardFor("24"), nullptr);
  EXPECT_EQ(d07.LocalStandardFor("24")->poor_income_line().rural_vnd(), 1'750'000);
  EXPECT_EQ(d07.LocalStandardFor("01"), nullptr);
  // The digest covers both: it is not the national standard's alone.
  EXPECT_NE(d07.digest, StandardDigest(d07.standard));
  // Bắc Ninh's file is based on decree 07/2021: 2027's standard has no local one.
  EXPECT_TRUE(rounds.standard("2027").local_standards.empty());
  EXPECT_EQ(rounds.standard("2027").digest, StandardDigest(rounds.standard("2027").standard));
  EXPECT_EQ(rounds.PreviousOf("2027"), "2026");
  EXPECT_EQ(rounds.PreviousOf("2026"), "");
}

}  // namespace
}  // namespace rasoat::rules
