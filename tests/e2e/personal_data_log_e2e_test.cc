// No personal data in any log line (DESIGN.md "Identity, authorization, audit"; the brief's
// rule 7): households carrying a marker name, national ID number and income go through every
// path that can report on them — applied, merged, conflicting, rejected for unstorable text,
// rejected as too large, refused by scope, approved, pulled, read by a reviewer — and then
// nothing rasoatd wrote to stdout, stderr or RocksDB's LOG files, and no refusal's message,
// holds a marker.
#include <csignal>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "absl/strings/str_cat.h"
#include "rasoat/v1/review.grpc.pb.h"
#include "tests/e2e/rasoatd_process.h"
#include "tests/e2e/sync_client.h"
#include "tests/support/households.h"
#include "tests/support/status_matchers.h"
#include "tests/support/temp_dir.h"

namespace rasoat::testing {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

constexpr char kMarkerName[] = "Lường Thị MARKERNAME";
constexpr char kMarkerId[] = "079912345678";
constexpr int64_t kMarkerIncome = 987'654'321;

v1::Household Marked(uint64_t seed) {
  v1::Household record = MakeHousehold(seed);
  record.mutable_members(0)->set_full_name(kMarkerName);
  record.mutable_members(0)->set_national_id(kMarkerId);
  if (record.incomes_size() > 0) record.mutable_incomes(0)->set_annual_amount_vnd(kMarkerIncome);
  return record;
}

std::string ReadAll(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

void ExpectNoMarker(const std::string& where, const std::string& text) {
  EXPECT_THAT(text, Not(HasSubstr("MARKERNAME"))) << where;
  EXPECT_THAT(text, Not(HasSubstr(kMarkerId))) << where;
  EXPECT_THAT(text, Not(HasSubstr(absl::StrCat(kMarkerIncome)))) << where;
}

TEST(PersonalDataLogE2eTest, NoMarkerReachesAnyLogOrRefusal) {
  TempDir dir;
  const std::string stderr_path = dir.Sub("stderr.log");
  ASSERT_OK_AND_ASSIGN(std::unique_ptr<RasoatdProcess> server,
                       RasoatdProcess::Start(
                           dir.Sub("data"), {"--max_record_bytes=4096"},
                           {"/bin/sh", "-c", absl::StrCat("exec \"$0\" \"$@\" 2>>", stderr_path)}));
  std::unique_ptr<v1::SyncService::Stub> sync = server->NewSyncStub();
  std::vector<std::string> refusals;

  // Applied, then two tablets on the same base: merged and conflicting.
  ASSERT_OK(Push(sync.get(), "tab-a", {MakeMutation("h1", "a1", 0, Marked(1))}));
  v1::Household a = Marked(1);
  a.set_collaborator_note("A");
  a.mutable_members(0)->set_full_name(absl::StrCat(kMarkerName, " A"));
  v1::Household b = Marked(1);
  b.set_collaborator_note("B");
  b.mutable_members(0)->set_full_name(absl::StrCat(kMarkerName, " B"));
  ASSERT_OK(Push(sync.get(), "tab-a", {MakeMutation("h1", "a2", 1, a)}));
  ASSERT_OK_AND_ASSIGN(v1::PushResponse conflict,
                       Push(sync.get(), "tab-b", {MakeMutation("h1", "b1", 1, b)}));
  EXPECT_EQ(conflict.results(0).outcome(), v1::MUTATION_OUTCOME_CONFLICT);

  // Rejected: a NUL in the name, invalid UTF-8 in the ID, a record over the size limit, a
  // reused mutation id.
  v1::Household nul = Marked(2);
  nul.mutable_members(0)->set_full_name(std::string(kMarkerName) + std::string(1, '\0'));
  v1::Household bad_utf8 = Marked(3);
  bad_utf8.mutable_members(0)->set_national_id(absl::StrCat(kMarkerId, "\xff"));
  v1::Household large = Marked(4);
  large.set_collaborator_note(absl::StrCat(std::string(8192, 'x'), kMarkerName));
  ASSERT_OK_AND_ASSIGN(v1::PushResponse rejected,
                       Push(sync.get(), "tab-a",
                            {MakeMutation("h2", "r1", 0, nul), MakeMutation("h4", "r3", 0, large),
                             MakeMutation("h5", "a1", 0, Marked(5))}));
  for (const v1::MutationResult& result : rejected.results()) {
    EXPECT_EQ(result.outcome(), v1::MUTATION_OUTCOME_REJECTED);
    refusals.push_back(result.rejection().message());
    for (const v1::FieldViolation& violation : result.rejection().field_violations()) {
      refusals.push_back(violation.description());
    }
  }
  // Not valid protobuf text at all: the whole call is refused, and says why.
  absl::StatusOr<v1::PushResponse> unparsable =
      Push(sync.get(), "tab-a", {MakeMutation("h3", "r2", 0, bad_utf8)});
  if (!unparsable.ok()) refusals.push_back(std::string(unparsable.status().message()));

  // Approved, read by a reviewer, pulled.
  std::unique_ptr<v1::ReviewService::Stub> review = server->NewReviewStub();
  ASSERT_OK(Push(sync.get(), "tab-a", {MakeMutation("h6", "a6", 0, Marked(6))}));
  v1::ApproveRequest approve;
  approve.mutable_key()->set_round_id("2026");
  approve.mutable_key()->set_household_id("h6");
  approve.set_version(1);
  v1::ApproveResponse approved;
  grpc::ClientContext approve_context;
  const grpc::Status approval = review->Approve(&approve_context, approve, &approved);
  if (!approval.ok()) refusals.push_back(approval.error_message());
  v1::GetHouseholdRequest get;
  *get.mutable_key() = approve.key();
  v1::GetHouseholdResponse household;
  grpc::ClientContext get_context;
  ASSERT_TRUE(review->GetHousehold(&get_context, get, &household).ok());
  EXPECT_EQ(household.state().record().members(0).national_id(), kMarkerId);  // served, not logged
  ASSERT_OK(PullAll(sync.get(), "2026", {CommuneScope("00001")}));

  server->Signal(SIGTERM);
  ASSERT_OK_AND_ASSIGN(const std::string later, server->AwaitOutput("rasoatd: stopped"));
  EXPECT_EQ(server->Wait(), 0);
  for (const std::string& refusal : refusals) ExpectNoMarker("a refusal", refusal);
  ExpectNoMarker("rasoatd's stdout", server->startup_output() + later);
  ExpectNoMarker("rasoatd's stderr", ReadAll(stderr_path));
  int logs = 0;
  for (const auto& entry : std::filesystem::directory_iterator(dir.Sub("data"))) {
    if (entry.path().filename().string().rfind("LOG", 0) != 0) continue;
    ExpectNoMarker(entry.path().string(), ReadAll(entry.path()));
    ++logs;
  }
  EXPECT_GE(logs, 1) << "RocksDB's LOG is where a leak would hide";
}

}  // namespace
}  // namespace rasoat::testing
