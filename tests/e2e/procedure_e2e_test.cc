// The procedure after approval against a real rasoatd (DOMAIN.md "The procedure the workflow
// follows"): a village of households approved, its meeting sending one back for re-survey, the
// posting with an objection sending one back to review, the chairman's recognition publishing
// the rest with both classes (national, and Bắc Ninh's local one) and their outcome against the
// round before; and a version pushed after recognition leaving the published row alone until
// it is recognised in turn.
#include <map>
#include <string>
#include <vector>

#include <gmock/gmock.h>
#include <grpcpp/client_context.h>
#include <gtest/gtest.h>

#include "tests/e2e/procedure_client.h"
#include "tests/e2e/sync_client.h"
#include "tests/e2e/sync_e2e_fixture.h"
#include "tests/support/households.h"
#include "tests/support/status_matchers.h"

namespace rasoat::testing {
namespace {

using ::testing::HasSubstr;

class ProcedureE2eTest : public SyncE2eTest {
 protected:
  void SetUp() override {
    StartServer({"--rounds=2025,2026", "--previous_rounds=2026:2025"});
    review_ = server_->NewReviewStub();
    admin_ = server_->NewAdminStub();
  }

  // Pushes `record` as version `base` + 1 of `household_id` in `round`.
  void PushVersion(const std::string& round, const std::string& household_id, uint64_t base,
                   v1::Household record) {
    v1::Mutation mutation = MakeMutation(
        household_id, absl::StrCat(round, "-", household_id, "-", base), base, std::move(record));
    mutation.mutable_key()->set_round_id(round);
    absl::StatusOr<v1::PushResponse> pushed = Push(stub_.get(), "tab-1", {mutation});
    ASSERT_OK(pushed.status());
    ASSERT_EQ(pushed->results(0).outcome(), v1::MUTATION_OUTCOME_APPLIED)
        << pushed->ShortDebugString();
  }

  std::map<std::string, v1::PublishedHousehold> Published() {
    v1::GetPublishStatusRequest wait;
    wait.set_wait_drained_seconds(120);
    v1::GetPublishStatusResponse status;
    grpc::ClientContext waited;
    EXPECT_TRUE(admin_->GetPublishStatus(&waited, wait, &status).ok());
    EXPECT_EQ(status.backlog(), 0u) << status.last_error();
    v1::ListPublishedRequest request;
    request.set_round_id("2026");
    request.set_commune_code("00001");
    v1::ListPublishedResponse response;
    grpc::ClientContext context;
    EXPECT_TRUE(admin_->ListPublished(&context, request, &response).ok());
    std::map<std::string, v1::PublishedHousehold> rows;
    for (const v1::PublishedHousehold& row : response.households()) rows[row.household_id()] = row;
    return rows;
  }

  v1::HouseholdState Pulled(const std::string& household_id) {
    absl::StatusOr<PullResult> pulled = PullAll(stub_.get(), "2026", {CommuneScope("00001")});
    EXPECT_OK(pulled.status());
    if (pulled.ok()) {
      for (const v1::HouseholdState& state : pulled->households) {
        if (state.key().household_id() == household_id) return state;
      }
    }
    ADD_FAILURE() << household_id << " not pulled";
    return v1::HouseholdState();
  }

