// Publishing end to end: a real rasoatd publishing to a real, throwaway PostgreSQL cluster.
// Approvals reach the store at exactly their versions; newer approvals move rows forward; with
// the store down approvals go on and the backlog shows them, then drains when it returns;
// SIGKILL while draining loses nothing and applies nothing twice; and rasoatctl's CSV export of
// a commune parses back to the store's rows.
#include <map>

#include <gmock/gmock.h>
#include <google/protobuf/util/json_util.h>
#include <grpcpp/client_context.h>
#include <gtest/gtest.h>

#include "absl/strings/str_cat.h"
#include "sync/publish/csv_export.h"
#include "tests/e2e/postgres_cluster.h"
#include "tests/e2e/sync_client.h"
#include "tests/e2e/sync_e2e_fixture.h"
#include "tests/support/households.h"
#include "tests/support/status_matchers.h"

namespace rasoat::testing {
namespace {

using ::testing::SizeIs;

constexpr char kCommune[] = "00001";

class PublishE2eTest : public SyncE2eTest {
 protected:
  void SetUp() override {
    ASSERT_OK_AND_ASSIGN(postgres_, PostgresCluster::Create(dir_.Sub("pg")));
    StartPublishing();
  }

  void StartPublishing() {
    StartServer({"--program_store=" + postgres_->uri(), "--publish_max_backoff_ms=200"});
    review_ = server_->NewReviewStub();
    admin_ = server_->NewAdminStub();
  }

  // Pushes households h<first>.. as version `version` and approves them.
  void PushAndApprove(int first, int count, uint64_t version) {
    for (int start = first; start < first + count; start += 100) {
      std::vector<v1::Mutation> mutations;
      for (int i = start; i < std::min(first + count, start + 100); ++i) {
        v1::Household record = MakeHousehold(i);
        record.set_collaborator_note(absl::StrCat("phiên bản ", version));
        mutations.push_back(MakeMutation(absl::StrCat("h", i), absl::StrCat("m", i, "-", version),
                                         version - 1, std::move(record)));
      }
      ASSERT_TRUE(Push(stub_.get(), "tab-1", mutations).ok());
    }
    for (int i = first; i < first + count; ++i) {
      v1::ApproveRequest request;
      request.mutable_key()->set_round_id("2026");
      request.mutable_key()->set_household_id(absl::StrCat("h", i));
      request.set_version(version);
      request.set_reviewer("can-bo-xa");
      v1::ApproveResponse response;
      grpc::ClientContext context;
      const grpc::Status status = review_->Approve(&context, request, &response);
      ASSERT_TRUE(status.ok()) << i << ": " << status.error_message();
    }
  }

  v1::GetPublishStatusResponse PublishStatus(uint32_t wait_drained_seconds = 0) {
    v1::GetPublishStatusRequest request;
    request.set_wait_drained_seconds(wait_drained_seconds);
    v1::GetPublishStatusResponse response;
    grpc::ClientContext context;
    const grpc::Status status = admin_->GetPublishStatus(&context, request, &response);
    EXPECT_TRUE(status.ok()) << status.error_message();
    return response;
  }

  // The store's rows of the commune, by household id: each household at most once.
  std::map<std::string, v1::PublishedHousehold> Published() {
    std::map<std::string, v1::PublishedHousehold> rows;
    v1::ListPublishedRequest request;
    request.set_round_id("2026");
    request.set_commune_code(kCommune);
    do {
      v1::ListPublishedResponse page;
      grpc::ClientContext context;
      const grpc::Status status = admin_->ListPublished(&context, request, &page);
      EXPECT_TRUE(status.ok()) << status.error_message();
      if (!status.ok()) break;
      for (const v1::PublishedHousehold& row : page.households()) {
        EXPECT_TRUE(rows.emplace(row.household_id(), row).second) << row.household_id();
      }
      request.set_page_token(page.next_page_token());
    } while (!request.page_token().empty());
    return rows;
  }

  // Every household h<i> for i < count at `expected(i)`.
  void ExpectPublished(int count, const std::function<uint64_t(int)>& expected) {
    const std::map<std::string, v1::PublishedHousehold> rows = Published();
    ASSERT_THAT(rows, SizeIs(count));
    for (int i = 0; i < count; ++i) {
      const v1::PublishedHousehold& row = rows.at(absl::StrCat("h", i));
      EXPECT_EQ(row.approved_version(), expected(i)) << i;
      EXPECT_EQ(row.record().collaborator_note(), absl::StrCat("phiên bản ", expected(i))) << i;
    }
  }

