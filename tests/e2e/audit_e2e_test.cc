// The audit log through AdminService against a real rasoatd: a tablet's push and a reviewer's
// approval (and its delivery to the program store) leave entries naming who did what to which
// household, the head is the last of them, the chain verifies, a household's listing finds the
// push (by its changes) and the approval, a user's listing only what they did, and pages of one
// return every entry once. A head
// exported earlier still verifies after more changes; a head past the end does not, and says
// so in an answer, not a failed call.
#include <memory>
#include <regex>
#include <string>
#include <utility>
#include <vector>

#include <gmock/gmock.h>
#include <grpcpp/grpcpp.h>
#include <gtest/gtest.h>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/str_cat.h"
#include "rasoat/v1/admin.grpc.pb.h"
#include "rasoat/v1/review.grpc.pb.h"
#include "tests/e2e/sync_client.h"
#include "tests/e2e/sync_e2e_fixture.h"
#include "tests/support/households.h"
#include "tests/support/status_matchers.h"

namespace rasoat::testing {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;

class AuditE2eTest : public SyncE2eTest {
 protected:
  void SetUp() override {
    SyncE2eTest::SetUp();
    ASSERT_NE(server_, nullptr);
    admin_ = server_->NewAdminStub();
    // A collaborator of 00001/thon-1 with an enrolled tablet, and a reviewer of 00001.
    ASSERT_OK(
        server_->MakeUserToken("ctv.hoa", v1::ROLE_COLLABORATOR, {VillageScope("00001", "thon-1")})
            .status());
    v1::EnrollDeviceRequest enroll;
    enroll.set_login("ctv.hoa");
    enroll.set_device_id("tab-hoa");
    v1::EnrollDeviceResponse enrolled;
    grpc::ClientContext context;
    ASSERT_TRUE(admin_->EnrollDevice(&context, enroll, &enrolled).ok());
    tablet_ = v1::SyncService::NewStub(server_->NewChannel({}, enrolled.token()));
    ASSERT_OK_AND_ASSIGN(
        const std::string reviewer_token,
        server_->MakeUserToken("canbo.lan", v1::ROLE_REVIEWER, {CommuneScope("00001")}));
    reviewer_ = v1::ReviewService::NewStub(server_->NewChannel({}, reviewer_token));
  }

  // The tablet pushes `household_id` at `base_version`; OK once applied.
  absl::Status TabletPush(const std::string& household_id, const std::string& mutation_id,
                          uint64_t base_version, uint64_t seed) {
    absl::StatusOr<v1::PushResponse> pushed =
        Push(tablet_.get(), "tab-hoa",
             {MakeMutation(household_id, mutation_id, base_version, MakeHousehold(seed))});
    if (!pushed.ok()) return pushed.status();
    if (pushed->results(0).outcome() != v1::MUTATION_OUTCOME_APPLIED) {
      return absl::InternalError(pushed->results(0).ShortDebugString());
    }
    return absl::OkStatus();
  }

  // The reviewer approves `version` of `household_id` (which publishes nothing: recognition
  // does), so the log then stays as it is until the test changes something.
  absl::Status Approve(const std::string& household_id, uint64_t version) {
    v1::ApproveRequest request;
    request.mutable_key()->set_round_id("2026");
    request.mutable_key()->set_household_id(household_id);
    request.set_version(version);
    v1::ApproveResponse response;
    grpc::ClientContext approve;
    return FromGrpc(reviewer_->Approve(&approve, request, &response));
  }

  absl::StatusOr<v1::AuditLogHead> Head() {
    v1::AuditHeadResponse response;
    grpc::ClientContext context;
    const grpc::Status status = admin_->AuditHead(&context, v1::AuditHeadRequest(), &response);
    if (!status.ok()) return FromGrpc(status);
    return response.head();
  }

  absl::StatusOr<v1::VerifyAuditResponse> Verify(const std::string& expect_head = "") {
    v1::VerifyAuditRequest request;
    request.set_expect_head(expect_head);
    v1::VerifyAuditResponse response;
    grpc::ClientContext context;
    const grpc::Status status = admin_->VerifyAudit(&context, request, &response);
    if (!status.ok()) return FromGrpc(status);
    return response;
  }

  absl::StatusOr<v1::ListAuditResponse> List(const v1::ListAuditRequest& request) {
    v1::ListAuditResponse response;
    grpc::ClientContext context;
    const grpc::Status status = admin_->ListAudit(&context, request, &response);
    if (!status.ok()) return FromGrpc(status);
    return response;
  }

