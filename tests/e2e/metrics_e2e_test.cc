// rasoatd's /metrics scraped while a fleet of simulated tablets (rasoat-tablet's Fleet) works
// and once it has settled: the pushed mutations by outcome, the merges and conflicts, equal
// what the tablets were told; the gRPC counters of Push equal the pushes they made; pulls are
// counted; the households by review status and procedure step and their open conflicts are
// those the review queue lists; and the engine's and RocksDB's figures are there, the store serving
// and its WAL fsyncs counted. No tablet goes offline mid-push here, so each mutation is answered
// exactly once and the server's counts and the fleet's must agree to the unit.
#include <map>
#include <memory>
#include <sstream>
#include <string>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "absl/strings/str_cat.h"
#include "rasoat/v1/review.grpc.pb.h"
#include "tablet/fleet.h"
#include "tablet/simulated_tablet.h"
#include "tests/e2e/sync_e2e_fixture.h"
#include "tests/support/status_matchers.h"
#include <httplib.h>

namespace rasoat::testing {
namespace {

using ::rasoat::tablet::Fleet;
using ::rasoat::tablet::FleetOptions;
using ::rasoat::tablet::FleetReport;
using ::rasoat::tablet::SimulatedTablet;
using ::testing::HasSubstr;

// Each series of a /metrics page ("name{labels}") and its value; comments skipped.
std::map<std::string, double> Series(const std::string& page) {
  std::map<std::string, double> series;
  std::istringstream lines(page);
  for (std::string line; std::getline(lines, line);) {
    if (line.empty() || line[0] == '#') continue;
    const size_t space = line.rfind(' ');
    series[line.substr(0, space)] = std::stod(line.substr(space + 1));
  }
  return series;
}

class MetricsE2eTest : public SyncE2eTest {
 protected:
  std::map<std::string, double> Scrape() {
    httplib::Client http("127.0.0.1", server_->http_port());
    const httplib::Result result = http.Get("/metrics");
    EXPECT_TRUE(result) << "no answer from /metrics";
    if (!result) return {};
    EXPECT_EQ(result->status, 200);
    EXPECT_THAT(result->get_header_value("Content-Type"), HasSubstr("text/plain; version=0.0.4"));
    return Series(result->body);
  }
};

constexpr char kPushOk[] =
    "grpc_server_handled_total{grpc_code=\"OK\",grpc_method=\"Push\",grpc_service=\"rasoat.v1."
    "SyncService\",grpc_type=\"unary\"}";
constexpr char kPushStarted[] =
    "grpc_server_started_total{grpc_method=\"Push\",grpc_service=\"rasoat.v1.SyncService\","
    "grpc_type=\"unary\"}";

std::string Outcome(const char* outcome) {
  return std::string("rasoat_push_mutations_total{outcome=\"") + outcome + "\"}";
}

TEST_F(MetricsE2eTest, TheCountersMoveAsTheFleetDid) {
  FleetOptions options;
  options.server = server_->address();
  options.token = server_->admin_token();
  options.tablets = 12;
  options.offline = 0;
  options.state_dir = dir_.Sub("tablets");
  options.round_id = "2026";
  options.commune_code = "00127";
  ASSERT_OK_AND_ASSIGN(std::unique_ptr<Fleet> fleet, Fleet::Open(options));

  const std::map<std::string, double> before = Scrape();
  EXPECT_EQ(before.at(Outcome("applied")), 0);
  EXPECT_EQ(before.at("rasoat_serving"), 1);

  // Rounds in which every tablet edits offline and syncs, driven from this thread, so what
  // happens does not depend on the machine's speed; a scrape in the middle of the work.
  std::map<std::string, double> during;
  for (int round = 0; round < 6; ++round) {
    for (SimulatedTablet* tablet : fleet->tablets()) {
      tablet->EditOffline();
      ASSERT_TRUE(tablet->Sync(/*may_go_offline=*/false));
    }
    if (round == 2) during = Scrape();
  }
  ASSERT_OK(fleet->Settle());
  const FleetReport report = fleet->Report();
  const std::map<std::string, double> after = Scrape();

  ASSERT_GT(report.applied, 0u);
  EXPECT_GT(during.at(Outcome("applied")), 0);
  EXPECT_LT(
      during.at(Outcome("applied")) + during.at(Outcome("merged")) + during.at(Outcome("conflict")),
      after.at(Outcome("applied")) + after.at(Outcome("merged")) + after.at(Outcome("conflict")));

  EXPECT_EQ(after.at(Outcome("applied")), report.applied);
  EXPECT_EQ(after.at(Outcome("merged")), report.merged);
  EXPECT_EQ(after.at(Outcome("conflict")), report.conflicts);
  EXPECT_EQ(after.at(Outcome("rejected")), report.rejected);
  EXPECT_EQ(after.at(Outcome("duplicate")), report.duplicates);
  EXPECT_EQ(after.at("rasoat_merges_total"), report.merged);
  EXPECT_EQ(after.at("rasoat_conflicts_total"), report.conflicts);
  EXPECT_EQ(after.at(kPushStarted), report.pushes);
  EXPECT_EQ(after.at(kPushOk), report.pushes);
  EXPECT_GE(after.at("rasoat_pull_pages_total"), report.pulls);
  EXPECT_GE(after.at("rasoat_pull_households_total"), report.pulled_households);
  EXPECT_GT(after.at("rasoat_pull_bytes_total"), after.at("rasoat_pull_households_total"));

  // The engine's figures and RocksDB's.
  EXPECT_EQ(after.at("rasoat_serving"), 1);
  EXPECT_EQ(after.at("rasoat_dead_letters"), 0);
  EXPECT_EQ(after.at("rasoat_devices_silent"), 0);
  EXPECT_GT(after.at("rasoat_audit_chain_length"), before.at("rasoat_audit_chain_length"));
  EXPECT_GT(after.at("rasoat_data_dir_size_bytes"), 0);
  EXPECT_GT(after.at("rasoat_data_dir_available_bytes"), 0);
  EXPECT_EQ(after.at("rasoat_rocksdb_write_stopped"), 0);
  EXPECT_GT(after.at("rasoat_rocksdb_wal_sync_seconds_count"),
            before.at("rasoat_rocksdb_wal_sync_seconds_count"));
  EXPECT_TRUE(after.contains("rasoat_rocksdb_memtable_bytes"));

  // The households by review status and procedure step, and the open conflicts, are those the
  // review queue lists.
  std::map<std::string, double> statuses;
  std::map<std::string, double> steps;
  double open_conflicts = 0;
  std::unique_ptr<v1::ReviewService::Stub> review = server_->NewReviewStub();
  v1::ListQueueRequest queue;
  queue.set_round_id("2026");
  queue.set_commune_code("00127");
  queue.set_page_size(1000);
  do {
    grpc::ClientContext context;
    v1::ListQueueResponse page;
    ASSERT_TRUE(review->ListQueue(&context, queue, &page).ok());
    for (const v1::QueueEntry& entry : page.entries()) {
      ++statuses[absl::StrCat("rasoat_households{round=\"2026\",review_status=\"",
                              v1::ReviewStatus_Name(entry.status()), "\"}")];
      ++steps[absl::StrCat("rasoat_households_by_procedure_step{round=\"2026\",procedure_step=\"",
                           v1::ProcedureStep_Name(entry.procedure_step()), "\"}")];
      open_conflicts += entry.open_conflicts();
    }
    queue.set_page_token(page.next_page_token());
  } while (!queue.page_token().empty());
  ASSERT_FALSE(statuses.empty());
  for (const auto& [name, value] : after) {
    if (name.starts_with("rasoat_households{")) {
      EXPECT_EQ(value, statuses[name]) << name;
    }
    if (name.starts_with("rasoat_households_by_procedure_step{")) {
      EXPECT_EQ(value, steps[name]) << name;
    }
  }
  for (const auto& [name, value] : statuses) EXPECT_EQ(after.at(name), value) << name;
  for (const auto& [name, value] : steps) EXPECT_EQ(after.at(name), value) << name;
  EXPECT_EQ(after.at("rasoat_open_conflicts{round=\"2026\"}"), open_conflicts);
  EXPECT_TRUE(after.contains("rasoat_rocksdb_sst_bytes{column_family=\"default\"}"));
}

}  // namespace
}  // namespace rasoat::testing
