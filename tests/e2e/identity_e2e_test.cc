// Identity against a real rasoatd, as an operator and a tablet meet it: the admin's token from
// the first start, a collaborator and a tablet enrolled with rasoatctl, the tablet confined to
// its villages and its own device id, a revoked tablet refused on its next call, and the issue's
// attacks (anonymous pulls, approvals as "anyone", pushes as another tablet) refused.
#include <algorithm>
#include <fstream>
#include <string>
#include <vector>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "absl/strings/str_cat.h"
#include "absl/strings/strip.h"
#include "rasoat/v1/review.grpc.pb.h"
#include "tests/e2e/program_run.h"
#include "tests/e2e/sync_client.h"
#include "tests/e2e/sync_e2e_fixture.h"
#include "tests/support/households.h"
#include "tests/support/status_matchers.h"

namespace rasoat::testing {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::Not;
using ::testing::StartsWith;

class IdentityE2eTest : public SyncE2eTest {
 protected:
  // rasoatctl ARGS with the admin's token file.
  ProgramResult AdminCtl(std::vector<std::string> args) {
    args.insert(args.begin(), {RASOATCTL_PATH, absl::StrCat("--server=", server_->address()),
                               absl::StrCat("--token_file=", dir_.Sub("data"), "/admin.token")});
    return RunProgram(args);
  }

  // A SyncService stub presenting `token`.
  std::unique_ptr<v1::SyncService::Stub> SyncAs(const std::string& token) {
    return v1::SyncService::NewStub(server_->NewChannel({}, token));
  }