  std::unique_ptr<v1::ReviewService::Stub> review_;
  std::unique_ptr<v1::AdminService::Stub> admin_;
};

TEST_F(ProcedureE2eTest, AVillageGoesFromApprovalThroughMeetingAndPostingToRecognition) {
  // Round 2025: "escaped" was recognised poor.
  ASSERT_NO_FATAL_FAILURE(
      PushVersion("2025", "escaped", 0, ThreeDeprivationHousehold("24", 1'000'000)));
  ASSERT_OK(TakeThroughProcedure(review_.get(), "thon-1", {{"escaped", 1}}, "2025"));

  // Round 2026, a Bắc Ninh village: "escaped" now earns 3,000,000 a person; "bac-ninh" is not
  // poor nationally and poor by the province's standard; "resurvey" and "objected" will be sent
  // back; "poor" is poor by both.
  ASSERT_NO_FATAL_FAILURE(
      PushVersion("2026", "escaped", 0, ThreeDeprivationHousehold("24", 3'000'000)));
  ASSERT_NO_FATAL_FAILURE(
      PushVersion("2026", "bac-ninh", 0, ThreeDeprivationHousehold("24", 1'700'000)));
  ASSERT_NO_FATAL_FAILURE(
      PushVersion("2026", "resurvey", 0, ThreeDeprivationHousehold("24", 1'200'000)));
  ASSERT_NO_FATAL_FAILURE(
      PushVersion("2026", "objected", 0, ThreeDeprivationHousehold("24", 1'300'000)));
  ASSERT_NO_FATAL_FAILURE(
      PushVersion("2026", "poor", 0, ThreeDeprivationHousehold("24", 1'400'000)));
  const std::vector<HouseholdAt> village = {
      {"escaped", 1}, {"bac-ninh", 1}, {"resurvey", 1}, {"objected", 1}, {"poor", 1}};
  ASSERT_OK(ApproveAll(review_.get(), village));
  EXPECT_EQ(Pulled("poor").procedure_step(), v1::PROCEDURE_STEP_AWAITING_MEETING);

  // Posting before the meeting is refused, naming the households, and changes nothing.
  EXPECT_THAT(PostAll(review_.get(), village),
              StatusIs(absl::StatusCode::kFailedPrecondition,
                       HasSubstr("poor has not been agreed by its village meeting")));

  // The meeting: 30 attendees, "resurvey" agreed by 14 only (under half).
  ASSERT_OK(HoldMeeting(review_.get(), "thon-1", village, {30, 30, 14, 30, 30}));
  const v1::HouseholdState resurvey = Pulled("resurvey");
  EXPECT_EQ(resurvey.status(), v1::REVIEW_STATUS_RETURNED);
  EXPECT_EQ(resurvey.procedure_step(), v1::PROCEDURE_STEP_UNSPECIFIED);
  EXPECT_THAT(resurvey.reviewer_comment(), HasSubstr("rà soát lại"));
  EXPECT_EQ(Pulled("poor").procedure_step(), v1::PROCEDURE_STEP_AGREED_AT_MEETING);

  // The posting of the four agreed, then an objection against "objected" on its last day.
  const std::vector<HouseholdAt> agreed = {
      {"escaped", 1}, {"bac-ninh", 1}, {"objected", 1}, {"poor", 1}};
  ASSERT_OK(PostAll(review_.get(), agreed));
  v1::RecordObjectionRequest objection;
  objection.mutable_key()->set_round_id("2026");
  objection.mutable_key()->set_household_id("objected");
  objection.set_version(1);
  objection.set_objector("Trưởng thôn");
  objection.set_objection("Hộ có thêm thu nhập từ cho thuê đất");
  *objection.mutable_received_on() = Day(2026, 10, 7);
  v1::RecordObjectionResponse objected;
  grpc::ClientContext objection_context;
  ASSERT_OK(FromGrpc(review_->RecordObjection(&objection_context, objection, &objected)));
  EXPECT_EQ(Pulled("objected").status(), v1::REVIEW_STATUS_READY_FOR_REVIEW);
  EXPECT_EQ(Pulled("objected").reviewer_comment(), "Hộ có thêm thu nhập từ cho thuê đất");

  // Recognising a household with an objection, or one still posted on the decision's day, is
  // refused and changes nothing.
  EXPECT_THAT(RecogniseAll(review_.get(), agreed),
              StatusIs(absl::StatusCode::kFailedPrecondition,
                       HasSubstr("objected is not on a public posting")));
  EXPECT_TRUE(Published().empty());

  // The chairman's recognition of the other three publishes them.
  const std::vector<HouseholdAt> recognised = {{"escaped", 1}, {"bac-ninh", 1}, {"poor", 1}};
  ASSERT_OK(RecogniseAll(review_.get(), recognised, "45/QĐ-UBND"));
  EXPECT_EQ(Pulled("poor").procedure_step(), v1::PROCEDURE_STEP_RECOGNISED);
  std::map<std::string, v1::PublishedHousehold> rows = Published();
  ASSERT_EQ(rows.size(), 3u);
  const v1::PublishedHousehold& escaped = rows.at("escaped");
  EXPECT_EQ(escaped.approved_version(), 1u);
  EXPECT_EQ(escaped.poverty_class(), v1::POVERTY_CLASS_NOT_POOR);
  EXPECT_EQ(escaped.outcome(), v1::HOUSEHOLD_OUTCOME_ESCAPED_POOR);
  EXPECT_EQ(escaped.escaped_on().ShortDebugString(), Day(2026, 10, 9).ShortDebugString());
  const v1::PublishedHousehold& bac_ninh = rows.at("bac-ninh");
  EXPECT_EQ(bac_ninh.poverty_class(), v1::POVERTY_CLASS_NOT_POOR);
  EXPECT_EQ(bac_ninh.local_poverty_class(), v1::POVERTY_CLASS_POOR);
  EXPECT_EQ(bac_ninh.local_standard_name(), "bac-ninh-2025");
  EXPECT_EQ(bac_ninh.outcome(), v1::HOUSEHOLD_OUTCOME_FIRST_REVIEWED);
  EXPECT_EQ(bac_ninh.recognition_decision(), "45/QĐ-UBND");
  EXPECT_EQ(bac_ninh.recognised_on().ShortDebugString(), Day(2026, 10, 9).ShortDebugString());
  const v1::PublishedHousehold& poor = rows.at("poor");
  EXPECT_EQ(poor.poverty_class(), v1::POVERTY_CLASS_POOR);
  EXPECT_EQ(poor.local_poverty_class(), v1::POVERTY_CLASS_POOR);

  // A version pushed after recognition goes back to review; the recognised one stays
  // published until the new one is recognised in turn.
  ASSERT_NO_FATAL_FAILURE(
      PushVersion("2026", "bac-ninh", 1, ThreeDeprivationHousehold("24", 1'100'000)));
  const v1::HouseholdState again = Pulled("bac-ninh");
  EXPECT_EQ(again.status(), v1::REVIEW_STATUS_READY_FOR_REVIEW);
  EXPECT_EQ(again.procedure_step(), v1::PROCEDURE_STEP_UNSPECIFIED);
  rows = Published();
  EXPECT_EQ(rows.at("bac-ninh").approved_version(), 1u);
  EXPECT_EQ(rows.at("bac-ninh").poverty_class(), v1::POVERTY_CLASS_NOT_POOR);
  ASSERT_OK(TakeThroughProcedure(review_.get(), "thon-1", {{"bac-ninh", 2}}));
  rows = Published();
  EXPECT_EQ(rows.at("bac-ninh").approved_version(), 2u);
  EXPECT_EQ(rows.at("bac-ninh").poverty_class(), v1::POVERTY_CLASS_POOR);
}

}  // namespace
}  // namespace rasoat::testing
