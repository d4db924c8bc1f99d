// Dead letters and waiting status calls end to end, against a real rasoatd: an approval the
// program store refuses for good (a CHECK constraint added to PostgreSQL's table; a NUL written
// into rasoatd's store before it started, with SQLite) is parked while the 19 clean approvals
// after it publish; `rasoatctl publish status` shows it; the household's later version waits
// behind it, also across a restart; `rasoatctl publish retry` delivers it once the cause is
// removed. And GetPublishStatus calls waiting for the backlog never starve a tablet's push,
// past the cap they are refused with RESOURCE_EXHAUSTED, and once the store is back they are
// answered.
#include <atomic>
#include <future>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include <gmock/gmock.h>
#include <google/protobuf/util/json_util.h>
#include <grpcpp/client_context.h>
#include <gtest/gtest.h>

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "sync/store/keys.h"
#include "sync/store/store_records.pb.h"
#include "tests/e2e/publish_e2e_fixture.h"
#include "tests/support/raw_store.h"
#include "tests/support/status_matchers.h"
#include <libpq-fe.h>

namespace rasoat::testing {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;
using ::testing::SizeIs;

// "Lâm Văn" NUL "Null": the head of household of the report.
const std::string kNulName("L\xC3\xA2m V\xC4\x83n\0Null", 14);

// Runs `sql` on the database at libpq URI `uri`.
absl::Status ExecSql(const std::string& uri, const std::string& sql) {
  PGconn* conn = PQconnectdb(uri.c_str());
  absl::Status status;
  if (PQstatus(conn) != CONNECTION_OK) {
    status = absl::UnavailableError(PQerrorMessage(conn));
  } else {
    PGresult* result = PQexec(conn, sql.c_str());
    if (PQresultStatus(result) != PGRES_COMMAND_OK) {
      status = absl::InternalError(PQresultErrorMessage(result));
    }
    PQclear(result);
  }
  PQfinish(conn);
  return status;
}

// Whether `household` is among `status`'s dead letters at `version`.
bool Parked(const v1::GetPublishStatusResponse& status, const std::string& household,
            uint64_t version) {
  for (const v1::DeadLetter& letter : status.dead_letters()) {
    if (letter.key().household_id() == household && letter.approved_version() == version) {
      return true;
    }
  }
  return false;
}

TEST_F(PublishE2eTest, ARefusedApprovalIsParkedTheOthersPublishAndARetryDeliversItInOrder) {
  PushAndRecognise(0, 1, 1);
  ASSERT_EQ(PublishStatus(120).backlog(), 0u);
  // An operator's constraint the program store will hold household h1 to.
  ASSERT_OK(ExecSql(postgres_->uri(),
                    "ALTER TABLE published_households ADD CONSTRAINT no_h1 "
                    "CHECK (household_id <> 'h1')"));

  // h1 first, then 19 clean approvals: they all publish, h1 is parked.
  PushAndRecognise(1, 20, 1);
  v1::GetPublishStatusResponse status = PublishStatus(120);
  ASSERT_EQ(status.backlog(), 0u) << status.last_error();
  EXPECT_EQ(status.dead_letter_count(), 1u);
  EXPECT_TRUE(Parked(status, "h1", 1));
  std::map<std::string, v1::PublishedHousehold> rows = Published();
  EXPECT_THAT(rows, SizeIs(20));
  EXPECT_EQ(rows.count("h1"), 0u);

  const std::string shown = Rasoatctl("publish status");
  EXPECT_THAT(shown, HasSubstr("dead letters   1 "));
  EXPECT_THAT(shown, HasSubstr("SQLSTATE 23514 (check_violation)"));
  EXPECT_THAT(shown, HasSubstr("constraint no_h1"));
  EXPECT_THAT(shown, Not(HasSubstr("Failing row")));  // PostgreSQL's detail quotes the row
  EXPECT_THAT(shown, Not(HasSubstr(MakeHousehold(1).members(0).full_name())));

  // h1's next version would be accepted, but it must not overtake version 1: it is held.
  PushAndRecognise(1, 1, 2);
  status = PublishStatus(120);
  ASSERT_EQ(status.dead_letter_count(), 2u);
  ASSERT_THAT(status.dead_letters(), SizeIs(2));
  EXPECT_EQ(status.dead_letters(1).approved_version(), 2u);
  EXPECT_EQ(status.dead_letters(1).held_behind_version(), 1u);
  EXPECT_EQ(Published().count("h1"), 0u);

  // Durable: a restart keeps both parked, and the household held.
  StopAll();
  StartPublishing();
  v1::GetPublishStatusResponse json;
  ASSERT_TRUE(
      google::protobuf::util::JsonStringToMessage(Rasoatctl("publish status --json"), &json).ok());
  EXPECT_EQ(json.dead_letter_count(), 2u);
  EXPECT_EQ(json.backlog(), 0u);

  // The cause removed, a retry publishes h1's newest approval; the older is superseded.
  ASSERT_OK(ExecSql(postgres_->uri(), "ALTER TABLE published_households DROP CONSTRAINT no_h1"));
  EXPECT_EQ(Rasoatctl("publish retry h1"),
            "1 dead letter(s) back in the outbox; 1 dropped, superseded by a newer approval of "
            "their household\n");
  status = PublishStatus(120);
  ASSERT_EQ(status.backlog(), 0u) << status.last_error();
  EXPECT_EQ(status.dead_letter_count(), 0u);
  rows = Published();
  EXPECT_THAT(rows, SizeIs(21));
  EXPECT_EQ(rows.at("h1").approved_version(), 2u);
  EXPECT_THAT(Rasoatctl("publish status"), HasSubstr("dead letters   0\n"));
}

TEST_F(PublishSqliteE2eTest, ANulWrittenIntoTheStoreIsParkedWhileNineteenLaterApprovalsPublish) {
  PushAndRecognise(0, 1, 1);  // the store's seqs move past 1
  ASSERT_EQ(PublishStatus(120).backlog(), 0u);
  StopAll();
  // What a tablet's NUL in a head's name left in the outbox before the edge refused it.
  store::OutboxEntry poison;
  v1::PublishedHousehold* row = poison.mutable_household();
  row->set_round_id("2026");
  row->set_household_id("h-nul");
  row->set_commune_code(kCommune);
  row->set_head_name(kNulName);
  row->set_approved_version(1);
  row->set_approved_by("can-bo-xa");
  poison.set_enqueued_at_micros(absl::ToUnixMicros(absl::Now()));
  ASSERT_OK(PutRaw(dir_.Sub("data"), "outbox", OutboxKeyOf(1), poison.SerializeAsString()));
  StartPublishing();

  PushAndRecognise(1, 19, 1);
  v1::GetPublishStatusResponse status = PublishStatus(120);
  ASSERT_EQ(status.backlog(), 0u) << status.last_error();
  EXPECT_EQ(status.dead_letter_count(), 1u);
  EXPECT_TRUE(Parked(status, "h-nul", 1));
  EXPECT_THAT(Published(), SizeIs(20));
  const std::string shown = Rasoatctl("publish status");
  EXPECT_THAT(shown, HasSubstr("h-nul"));
  EXPECT_THAT(shown, HasSubstr("NUL character"));
  EXPECT_THAT(shown, Not(HasSubstr("L\xC3\xA2m")));

  // A reviewer's name with a NUL never reaches the outbox now: the request's reviewer field is
  // ignored, and the approval names the user of the token.
  v1::ApproveRequest approve;
  approve.mutable_key()->set_round_id("2026");
  approve.mutable_key()->set_household_id("h21");
  approve.set_version(1);
  approve.set_reviewer(kNulName);
  ASSERT_TRUE(
      Push(stub_.get(), "tab-1", {MakeMutation("h21", "m21-1", 0, MakeHousehold(21))}).ok());
  v1::ApproveResponse approved;
  grpc::ClientContext context;
  ASSERT_TRUE(review_->Approve(&context, approve, &approved).ok());
  ASSERT_OK(HoldMeeting(review_.get(), "thon-1", {{"h21", 1}}));
  ASSERT_OK(PostAll(review_.get(), {{"h21", 1}}));
  ASSERT_OK(RecogniseAll(review_.get(), {{"h21", 1}}));
  status = PublishStatus(120);
  ASSERT_EQ(status.backlog(), 0u) << status.last_error();
  EXPECT_EQ(status.dead_letter_count(), 1u);
  EXPECT_THAT(Published(), SizeIs(21));
  EXPECT_EQ(Published().at("h21").approved_by(), "admin");  // the user of the token

  // A NUL stays a NUL: retried, it is parked again, and nothing else is held up.
  EXPECT_EQ(Rasoatctl("publish retry"), "1 dead letter(s) back in the outbox\n");
  status = PublishStatus(120);
  ASSERT_EQ(status.backlog(), 0u) << status.last_error();
  EXPECT_EQ(status.dead_letter_count(), 1u);
  EXPECT_THAT(Published(), SizeIs(21));
}

TEST_F(PublishE2eTest, WaitingStatusCallsNeverStarveAPushAndArePastTheCapRefused) {
  constexpr int kCap = 6;
  StopAll();
  StartPublishing({"--push_workers=2", absl::StrCat("--max_publish_status_waiters=", kCap)});
  ASSERT_OK(postgres_->Stop());
  PushAndRecognise(0, 1, 1);  // a backlog that cannot drain while the store is down

  // One more wait than the cap, three times as many as there are push workers. None can end
  // while the store is down but the one refused, so the first to end is that one, and then
  // kCap calls wait in rasoatd.
  std::vector<grpc::Status> results(kCap + 1);
  std::vector<v1::GetPublishStatusResponse> responses(kCap + 1);
  std::atomic<int> ended{0};
  std::promise<void> first_ended;
  std::vector<std::thread> waiters;
  for (int i = 0; i <= kCap; ++i) {
    waiters.emplace_back([&, i] {
      v1::GetPublishStatusRequest request;
      request.set_wait_drained_seconds(300);
      grpc::ClientContext context;
      results[i] = admin_->GetPublishStatus(&context, request, &responses[i]);
      if (ended.fetch_add(1) == 0) first_ended.set_value();
    });
  }
  first_ended.get_future().wait();

  // A tablet's push goes through.
  const absl::StatusOr<v1::PushResponse> push =
      Push(stub_.get(), "tab-2", {MakeMutation("h1", "m1-1", 0, MakeHousehold(1))});
  ASSERT_OK(push.status());
  EXPECT_EQ(push->results(0).outcome(), v1::MUTATION_OUTCOME_APPLIED);

  ASSERT_OK(postgres_->Start());
  int refused = 0;
  for (int i = 0; i <= kCap; ++i) {
    waiters[i].join();
    if (results[i].error_code() == grpc::StatusCode::RESOURCE_EXHAUSTED) {
      ++refused;
      continue;
    }
    EXPECT_TRUE(results[i].ok()) << i << ": " << results[i].error_message();
    EXPECT_EQ(responses[i].backlog(), 0u) << i;
  }
  EXPECT_EQ(refused, 1);
}

}  // namespace
}  // namespace rasoat::testing
