// The review workflow through the engine on a real RocksDB: every version validated and
// classified, NEEDS_CORRECTION for an invalid record, Approve and Return naming the exact
// version, the returned status and comment in Pull, history, diffs, the commune summary, and a
// changed standard file taking effect on reopen.
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_replace.h"
#include "absl/time/clock.h"
#include "absl/time/time.h"
#include "sync/engine.h"
#include "sync/rules/assessment.h"
#include "sync/rules/classifier.h"
#include "sync/rules/standard_catalog.h"
#include "tests/support/engine_fixture.h"
#include "tests/support/households.h"
#include "tests/support/status_matchers.h"
#include "tests/support/temp_dir.h"
#include "tests/support/test_principal.h"

namespace rasoat {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using testing::MakeHousehold;
using testing::MakeMutation;
using ::testing::SizeIs;
using testing::StatusIs;

constexpr char kCommune[] = "00001";

v1::HouseholdKey Key(const std::string& household_id) {
  v1::HouseholdKey key;
  key.set_round_id("2026");
  key.set_household_id(household_id);
  return key;
}

// The valid household MakeHousehold(seed), made rural, with one income line that puts its
// per-capita monthly income at exactly `per_capita` đồng. Its deprivations are the seed's.
v1::Household WithIncome(uint64_t seed, int64_t per_capita) {
  v1::Household household = MakeHousehold(seed);
  household.mutable_location()->set_area(v1::AREA_RURAL);
  household.clear_incomes();
  v1::IncomeItem* income = household.add_incomes();
  income->set_income_id("i1");
  income->set_source(v1::INCOME_SOURCE_CROPS);
  income->set_annual_amount_vnd(per_capita * household.members_size() * 12);
  return household;
}

class ReviewTest : public testing::EngineTest {
 protected:
  void SetUp() override { Open(); }

  void Open(const std::string& standards_dir = "") {
    options_.rounds.standards_dir = standards_dir;
    EngineTest::Open();
  }

  v1::MutationResult Push(const std::string& household_id, const std::string& mutation_id,
                          uint64_t base, v1::Household record) {
    return PushOne(MakeMutation(household_id, mutation_id, base, std::move(record)));
  }

  v1::GetHouseholdResponse Get(const std::string& household_id) {
    v1::GetHouseholdRequest request;
    *request.mutable_key() = Key(household_id);
    v1::GetHouseholdResponse response;
    EXPECT_OK(engine_->review().GetHousehold(TestAdmin(), request, &response));
    return response;
  }

  absl::Status Approve(const std::string& household_id, uint64_t version) {
    v1::ApproveRequest request;
    *request.mutable_key() = Key(household_id);
    request.set_version(version);
    v1::ApproveResponse response;
    return engine_->review().Approve(identity::SystemPrincipal("can-bo-xa"), request, &response);
  }

  absl::Status Return(const std::string& household_id, uint64_t version,
                      const std::string& comment) {
    v1::ReturnRequest request;
    *request.mutable_key() = Key(household_id);
    request.set_version(version);
    request.set_comment(comment);
    v1::ReturnResponse response;
    return engine_->review().Return(identity::SystemPrincipal("can-bo-xa"), request, &response);
  }

  // Everything a tablet of the commune receives from a first pull, by household id.
  std::map<std::string, v1::HouseholdState> PullCommune() {
    std::map<std::string, v1::HouseholdState> states;
    for (const v1::HouseholdState& state : PullOk({testing::ScopeOf(kCommune)}).households) {
      states[state.key().household_id()] = state;
    }
    return states;
  }

