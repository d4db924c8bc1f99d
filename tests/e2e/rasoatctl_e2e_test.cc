// rasoatctl against a real rasoatd: the reviewer's commands run as a subprocess, their --json
// output parsed back into the wire messages, their exit codes and their error lines, while a
// tablet pushes and pulls over the sync stub.
#include <map>
#include <set>

#include <gmock/gmock.h>
#include <google/protobuf/util/message_differencer.h>
#include <gtest/gtest.h>

#include "absl/strings/str_cat.h"
#include "rasoat/v1/review.pb.h"
#include "tests/e2e/program_run.h"
#include "tests/e2e/rasoatctl_fixture.h"
#include "tests/e2e/sync_client.h"
#include "tests/e2e/sync_e2e_fixture.h"
#include "tests/support/households.h"
#include "tests/support/status_matchers.h"

namespace rasoat::testing {
namespace {

using ::google::protobuf::util::MessageDifferencer;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::SizeIs;
using ::testing::StartsWith;

TEST_F(RasoatctlE2eTest, PushedHouseholdIsQueuedReadyAndShownWithItsClassification) {
  const v1::Household record = MakeHousehold(1, kCommune, kVillage);
  ASSERT_OK(PushApplied("h1", "m1", 0, record, 1));

  ASSERT_OK_AND_ASSIGN(v1::ListQueueResponse queue,
                       CtlJson<v1::ListQueueResponse>({"queue", kCommune}));
  ASSERT_THAT(queue.entries(), SizeIs(1));
  const v1::QueueEntry& entry = queue.entries(0);
  EXPECT_EQ(entry.key().household_id(), "h1");
  EXPECT_EQ(entry.village_code(), kVillage);
  EXPECT_EQ(entry.version(), 1u);
  EXPECT_EQ(entry.head_name(), record.members(0).full_name());
  const absl::StatusOr<ShowOutput> show = Show("h1");
  EXPECT_EQ(entry.status(), v1::REVIEW_STATUS_READY_FOR_REVIEW)
      << "MakeHousehold(1) is not a valid record:" << IssuesOf(show);

  ASSERT_OK(show);
  const v1::GetHouseholdResponse& household = show->household;
  EXPECT_EQ(household.state().key().household_id(), "h1");
  EXPECT_EQ(household.state().version(), 1u);
  EXPECT_EQ(household.state().status(), v1::REVIEW_STATUS_READY_FOR_REVIEW);
  EXPECT_TRUE(MessageDifferencer::Equals(household.state().record(), record));
  EXPECT_THAT(household.validation_issues(), IsEmpty());
  const v1::Classification& classification = household.classification();
  EXPECT_NE(classification.poverty_class(), v1::POVERTY_CLASS_UNSPECIFIED);
  EXPECT_EQ(classification.poverty_class(), entry.poverty_class());
  EXPECT_EQ(classification.standard_name(), "decree-07-2021");
  EXPECT_THAT(classification.indicators(), SizeIs(12));
  EXPECT_FALSE(classification.explanation().empty());
  EXPECT_EQ(household.approved_version(), 0u);
  ASSERT_THAT(household.history(), SizeIs(1));
  EXPECT_EQ(household.history(0).kind(), v1::HistoryEntry::KIND_PUSH);
  // One version: nothing to compare it with.
  EXPECT_FALSE(show->diff.has_value());

  // The text form names the household and its people, never their national ids.
  const ProgramResult text = Ctl({"show", "h1"});
  ASSERT_EQ(text.exit_code, 0) << text;
  EXPECT_THAT(text.out, HasSubstr(record.members(0).full_name()));
  EXPECT_THAT(text.out, HasSubstr(classification.explanation()));
  for (const v1::Member& member : record.members()) {
    EXPECT_THAT(text.out, ::testing::Not(HasSubstr(member.national_id())));
  }
}

TEST_F(RasoatctlE2eTest, ApproveNamesTheVersionTheReviewerLookedAt) {
  v1::Household record = MakeHousehold(1, kCommune, kVillage);
  ASSERT_OK(PushApplied("h1", "m1", 0, record, 1));
  record.set_collaborator_note("Đã gặp chủ hộ");
  ASSERT_OK(PushApplied("h1", "m2", 1, record, 2));
  record.mutable_housing()->set_floor_area_m2(64);
  ASSERT_OK(PushApplied("h1", "m3", 2, record, 3));

  const ProgramResult stale = Ctl({"approve", "h1", "2"});
  EXPECT_EQ(stale.exit_code, 1) << stale;
  EXPECT_THAT(stale.err, StartsWith("rasoatctl: FAILED_PRECONDITION: ")) << stale;
  EXPECT_THAT(stale.out, IsEmpty());

  const ProgramResult approved = Ctl({"approve", "h1", "3"});
  ASSERT_EQ(approved.exit_code, 0) << approved;
  EXPECT_EQ(approved.out, "approved h1 at version 3\n");
  // Approving the approved version again is a retry, not an error.
  const ProgramResult again = Ctl({"approve", "h1", "3"});
  EXPECT_EQ(again.exit_code, 0) << again;

  ASSERT_OK_AND_ASSIGN(ShowOutput show, Show("h1"));
  EXPECT_EQ(show.household.state().status(), v1::REVIEW_STATUS_APPROVED);
  EXPECT_EQ(show.household.approved_version(), 3u);
  EXPECT_EQ(show.household.approved_by(), kReviewer);
  // Without --diff, show compares the current version with its parent.
  ASSERT_TRUE(show.diff.has_value());
  ASSERT_THAT(show.diff->changes(), SizeIs(1));
  EXPECT_EQ(show.diff->changes(0).path(), "housing.floor_area_m2");
  EXPECT_EQ(show.diff->changes(0).to_value(), "64");

  ASSERT_OK_AND_ASSIGN(ShowOutput first_to_last, Show("h1", {"--diff=1:3"}));
  ASSERT_TRUE(first_to_last.diff.has_value());
  std::set<std::string> paths;
  for (const v1::FieldChange& change : first_to_last.diff->changes()) paths.insert(change.path());
  EXPECT_EQ(paths, (std::set<std::string>{"collaborator_note", "housing.floor_area_m2"}));

  ASSERT_OK_AND_ASSIGN(v1::ListQueueResponse queue,
                       CtlJson<v1::ListQueueResponse>({"queue", kCommune, "--status=approved"}));
  ASSERT_THAT(queue.entries(), SizeIs(1));
  EXPECT_EQ(queue.entries(0).version(), 3u);
}

TEST_F(RasoatctlE2eTest, ReturnedHouseholdReachesTheTabletAndItsFixIsQueued) {
  const std::string comment = "thiếu số CCCD của chủ hộ";
  v1::Household record = MakeHousehold(2, kCommune, kVillage);
  ASSERT_OK(PushApplied("g1", "g-m1", 0, record, 1));

  const ProgramResult returned = Ctl({"return", "g1", "1", comment});
  ASSERT_EQ(returned.exit_code, 0) << returned;
  EXPECT_THAT(returned.out, StartsWith("returned g1 at version 1"));

  ASSERT_OK_AND_ASSIGN(PullResult pull,
                       PullAll(stub_.get(), "2026", {VillageScope(kCommune, kVillage)}));
  ASSERT_THAT(pull.households, SizeIs(1));
  EXPECT_EQ(pull.households[0].key().household_id(), "g1");
  EXPECT_EQ(pull.households[0].status(), v1::REVIEW_STATUS_RETURNED);
  EXPECT_EQ(pull.households[0].reviewer_comment(), comment);

  ASSERT_OK_AND_ASSIGN(v1::ListQueueResponse returned_queue,
                       CtlJson<v1::ListQueueResponse>({"queue", kCommune, "--status=returned"}));
  ASSERT_THAT(returned_queue.entries(), SizeIs(1));
  EXPECT_EQ(returned_queue.entries(0).key().household_id(), "g1");

  // The collaborator fixes the record and pushes from the version that was returned.
  record.mutable_members(0)->set_national_id("027080009999");
  ASSERT_OK(PushApplied("g1", "g-m2", 1, record, 2));
  ASSERT_OK_AND_ASSIGN(v1::ListQueueResponse queue,
                       CtlJson<v1::ListQueueResponse>({"queue", kCommune}));
  const v1::QueueEntry* entry = Find(queue, "g1");
  ASSERT_NE(entry, nullptr);
  EXPECT_EQ(entry->status(), v1::REVIEW_STATUS_READY_FOR_REVIEW);
  EXPECT_EQ(entry->version(), 2u);
}

TEST_F(RasoatctlE2eTest, SummaryCountsByStatusClassAndIndicator) {
  // Under decree-07-2021, rural: poor at or under 1,500,000 a person a month with at least 3
  // deprivations, near-poor with fewer; above the line not poor.
  struct Case {
    const char* id;
    const char* village;
    int64_t monthly;
    bool deprived;
  };
  const Case cases[] = {
      {"s1", "thon-1", 1'000'000, true},  {"s2", "thon-1", 1'200'000, true},
      {"s3", "thon-1", 1'500'000, true},  {"s4", "thon-1", 1'200'000, false},
      {"s5", "thon-1", 4'000'000, false}, {"s6", "thon-2", 6'000'000, true},
  };
  for (const Case& c : cases) {
    ASSERT_OK(PushApplied(c.id, absl::StrCat(c.id, "-m1"), 0,
                          KnownHousehold(c.village, c.monthly, c.deprived), 1));
  }
  const ProgramResult approved = Ctl({"approve", "s5", "1"});
  ASSERT_EQ(approved.exit_code, 0) << approved;
  const ProgramResult returned = Ctl({"return", "s1", "1", "kiểm", "tra", "lại", "thu", "nhập"});
  ASSERT_EQ(returned.exit_code, 0) << returned;

  ASSERT_OK_AND_ASSIGN(v1::CommuneSummaryResponse summary,
                       CtlJson<v1::CommuneSummaryResponse>({"summary", kCommune}));
  EXPECT_EQ(summary.households(), 6u);
  EXPECT_EQ(summary.standard_name(), "decree-07-2021");
  std::map<v1::ReviewStatus, uint32_t> by_status;
  for (const auto& count : summary.by_status()) by_status[count.status()] = count.households();
  EXPECT_EQ(by_status,
            (std::map<v1::ReviewStatus, uint32_t>{{v1::REVIEW_STATUS_READY_FOR_REVIEW, 4},
                                                  {v1::REVIEW_STATUS_RETURNED, 1},
                                                  {v1::REVIEW_STATUS_APPROVED, 1}}));
  std::map<v1::PovertyClass, uint32_t> by_class;
  for (const auto& count : summary.by_class()) by_class[count.poverty_class()] = count.households();
  EXPECT_EQ(by_class, (std::map<v1::PovertyClass, uint32_t>{{v1::POVERTY_CLASS_POOR, 3},
                                                            {v1::POVERTY_CLASS_NEAR_POOR, 1},
                                                            {v1::POVERTY_CLASS_NOT_POOR, 2}}));
  // Deprived households count whatever their income: s1, s2, s3 and s6.
  const std::set<v1::Indicator> deprived = {v1::INDICATOR_HOUSING_QUALITY, v1::INDICATOR_WATER,
                                            v1::INDICATOR_LATRINE,
                                            v1::INDICATOR_INFORMATION_DEVICES};
  EXPECT_THAT(summary.deprivations(), SizeIs(12));
  for (const auto& count : summary.deprivations()) {
    EXPECT_EQ(count.deprived_households(), deprived.contains(count.indicator()) ? 4u : 0u)
        << count.name();
    EXPECT_FALSE(count.name().empty());
  }

  ASSERT_OK_AND_ASSIGN(
      v1::CommuneSummaryResponse village,
      CtlJson<v1::CommuneSummaryResponse>({"summary", kCommune, "--village=thon-2"}));
  EXPECT_EQ(village.households(), 1u);

  const ProgramResult text = Ctl({"summary", kCommune});
  ASSERT_EQ(text.exit_code, 0) << text;
  EXPECT_THAT(text.out, HasSubstr("households: 6\n"));
  EXPECT_THAT(text.out, HasSubstr("việc làm"));
}

// The code-point column where `needle` starts in `line`.

}  // namespace
}  // namespace rasoat::testing
