// Publishing end to end: a real rasoatd publishing to a real, throwaway PostgreSQL cluster.
// Recognitions reach the store at exactly their versions; newer ones move rows forward; with
// the store down recognitions go on and the backlog shows them, then drains when it returns;
// SIGKILL while draining loses nothing and applies nothing twice; and rasoatctl's CSV export of
// a commune parses back to the store's rows.
#include <map>

#include <gmock/gmock.h>
#include <google/protobuf/util/json_util.h>
#include <grpcpp/client_context.h>
#include <gtest/gtest.h>

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "absl/time/time.h"
#include "sync/publish/csv_export.h"
#include "tests/e2e/publish_e2e_fixture.h"
#include "tests/support/status_matchers.h"

namespace rasoat::testing {
namespace {

using ::testing::SizeIs;

TEST_F(PublishE2eTest, ApprovalsConvergeAndSurviveTheStoreGoingDown) {
  PushAndRecognise(0, 500, 1);
  v1::GetPublishStatusResponse status = PublishStatus(/*wait_drained_seconds=*/120);
  ASSERT_EQ(status.backlog(), 0u) << status.last_error();
  EXPECT_THAT(status.program_store(), ::testing::HasSubstr("postgresql"));
  ExpectPublished(500, [](int) { return 1; });

  PushAndRecognise(100, 50, 2);
  ASSERT_EQ(PublishStatus(120).backlog(), 0u);
  ExpectPublished(500, [](int i) -> uint64_t { return i >= 100 && i < 150 ? 2 : 1; });

  // The store goes down: recognitions go on, the backlog counts them once the publisher has
  // tried the store.
  ASSERT_OK(postgres_->Stop());
  PushAndRecognise(500, 200, 1);
  const absl::Time deadline = absl::Now() + absl::Seconds(60);
  do {
    status = PublishStatus();
  } while (status.last_error().empty() && absl::Now() < deadline);
  EXPECT_EQ(status.backlog(), 200u);
  EXPECT_GT(status.oldest_pending_age_seconds(), 0);
  EXPECT_NE(status.last_error(), "");
  // The staff see the same through rasoatctl.
  v1::GetPublishStatusResponse shown;
  ASSERT_TRUE(
      google::protobuf::util::JsonStringToMessage(Rasoatctl("publish status --json"), &shown).ok());
  EXPECT_EQ(shown.backlog(), 200u);
  EXPECT_NE(shown.last_error(), "");
  EXPECT_THAT(Rasoatctl("publish status"), ::testing::HasSubstr("200 recognition(s) not yet"));

  ASSERT_OK(postgres_->Start());
  status = PublishStatus(120);
  ASSERT_EQ(status.backlog(), 0u) << status.last_error();
  EXPECT_EQ(status.last_error(), "");
  ExpectPublished(700, [](int i) -> uint64_t { return i >= 100 && i < 150 ? 2 : 1; });
}

TEST_F(PublishE2eTest, SigkillWhileDrainingLosesNothingAndAppliesNothingTwice) {
  ASSERT_OK(postgres_->Stop());
  PushAndRecognise(0, 1000, 1);
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
  PushAndRecognise(0, 30, 1);
  ASSERT_EQ(PublishStatus(120).backlog(), 0u);
  const std::string csv = Rasoatctl(absl::StrCat("export ", kCommune, " --machine_names"));

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
  // Without --machine_names: for a spreadsheet, in Vietnamese.
  const std::string vietnamese = Rasoatctl(absl::StrCat("export ", kCommune));
  EXPECT_EQ(vietnamese.substr(0, 3), "\xEF\xBB\xBF");
  EXPECT_THAT(vietnamese, ::testing::HasSubstr("Họ tên chủ hộ"));
  EXPECT_THAT(vietnamese, ::testing::HasSubstr(rows.begin()->second.head_name()));
}

}  // namespace
}  // namespace rasoat::testing