  // rasoatctl's stdout for `args`, which must exit 0.
  std::string Rasoatctl(const std::string& args) {
    const std::string command =
        absl::StrCat(RASOATCTL_PATH, " --server=", server_->address(), " ", args);
    FILE* pipe = popen(command.c_str(), "r");
    EXPECT_NE(pipe, nullptr);
    if (pipe == nullptr) return "";
    std::string out;
    char buffer[4096];
    for (size_t n; (n = fread(buffer, 1, sizeof buffer, pipe)) > 0;) out.append(buffer, n);
    EXPECT_EQ(pclose(pipe), 0) << command;
    return out;
  }

  void StopAll() {
    review_.reset();
    admin_.reset();
    StopServer();
  }

  std::unique_ptr<PostgresCluster> postgres_;
  std::unique_ptr<v1::ReviewService::Stub> review_;
  std::unique_ptr<v1::AdminService::Stub> admin_;
};

TEST_F(PublishE2eTest, ApprovalsConvergeAndSurviveTheStoreGoingDown) {
  PushAndApprove(0, 500, 1);
  v1::GetPublishStatusResponse status = PublishStatus(/*wait_drained_seconds=*/120);
  ASSERT_EQ(status.backlog(), 0u) << status.last_error();
  EXPECT_THAT(status.program_store(), ::testing::HasSubstr("postgresql"));
  ExpectPublished(500, [](int) { return 1; });

  PushAndApprove(100, 50, 2);
  ASSERT_EQ(PublishStatus(120).backlog(), 0u);
  ExpectPublished(500, [](int i) -> uint64_t { return i >= 100 && i < 150 ? 2 : 1; });

  // The store goes down: approvals go on, the backlog counts them.
  ASSERT_OK(postgres_->Stop());
  PushAndApprove(500, 200, 1);
  status = PublishStatus();
  EXPECT_EQ(status.backlog(), 200u);
  EXPECT_GT(status.oldest_pending_age_seconds(), 0);
  EXPECT_NE(status.last_error(), "");
  // The staff see the same through rasoatctl.
  v1::GetPublishStatusResponse shown;
  ASSERT_TRUE(
      google::protobuf::util::JsonStringToMessage(Rasoatctl("publish status --json"), &shown).ok());
  EXPECT_EQ(shown.backlog(), 200u);
  EXPECT_NE(shown.last_error(), "");
  EXPECT_THAT(Rasoatctl("publish status"), ::testing::HasSubstr("200 approval(s) not yet"));

  ASSERT_OK(postgres_->Start());
  status = PublishStatus(120);
  ASSERT_EQ(status.backlog(), 0u) << status.last_error();
  EXPECT_EQ(status.last_error(), "");
  ExpectPublished(700, [](int i) -> uint64_t { return i >= 100 && i < 150 ? 2 : 1; });
}

TEST_F(PublishE2eTest, SigkillWhileDrainingLosesNothingAndAppliesNothingTwice) {
  ASSERT_OK(postgres_->Stop());
  PushAndApprove(0, 1000, 1);
  ASSERT_EQ(PublishStatus().backlog(), 1000u);
  ASSERT_OK(postgres_->Start());
  // Kill once the publisher has delivered some of the backlog, not all.
  uint64_t backlog_at_kill = 1000;
  while (backlog_at_kill == 1000) backlog_at_kill = PublishStatus().backlog();
  EXPECT_GT(backlog_at_kill, 0u) << "the whole backlog drained before the kill";
  server_->Kill();
  review_.reset();
  admin_.reset();
  stub_.reset();
  server_.reset();

  StartPublishing();
  const v1::GetPublishStatusResponse status = PublishStatus(120);
  ASSERT_EQ(status.backlog(), 0u) << status.last_error();
  ExpectPublished(1000, [](int) { return 1; });
}

TEST_F(PublishE2eTest, TheCsvExportOfACommuneParsesBackToTheStoresRows) {
  PushAndApprove(0, 30, 1);
  ASSERT_EQ(PublishStatus(120).backlog(), 0u);
  const std::string csv = Rasoatctl(absl::StrCat("export ", kCommune));

  ASSERT_OK_AND_ASSIGN(std::vector<std::vector<std::string>> parsed, publish::ParseCsv(csv));
  const std::map<std::string, v1::PublishedHousehold> rows = Published();
  ASSERT_THAT(parsed, SizeIs(rows.size() + 1));  // a header, then one line per household
  ASSERT_OK_AND_ASSIGN(std::vector<std::vector<std::string>> header,
                       publish::ParseCsv(publish::PublishedCsvHeader()));
  EXPECT_EQ(parsed[0], header[0]);
  size_t line = 1;
  for (const auto& [id, row] : rows) {
    ASSERT_OK_AND_ASSIGN(std::vector<std::vector<std::string>> expected,
                         publish::ParseCsv(publish::PublishedCsvRow(row)));
    EXPECT_EQ(parsed[line++], expected[0]) << id;
    EXPECT_THAT(csv, ::testing::HasSubstr(row.head_name()));  // Vietnamese names intact
  }
}

}  // namespace
}  // namespace rasoat::testing