  v1::CommuneSummaryResponse Summary() {
    v1::CommuneSummaryRequest request;
    request.set_round_id("2026");
    request.set_commune_code(kCommune);
    v1::CommuneSummaryResponse response;
    EXPECT_OK(engine_->review().CommuneSummary(TestAdmin(), request, &response));
    return response;
  }
};

TEST_F(ReviewTest, EveryVersionIsStoredWithItsClassificationAndStartsReadyForReview) {
  const v1::MutationResult result = Push("h1", "m1", 0, WithIncome(1, 1'200'000));
  EXPECT_EQ(result.status(), v1::REVIEW_STATUS_READY_FOR_REVIEW);
  EXPECT_THAT(result.validation_issues(), SizeIs(0));

  const v1::GetHouseholdResponse household = Get("h1");
  EXPECT_EQ(household.state().status(), v1::REVIEW_STATUS_READY_FOR_REVIEW);
  const v1::Classification& classification = household.classification();
  EXPECT_EQ(classification.standard_name(), "decree-07-2021");
  EXPECT_FALSE(classification.standard_digest().empty());
  EXPECT_EQ(classification.per_capita_monthly_income_vnd(), 1'200'000);
  EXPECT_EQ(classification.poor_income_line_vnd(), 1'500'000);
  EXPECT_THAT(classification.poverty_class(),
              ::testing::AnyOf(v1::POVERTY_CLASS_POOR, v1::POVERTY_CLASS_NEAR_POOR));
  EXPECT_THAT(classification.explanation(), HasSubstr("1,500,000"));
  ASSERT_THAT(household.history(), SizeIs(1));
  EXPECT_EQ(household.history(0).kind(), v1::HistoryEntry::KIND_PUSH);
  // The user of the token that pushed, and the tablet it pushed from.
  EXPECT_EQ(household.history(0).author(), "test-admin");
  EXPECT_EQ(household.history(0).device_id(), "tab-1");
}

TEST_F(ReviewTest, HistoryListsVersionsOfOnePushNewestFirst) {
  // One push, two mutations of one household: both versions carry the push's time.
  v1::Household record = WithIncome(1, 2'000'000);
  v1::PushRequest request;
  request.set_device_id("tab-1");
  *request.add_mutations() = MakeMutation("h1", "m1", 0, record);
  record.set_collaborator_note("lần 2");
  *request.add_mutations() = MakeMutation("h1", "m2", 1, record);
  v1::PushResponse response;
  ASSERT_OK(engine_->push().Push(TestAdmin(), request, &response));
  ASSERT_OK(Approve("h1", 2));

  const v1::GetHouseholdResponse household = Get("h1");
  ASSERT_THAT(household.history(), SizeIs(3));
  EXPECT_EQ(household.history(0).kind(), v1::HistoryEntry::KIND_APPROVED);
  EXPECT_EQ(household.history(1).version(), 2u);
  EXPECT_EQ(household.history(1).mutation_id(), "m2");
  EXPECT_EQ(household.history(2).version(), 1u);
}

TEST_F(ReviewTest, AnInvalidRecordIsStoredWithNeedsCorrectionAndItsIssuesByPath) {
  v1::Household record = WithIncome(1, 2'000'000);
  record.mutable_members(1)->mutable_birth_date()->set_year(2031);
  record.set_head_member_id("nobody");
  const v1::MutationResult result = Push("h1", "m1", 0, record);
  EXPECT_EQ(result.outcome(), v1::MUTATION_OUTCOME_APPLIED);
  EXPECT_EQ(result.status(), v1::REVIEW_STATUS_NEEDS_CORRECTION);

  const v1::GetHouseholdResponse household = Get("h1");
  EXPECT_EQ(household.state().status(), v1::REVIEW_STATUS_NEEDS_CORRECTION);
  EXPECT_EQ(household.state().record().SerializeAsString(), record.SerializeAsString());
  std::vector<std::string> paths;
  for (const v1::ValidationIssue& issue : household.validation_issues()) {
    paths.push_back(issue.path());
    EXPECT_FALSE(issue.code().empty());
    EXPECT_FALSE(issue.message().empty());
  }
  EXPECT_THAT(paths, ::testing::IsSupersetOf({"head_member_id", "members[m2].birth_date"}));
  EXPECT_THAT(Approve("h1", 1),
              StatusIs(absl::StatusCode::kFailedPrecondition, HasSubstr("NEEDS_CORRECTION")));

  // The collaborator's correction is a new version that is ready.
  record.mutable_members(1)->mutable_birth_date()->set_year(2001);
  record.set_head_member_id("m1");
  EXPECT_EQ(Push("h1", "m2", 1, record).status(), v1::REVIEW_STATUS_READY_FOR_REVIEW);
  EXPECT_THAT(Get("h1").validation_issues(), SizeIs(0));
}

// Issue 12: a household of 5,000 members went to review as READY_FOR_REVIEW, and so did one
// interviewed in 2100. Both are kept, NEEDS_CORRECTION, with the issue that says why.
TEST_F(ReviewTest, AHouseholdOf5000OrInterviewedIn2100NeedsCorrection) {
  v1::Household record = WithIncome(1, 2'000'000);
  v1::Member member = record.members(1);
  member.clear_national_id();
  member.set_full_name("X");
  while (record.members_size() < 5000) {
    member.set_member_id(absl::StrCat("x", record.members_size()));
    *record.add_members() = member;
  }
  record.set_surveyed_at_unix(4'102'444'800);  // 2100-01-01
  const v1::MutationResult result = Push("h1", "m1", 0, record);
  ASSERT_EQ(result.outcome(), v1::MUTATION_OUTCOME_APPLIED) << result.rejection().message();
  EXPECT_EQ(result.status(), v1::REVIEW_STATUS_NEEDS_CORRECTION);
  std::vector<std::pair<std::string, std::string>> found;
  for (const v1::ValidationIssue& issue : result.validation_issues()) {
    found.emplace_back(issue.path(), issue.code());
  }
  EXPECT_THAT(found, ::testing::IsSupersetOf(
                         {std::pair<std::string, std::string>("members", "TOO_MANY_MEMBERS"),
                          std::pair<std::string, std::string>("surveyed_at_unix", "IN_FUTURE")}));
}

TEST_F(ReviewTest, ApproveNamesTheExactVersionAndIsKeptWhileNewerVersionsAwaitReview) {
  v1::Household record = WithIncome(1, 2'000'000);
  Push("h1", "m1", 0, record);
  record.set_collaborator_note("lần 2");
  Push("h1", "m2", 1, record);
  record.set_collaborator_note("lần 3");
  Push("h1", "m3", 2, record);

  EXPECT_THAT(Approve("h1", 2),
              StatusIs(absl::StatusCode::kFailedPrecondition, HasSubstr("at version 3, not 2")));
  EXPECT_EQ(Get("h1").state().status(), v1::REVIEW_STATUS_READY_FOR_REVIEW);
  ASSERT_OK(Approve("h1", 3));
  ASSERT_OK(Approve("h1", 3));  // a retry succeeds and writes nothing new
  v1::GetHouseholdResponse household = Get("h1");
  EXPECT_EQ(household.state().status(), v1::REVIEW_STATUS_APPROVED);
  EXPECT_EQ(household.approved_version(), 3u);
  EXPECT_EQ(household.approved_by(), "can-bo-xa");
  EXPECT_EQ(household.history(0).kind(), v1::HistoryEntry::KIND_APPROVED);
  EXPECT_EQ(household.history(0).version(), 3u);
  EXPECT_EQ(PullCommune().at("h1").status(), v1::REVIEW_STATUS_APPROVED);

  record.set_collaborator_note("sau khi duyệt");
  EXPECT_EQ(Push("h1", "m4", 3, record).status(), v1::REVIEW_STATUS_READY_FOR_REVIEW);
  household = Get("h1");
  EXPECT_EQ(household.state().status(), v1::REVIEW_STATUS_READY_FOR_REVIEW);
  EXPECT_EQ(household.approved_version(), 3u);
  EXPECT_THAT(Return("h1", 4, ""), StatusIs(absl::StatusCode::kInvalidArgument, ::testing::_));
}

TEST_F(ReviewTest, AReturnReachesTheTabletWithItsCommentAndTheFixIsReadyAgain) {
  const v1::Household record = WithIncome(1, 2'000'000);
  Push("h1", "m1", 0, record);
  const std::string comment = "Thiếu số CCCD của chủ hộ; kiểm tra lại diện tích nhà";
  ASSERT_OK(Return("h1", 1, comment));

  v1::HouseholdState pulled = PullCommune().at("h1");
  EXPECT_EQ(pulled.status(), v1::REVIEW_STATUS_RETURNED);
  EXPECT_EQ(pulled.reviewer_comment(), comment);
  EXPECT_EQ(pulled.version(), 1u);
  EXPECT_THAT(Approve("h1", 1), StatusIs(absl::StatusCode::kFailedPrecondition,
                                         HasSubstr("awaits the collaborator")));

  v1::Household fixed = record;
  fixed.mutable_housing()->set_floor_area_m2(64);
  EXPECT_EQ(Push("h1", "m2", 1, fixed).status(), v1::REVIEW_STATUS_READY_FOR_REVIEW);
  pulled = PullCommune().at("h1");
  EXPECT_EQ(pulled.status(), v1::REVIEW_STATUS_READY_FOR_REVIEW);
  EXPECT_EQ(pulled.reviewer_comment(), "");
  const v1::GetHouseholdResponse household = Get("h1");
  ASSERT_THAT(household.history(), SizeIs(3));
  EXPECT_EQ(household.history(1).kind(), v1::HistoryEntry::KIND_RETURNED);
  EXPECT_EQ(household.history(1).comment(), comment);
}

TEST_F(ReviewTest, BadDecisionsFailPreciselyAndChangeNothing) {
  Push("h1", "m1", 0, WithIncome(1, 2'000'000));
  const uint64_t committed = engine_->committed_seq();
  EXPECT_THAT(Return("h1", 1, "   "),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("comment")));
  EXPECT_THAT(Approve("h1", 0), StatusIs(absl::StatusCode::kInvalidArgument, ::testing::_));
  EXPECT_THAT(Approve("nope", 1), StatusIs(absl::StatusCode::kNotFound, ::testing::_));
  EXPECT_THAT(Return("h1", 2, "sửa"),
              StatusIs(absl::StatusCode::kFailedPrecondition, ::testing::_));
  EXPECT_EQ(engine_->committed_seq(), committed);
  EXPECT_EQ(Get("h1").state().status(), v1::REVIEW_STATUS_READY_FOR_REVIEW);
  EXPECT_THAT(Get("h1").history(), SizeIs(1));
}

TEST_F(ReviewTest, DiffListsExactlyTheFieldsThatChangedWithBothValues) {
  v1::Household record = WithIncome(1, 2'000'000);
  Push("h1", "m1", 0, record);
  const std::string old_name = record.members(1).full_name();
  record.mutable_members(1)->set_full_name("Trần Thị Bình");
  record.mutable_housing()->set_floor_area_m2(33.5);
  Push("h1", "m2", 1, record);

  v1::DiffVersionsRequest request;
  *request.mutable_key() = Key("h1");
  request.set_from_version(1);
  request.set_to_version(2);
  v1::DiffVersionsResponse diff;
  ASSERT_OK(engine_->review().DiffVersions(TestAdmin(), request, &diff));
  ASSERT_THAT(diff.changes(), SizeIs(2));
  EXPECT_EQ(diff.changes(0).path(), "members[m2].full_name");
  EXPECT_EQ(diff.changes(0).from_value(), absl::StrCat("\"", old_name, "\""));
  EXPECT_EQ(diff.changes(0).to_value(), "\"Trần Thị Bình\"");
  EXPECT_EQ(diff.changes(1).path(), "housing.floor_area_m2");
  EXPECT_EQ(diff.changes(1).to_value(), "33.5");

  request.set_to_version(3);
  EXPECT_THAT(engine_->review().DiffVersions(TestAdmin(), request, &diff),
              StatusIs(absl::StatusCode::kNotFound, ::testing::_));
}

TEST_F(ReviewTest, SummaryCountsMatchTheHouseholdsPushed) {
  std::map<v1::ReviewStatus, uint32_t> statuses;
  std::map<v1::PovertyClass, uint32_t> classes;
  std::map<v1::Indicator, uint32_t> deprived;
  ASSERT_OK_AND_ASSIGN(v1::PovertyStandard standard,
                       rules::LoadStandardNamed("", "decree-07-2021"));
  for (int i = 0; i < 30; ++i) {
    const std::string id = absl::StrCat("h", i);
    const v1::Household record = WithIncome(i, i % 3 == 0 ? 900'000 : 1'800'000 + i * 50'000);
    Push(id, absl::StrCat("m", i), 0, record);
    v1::ReviewStatus status = v1::REVIEW_STATUS_READY_FOR_REVIEW;
    if (i % 5 == 0) {
      ASSERT_OK(Approve(id, 1));
      status = v1::REVIEW_STATUS_APPROVED;
    } else if (i % 7 == 0) {
      ASSERT_OK(Return(id, 1, "sửa"));
      status = v1::REVIEW_STATUS_RETURNED;
    }
    ++statuses[status];
    const v1::Classification expected = rules::Classify(
        record, standard, rules::ReferenceDate(record, absl::ToUnixMicros(absl::Now())));
    ++classes[expected.poverty_class()];
    for (const v1::IndicatorResult& indicator : expected.indicators()) {
      if (indicator.deprived()) ++deprived[indicator.indicator()];
    }
  }
  const v1::CommuneSummaryResponse summary = Summary();
  EXPECT_EQ(summary.households(), 30u);
  EXPECT_EQ(summary.standard_name(), "decree-07-2021");
  std::map<v1::ReviewStatus, uint32_t> got_statuses;
  for (const auto& count : summary.by_status()) got_statuses[count.status()] = count.households();
  EXPECT_EQ(got_statuses, statuses);
  std::map<v1::PovertyClass, uint32_t> got_classes;
  for (const auto& count : summary.by_class())
    got_classes[count.poverty_class()] = count.households();
  EXPECT_EQ(got_classes, classes);
  EXPECT_GE(classes.size(), 2u);  // the data really spans classes
  ASSERT_THAT(summary.deprivations(), SizeIs(standard.indicators_size()));
  for (const auto& count : summary.deprivations()) {
    EXPECT_EQ(count.deprived_households(), deprived[count.indicator()])
        << v1::Indicator_Name(count.indicator());
  }
}

TEST_F(ReviewTest, AChangedStandardFileClassifiesAgainOnReopen) {
  const std::string standards = dir_.path() + "/standards";
  std::filesystem::create_directories(standards);
  const std::string file = standards + "/decree-07-2021.textproto";
  std::filesystem::copy_file(RASOAT_STANDARDS_DIR "/decree-07-2021.textproto", file);
  Open(standards);
  Push("h1", "m1", 0, WithIncome(1, 1'700'000));
  EXPECT_EQ(Get("h1").classification().poverty_class(), v1::POVERTY_CLASS_NOT_POOR);

  std::stringstream text;
  text << std::ifstream(file).rdbuf();
  std::ofstream(file) << absl::StrReplaceAll(
      text.str(),
      {{"poor_income_line { rural_vnd: 1500000", "poor_income_line { rural_vnd: 1800000"}});
  Open(standards);
  const v1::Classification now = Get("h1").classification();
  EXPECT_EQ(now.poor_income_line_vnd(), 1'800'000);
  EXPECT_THAT(now.poverty_class(),
              ::testing::AnyOf(v1::POVERTY_CLASS_POOR, v1::POVERTY_CLASS_NEAR_POOR));
  EXPECT_NE(Summary().by_class(0).poverty_class(), v1::POVERTY_CLASS_NOT_POOR);
}

}  // namespace
}  // namespace rasoat
