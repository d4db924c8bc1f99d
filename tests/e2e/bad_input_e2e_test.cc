// Bad input against a real rasoatd: a precise INVALID_ARGUMENT naming the field, and nothing
// changed.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "absl/strings/str_cat.h"
#include "tests/e2e/sync_client.h"
#include "tests/e2e/sync_e2e_fixture.h"
#include "tests/support/households.h"
#include "tests/support/status_matchers.h"

namespace rasoat::testing {
namespace {

using ::testing::HasSubstr;
using ::testing::SizeIs;

class BadInputE2eTest : public SyncE2eTest {
 protected:
  void SetUp() override { StartServer({"--max_batch_mutations=10", "--max_record_bytes=4096"}); }

  // Pushes one mutation and expects it rejected with INVALID_ARGUMENT naming `field`.
  void ExpectRejected(v1::Mutation mutation, const std::string& field) {
    ASSERT_OK_AND_ASSIGN(v1::PushResponse response, Push(stub_.get(), "tab-1", {mutation}));
    ASSERT_THAT(response.results(), SizeIs(1));
    const v1::MutationResult& result = response.results(0);
    EXPECT_EQ(result.outcome(), v1::MUTATION_OUTCOME_REJECTED);
    EXPECT_EQ(result.rejection().code(), static_cast<int>(absl::StatusCode::kInvalidArgument));
    ASSERT_THAT(result.rejection().field_violations(), SizeIs(1));
    EXPECT_EQ(result.rejection().field_violations(0).field(), field);
    EXPECT_THAT(result.rejection().message(), HasSubstr(field));
    ExpectNothingStored();
  }

  void ExpectNothingStored() {
    ASSERT_OK_AND_ASSIGN(PullResult pull, PullAll(stub_.get(), "2026", {CommuneScope("00001")}));
    EXPECT_THAT(pull.households, SizeIs(0));
  }
};

TEST_F(BadInputE2eTest, MissingHouseholdId) {
  ExpectRejected(MakeMutation("", "m1", 0, MakeHousehold(1)), "mutations[0].key.household_id");
}

TEST_F(BadInputE2eTest, UnknownRound) {
  v1::Mutation mutation = MakeMutation("h1", "m1", 0, MakeHousehold(1));
  mutation.mutable_key()->set_round_id("1999");
  ExpectRejected(mutation, "mutations[0].key.round_id");
}

TEST_F(BadInputE2eTest, RecordOverTheSizeLimit) {
  v1::Household record = MakeHousehold(1);
  record.set_collaborator_note(std::string(5000, 'x'));
  ExpectRejected(MakeMutation("h1", "m1", 0, record), "mutations[0].record");
}

TEST_F(BadInputE2eTest, MissingVillage) {
  v1::Household record = MakeHousehold(1);
  record.mutable_location()->clear_village_code();
  ExpectRejected(MakeMutation("h1", "m1", 0, record), "mutations[0].record.location.village_code");
}

// Text the program store could not take never enters: a NUL in a name is refused at the edge,
// named by its path, and nothing is stored.
TEST_F(BadInputE2eTest, NulInAMembersName) {
  v1::Household record = MakeHousehold(1);
  static constexpr char kName[] = "Lâm Văn\0Null";
  record.mutable_members(1)->set_full_name(std::string(kName, sizeof(kName) - 1));
  ExpectRejected(MakeMutation("h1", "m1", 0, record), "mutations[0].record.members[1].full_name");
}

TEST_F(BadInputE2eTest, BatchOverItsLengthLimit) {
  std::vector<v1::Mutation> mutations;
  for (int i = 0; i < 11; ++i) {
    mutations.push_back(
        MakeMutation(absl::StrCat("h", i), absl::StrCat("m", i), 0, MakeHousehold(i)));
  }
  EXPECT_THAT(Push(stub_.get(), "tab-1", mutations),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("mutations: 11")));
  ExpectNothingStored();
}

TEST_F(BadInputE2eTest, MissingDeviceId) {
  EXPECT_THAT(Push(stub_.get(), "", {MakeMutation("h1", "m1", 0, MakeHousehold(1))}),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("device_id")));
  ExpectNothingStored();
}

TEST_F(BadInputE2eTest, MalformedCursor) {
  EXPECT_THAT(PullAll(stub_.get(), "2026", {CommuneScope("00001")}, "garbage\xff"),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("cursor")));
}

TEST_F(BadInputE2eTest, CursorOfAnotherServer) {
  // A well-formed cursor that points past everything this server has committed.
  ASSERT_OK(Push(stub_.get(), "tab-1", {MakeMutation("h1", "m1", 0, MakeHousehold(1))}));
  ASSERT_OK_AND_ASSIGN(PullResult pull, PullAll(stub_.get(), "2026", {CommuneScope("00001")}));
  StopServer();
  TempDir other;
  ASSERT_OK_AND_ASSIGN(std::unique_ptr<RasoatdProcess> fresh, RasoatdProcess::Start(other.path()));
  EXPECT_THAT(PullAll(fresh->NewSyncStub().get(), "2026", {CommuneScope("00001")},
                      pull.page_cursors.back()),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("cursor")));
}

TEST_F(BadInputE2eTest, PullOfUnknownRoundOrWithoutScope) {
  EXPECT_THAT(PullAll(stub_.get(), "1999", {CommuneScope("00001")}),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("round_id")));
  EXPECT_THAT(PullAll(stub_.get(), "2026", {}),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("scopes")));
  EXPECT_THAT(PullAll(stub_.get(), "2026", {VillageScope("", "thon-1")}),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("scopes[0].commune_code")));
}

}  // namespace
}  // namespace rasoat::testing