  // Enrols tablet `device` of a new collaborator `login` of village thon-1 of commune 00001
  // with rasoatctl; returns the token it printed.
  std::string EnrollTablet(const std::string& login, const std::string& device) {
    const ProgramResult user = AdminCtl({"user", "add", login, "collaborator", "00001/thon-1"});
    EXPECT_EQ(user.exit_code, 0) << user;
    const ProgramResult enrolled = AdminCtl({"device", "enroll", login, device});
    EXPECT_EQ(enrolled.exit_code, 0) << enrolled;
    EXPECT_THAT(enrolled.err, HasSubstr("shown only now"));
    return std::string(absl::StripTrailingAsciiWhitespace(enrolled.out));
  }
};

TEST_F(IdentityE2eTest, AnEnrolledTabletPushesAndPullsOnlyItsVillagesAndAsItself) {
  // Households of two villages, pushed by the admin's tools.
  ASSERT_OK(Push(stub_.get(), "loader",
                 {MakeMutation("h1", "l1", 0, MakeHousehold(1, "00001", "thon-1")),
                  MakeMutation("h2", "l2", 0, MakeHousehold(2, "00001", "thon-2"))}));
  const std::string token = EnrollTablet("ctv.hoa", "tab-hoa");
  ASSERT_THAT(token, StartsWith("rst1_"));
  std::unique_ptr<v1::SyncService::Stub> tablet = SyncAs(token);

  ASSERT_OK_AND_ASSIGN(PullResult mine, PullAll(tablet.get(), "2026", {}));
  ASSERT_EQ(mine.households.size(), 1u);
  EXPECT_EQ(mine.households[0].key().household_id(), "h1");
  EXPECT_THAT(PullAll(tablet.get(), "2026", {VillageScope("00001", "thon-2")}),
              StatusIs(absl::StatusCode::kPermissionDenied, HasSubstr("thon-2")));
  EXPECT_THAT(PullAll(tablet.get(), "2026", {CommuneScope("00001")}),
              StatusIs(absl::StatusCode::kPermissionDenied, HasSubstr("00001")));

  v1::Household edited = MakeHousehold(1, "00001", "thon-1");
  edited.set_collaborator_note("đã xác minh");
  ASSERT_OK_AND_ASSIGN(v1::PushResponse pushed,
                       Push(tablet.get(), "tab-hoa",
                            {MakeMutation("h1", "t1", 1, edited),
                             MakeMutation("h2", "t2", 1, MakeHousehold(2, "00001", "thon-2")),
                             MakeMutation("h3", "t3", 0, MakeHousehold(3, "00001", "thon-2")),
                             MakeMutation("h1", "t4", 2, MakeHousehold(1, "00001", "thon-2"))}));
  ASSERT_EQ(pushed.results_size(), 4);
  EXPECT_EQ(pushed.results(0).outcome(), v1::MUTATION_OUTCOME_APPLIED);
  for (int i : {1, 2, 3}) {  // another village's household; a new one there; moving one there
    EXPECT_EQ(pushed.results(i).outcome(), v1::MUTATION_OUTCOME_REJECTED) << i;
    EXPECT_EQ(pushed.results(i).rejection().code(), grpc::StatusCode::PERMISSION_DENIED) << i;
  }

  // The attack: pushing as another tablet, to burn its next mutation id.
  EXPECT_THAT(Push(tablet.get(), "tab-other",
                   {MakeMutation("h1", "tab-other-1", 2, MakeHousehold(1, "00001", "thon-1"))}),
              StatusIs(absl::StatusCode::kPermissionDenied, HasSubstr("another tablet")));

  // Who did it is the token's, whatever the request says.
  std::unique_ptr<v1::ReviewService::Stub> review = server_->NewReviewStub();
  v1::GetHouseholdRequest get;
  get.mutable_key()->set_round_id("2026");
  get.mutable_key()->set_household_id("h1");
  v1::GetHouseholdResponse h1;
  grpc::ClientContext context;
  ASSERT_TRUE(review->GetHousehold(&context, get, &h1).ok());
  ASSERT_GE(h1.history_size(), 1);
  EXPECT_EQ(h1.history(0).author(), "ctv.hoa");
  EXPECT_EQ(h1.history(0).device_id(), "tab-hoa");

  // A lost tablet: revoked, its next call is refused.
  const ProgramResult revoked = AdminCtl({"device", "revoke", "tab-hoa"});
  ASSERT_EQ(revoked.exit_code, 0) << revoked;
  EXPECT_THAT(PullAll(tablet.get(), "2026", {}),
              StatusIs(absl::StatusCode::kUnauthenticated, HasSubstr("revoked")));
  const ProgramResult listed = AdminCtl({"device", "list"});
  EXPECT_THAT(listed.out, HasSubstr("tab-hoa"));
  EXPECT_THAT(listed.out, Not(HasSubstr(token)));  // a token is shown once, when made
}

TEST_F(IdentityE2eTest, WithoutATokenNothingButHealthAnswers) {
  std::unique_ptr<v1::SyncService::Stub> anonymous = SyncAs("");
  EXPECT_THAT(PullAll(anonymous.get(), "2026", {CommuneScope("00001")}),
              StatusIs(absl::StatusCode::kUnauthenticated, HasSubstr("Bearer")));
  EXPECT_THAT(Push(anonymous.get(), "tab-1", {MakeMutation("h1", "m1", 0, MakeHousehold(1))}),
              StatusIs(absl::StatusCode::kUnauthenticated, ::testing::_));
  EXPECT_EQ(server_->HealthStatus(), 1);
  // Nothing of the anonymous push was stored.
  ASSERT_OK_AND_ASSIGN(PullResult all, PullAll(stub_.get(), "2026", {CommuneScope("00001")}));
  EXPECT_THAT(all.households, IsEmpty());
}

TEST_F(IdentityE2eTest, RasoatctlManagesUsersAndRefusesAReviewerOutsideTheirCommune) {
  ProgramResult added = AdminCtl({"user", "add", "canbo.lan", "reviewer", "00002"});
  ASSERT_EQ(added.exit_code, 0) << added;
  ASSERT_OK(Push(stub_.get(), "loader", {MakeMutation("h1", "l1", 0, MakeHousehold(1))}));
  const ProgramResult token = AdminCtl({"token", "create", "canbo.lan", "console"});
  ASSERT_EQ(token.exit_code, 0) << token;
  const std::string path = dir_.Sub("lan.token");
  std::ofstream(path) << token.out;
  const ProgramResult refused =
      RunProgram({RASOATCTL_PATH, absl::StrCat("--server=", server_->address()),
                  absl::StrCat("--token_file=", path), "approve", "h1", "1"});
  EXPECT_EQ(refused.exit_code, 1) << refused;
  EXPECT_THAT(refused.err, StartsWith("rasoatctl: PERMISSION_DENIED: "));
  EXPECT_THAT(refused.err, HasSubstr("commune 00001"));

  ASSERT_EQ(AdminCtl({"user", "assign", "canbo.lan", "00001"}).exit_code, 0);
  const ProgramResult approved =
      RunProgram({RASOATCTL_PATH, absl::StrCat("--server=", server_->address()),
                  absl::StrCat("--token_file=", path), "--reviewer=kẻ lạ mặt (anonymous)",
                  "approve", "h1", "1"});
  EXPECT_EQ(approved.exit_code, 0) << approved;
  const ProgramResult users = AdminCtl({"user", "list"});
  EXPECT_THAT(users.out, HasSubstr("canbo.lan"));
  EXPECT_THAT(users.out, HasSubstr("00002,00001"));

  ASSERT_EQ(AdminCtl({"user", "disable", "canbo.lan"}).exit_code, 0);
  const ProgramResult disabled =
      RunProgram({RASOATCTL_PATH, absl::StrCat("--server=", server_->address()),
                  absl::StrCat("--token_file=", path), "whoami"});
  EXPECT_EQ(disabled.exit_code, 1) << disabled;
  EXPECT_THAT(disabled.err, StartsWith("rasoatctl: UNAUTHENTICATED: "));
}

// A village taken from a collaborator: their tablet's next pull drops its households, and the
// pull after that has nothing more to say about it.
TEST_F(IdentityE2eTest, AnUnassignedVillagesHouseholdsLeaveTheTabletOnItsNextPull) {
  ASSERT_OK(Push(stub_.get(), "loader",
                 {MakeMutation("h1", "l1", 0, MakeHousehold(1, "00001", "thon-1")),
                  MakeMutation("h2", "l2", 0, MakeHousehold(2, "00001", "thon-2")),
                  MakeMutation("h3", "l3", 0, MakeHousehold(3, "00001", "thon-2"))}));
  const std::string token = EnrollTablet("ctv.hoa", "tab-hoa");
  ASSERT_EQ(AdminCtl({"user", "assign", "ctv.hoa", "00001/thon-2"}).exit_code, 0);
  std::unique_ptr<v1::SyncService::Stub> tablet = SyncAs(token);
  ASSERT_OK_AND_ASSIGN(PullResult first, PullAll(tablet.get(), "2026", {}));
  EXPECT_EQ(first.households.size(), 3u);

  const ProgramResult unassigned = AdminCtl({"user", "unassign", "ctv.hoa", "00001/thon-2"});
  ASSERT_EQ(unassigned.exit_code, 0) << unassigned;
  ASSERT_OK_AND_ASSIGN(PullResult second,
                       PullAll(tablet.get(), "2026", {}, first.page_cursors.back(), 1));
  EXPECT_THAT(second.households, IsEmpty());
  std::vector<std::string> removed;
  for (const v1::HouseholdRemoval& removal : second.removals) {
    EXPECT_EQ(removal.reason(), v1::REMOVAL_REASON_SCOPE_REVOKED);
    removed.push_back(removal.key().household_id());
  }
  std::sort(removed.begin(), removed.end());
  EXPECT_THAT(removed, ElementsAre("h2", "h3"));

  // The cursor no longer has the village: nothing more, and thon-1 still flows.
  v1::Household edited = MakeHousehold(1, "00001", "thon-1");
  edited.set_collaborator_note("sau khi đổi địa bàn");
  ASSERT_OK(Push(stub_.get(), "loader", {MakeMutation("h1", "l4", 1, edited)}));
  ASSERT_OK_AND_ASSIGN(PullResult third,
                       PullAll(tablet.get(), "2026", {}, second.page_cursors.back()));
  EXPECT_THAT(third.removals, IsEmpty());
  ASSERT_EQ(third.households.size(), 1u);
  EXPECT_EQ(third.households[0].key().household_id(), "h1");
}

// One leaked token cannot flood rasoatd: past its burst it is told to wait, while another
// token's calls go on. (The rate is per second, so the refill is not waited for here.)
TEST_F(IdentityE2eTest, ATokenPastItsRateIsToldToWaitAndOthersGoOn) {
  StopServer();
  StartServer({"--token_requests_per_second=0.01", "--token_request_burst=3"});
  ASSERT_OK_AND_ASSIGN(std::string other,
                       server_->MakeUserToken("ctv.khac", v1::ROLE_ADMIN));  // the admin's 2 calls
  std::unique_ptr<v1::SyncService::Stub> admin = server_->NewSyncStub();
  EXPECT_OK(PullAll(admin.get(), "2026", {CommuneScope("00001")}));
  EXPECT_THAT(PullAll(admin.get(), "2026", {CommuneScope("00001")}),
              StatusIs(absl::StatusCode::kResourceExhausted, HasSubstr("try again in")));
  std::unique_ptr<v1::SyncService::Stub> second = SyncAs(other);
  EXPECT_OK(PullAll(second.get(), "2026", {CommuneScope("00001")}));
}

}  // namespace
}  // namespace rasoat::testing