  std::unique_ptr<v1::AdminService::Stub> admin_;
  std::unique_ptr<v1::SyncService::Stub> tablet_;
  std::unique_ptr<v1::ReviewService::Stub> reviewer_;
};

TEST_F(AuditE2eTest, APushAndAnApprovalAreInTheVerifiedLogByHouseholdAndByActor) {
  ASSERT_OK(TabletPush("h1", "hoa-1", 0, 1));
  ASSERT_OK(Approve("h1", 1));

  // The head is the last entry, just made: the approval.
  ASSERT_OK_AND_ASSIGN(const v1::AuditLogHead head, Head());
  EXPECT_TRUE(std::regex_match(head.text(), std::regex("[1-9][0-9]*:[0-9a-f]{64}"))) << head.text();
  EXPECT_EQ(head.text(), absl::StrCat(head.seq(), ":", head.hash_hex()));
  ASSERT_OK_AND_ASSIGN(const v1::VerifyAuditResponse verified, Verify());
  EXPECT_TRUE(verified.intact()) << verified.problem();
  EXPECT_EQ(verified.entries_checked(), head.seq());
  EXPECT_EQ(verified.first_seq(), 1u);
  EXPECT_EQ(verified.last_seq(), head.seq());
  EXPECT_EQ(verified.head().text(), head.text());

  // The household's entries: the tablet's push (which names it among its changes) and the
  // approval (whose target it is), oldest first.
  v1::ListAuditRequest household;
  household.set_round_id("2026");
  household.set_household_id("h1");
  ASSERT_OK_AND_ASSIGN(const v1::ListAuditResponse h1, List(household));
  ASSERT_EQ(h1.entries_size(), 2);
  EXPECT_EQ(h1.next_page_seq(), 0u);
  const v1::AuditEntry& push = h1.entries(0);
  EXPECT_EQ(push.action(), v1::AUDIT_ACTION_PUSH);
  EXPECT_EQ(push.actor().login(), "ctv.hoa");
  EXPECT_EQ(push.actor().device_id(), "tab-hoa");
  ASSERT_EQ(push.changes_size(), 1);
  EXPECT_EQ(push.changes(0).household().household_id(), "h1");
  EXPECT_EQ(push.changes(0).action(), v1::AUDIT_ACTION_PUSH_APPLIED);
  EXPECT_EQ(push.changes(0).version(), 1u);
  EXPECT_EQ(push.changes(0).digest().size(), 32u);
  const v1::AuditEntry& approval = h1.entries(1);
  EXPECT_EQ(approval.action(), v1::AUDIT_ACTION_APPROVED);
  EXPECT_EQ(approval.actor().login(), "canbo.lan");
  EXPECT_EQ(approval.household().household_id(), "h1");
  EXPECT_THAT(approval.versions(), ElementsAre(1u));
  EXPECT_EQ(approval.hash().size(), 32u);
  EXPECT_LT(push.seq(), approval.seq());
  EXPECT_EQ(approval.seq(), head.seq());

  // By actor: each user's own entries only.
  for (const auto& [login, seq] :
       {std::pair{"ctv.hoa", push.seq()}, std::pair{"canbo.lan", approval.seq()}}) {
    v1::ListAuditRequest actor;
    actor.set_actor_login(login);
    ASSERT_OK_AND_ASSIGN(const v1::ListAuditResponse own, List(actor));
    ASSERT_EQ(own.entries_size(), 1) << login;
    EXPECT_EQ(own.entries(0).seq(), seq) << login;
  }
  v1::ListAuditRequest admin;
  admin.set_actor_login("admin");
  ASSERT_OK_AND_ASSIGN(const v1::ListAuditResponse by_admin, List(admin));
  EXPECT_GT(by_admin.entries_size(), 0);  // the users, the tablet and the tokens it made
  for (const v1::AuditEntry& entry : by_admin.entries()) {
    EXPECT_EQ(entry.actor().login(), "admin") << entry.ShortDebugString();
  }

  // Pages of one: every entry once, in order, and nothing after the last.
  v1::ListAuditRequest paged;
  paged.set_page_size(1);
  std::vector<uint64_t> seen;
  for (uint64_t calls = 0; calls <= head.seq(); ++calls) {
    ASSERT_OK_AND_ASSIGN(const v1::ListAuditResponse page, List(paged));
    ASSERT_LE(page.entries_size(), 1);
    for (const v1::AuditEntry& entry : page.entries()) seen.push_back(entry.seq());
    if (page.next_page_seq() == 0) break;
    paged.set_after_seq(page.next_page_seq());
  }
  std::vector<uint64_t> every;
  for (uint64_t seq = 1; seq <= head.seq(); ++seq) every.push_back(seq);
  EXPECT_EQ(seen, every);
}

TEST_F(AuditE2eTest, AnExportedHeadVerifiesAfterMoreChangesAndOnePastTheEndDoesNot) {
  ASSERT_OK(TabletPush("h1", "hoa-1", 0, 1));
  ASSERT_OK_AND_ASSIGN(const v1::AuditLogHead exported, Head());

  ASSERT_OK(TabletPush("h2", "hoa-2", 0, 2));
  ASSERT_OK(Approve("h1", 1));
  ASSERT_OK(TabletPush("h2", "hoa-3", 1, 3));
  ASSERT_OK_AND_ASSIGN(const v1::VerifyAuditResponse later, Verify(exported.text()));
  EXPECT_TRUE(later.intact()) << later.problem();
  EXPECT_TRUE(later.expect_head_found());
  EXPECT_EQ(later.last_seq(), exported.seq() + 3);
  EXPECT_THAT(later.problem(), IsEmpty());

  // A head this log never reached: it was cut short, as far as the verifier can tell.
  const std::string made_up = absl::StrCat(later.last_seq() + 5, ":", std::string(64, 'a'));
  ASSERT_OK_AND_ASSIGN(const v1::VerifyAuditResponse cut, Verify(made_up));
  EXPECT_FALSE(cut.intact());
  EXPECT_THAT(cut.problem(), HasSubstr(absl::StrCat("audit log ends at entry ", later.last_seq())));
  EXPECT_THAT(cut.problem(), HasSubstr(made_up));

  // A head at an entry the log holds, with another hash: rewritten.
  const std::string rewritten = absl::StrCat(exported.seq(), ":", std::string(64, 'b'));
  ASSERT_OK_AND_ASSIGN(const v1::VerifyAuditResponse other, Verify(rewritten));
  EXPECT_FALSE(other.intact());
  EXPECT_THAT(other.problem(), HasSubstr(absl::StrCat("audit entry ", exported.seq())));

  EXPECT_THAT(Verify("not a head"),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("expect_head")));
}

}  // namespace
}  // namespace rasoat::testing
