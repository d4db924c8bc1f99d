// Bad input against a real rasoatd: a precise INVALID_ARGUMENT naming the field, and nothing
// changed. Also requests that are not valid protobuf at all, sent as raw bytes with a generic
// stub as a client with a broken encoder would: INVALID_ARGUMENT saying where, never gRPC's
// UNIMPLEMENTED.
#include <chrono>
#include <future>

#include <gmock/gmock.h>
#include <google/protobuf/descriptor.h>
#include <grpcpp/create_channel.h>
#include <grpcpp/generic/generic_stub.h>
#include <gtest/gtest.h>

#include "absl/strings/str_cat.h"
#include "rasoat/v1/admin.pb.h"
#include "rasoat/v1/review.pb.h"
#include "tests/e2e/sync_client.h"
#include "tests/e2e/sync_e2e_fixture.h"
#include "tests/support/households.h"
#include "tests/support/status_matchers.h"

namespace rasoat::testing {
namespace {

using ::testing::AllOf;
using ::testing::HasSubstr;
using ::testing::SizeIs;

v1::PushRequest RequestOf(const std::string& device, const std::vector<v1::Mutation>& mutations) {
  v1::PushRequest request;
  request.set_device_id(device);
  for (const v1::Mutation& mutation : mutations) *request.add_mutations() = mutation;
  return request;
}

// `message` serialized, with the bytes of `marker` (set in one of its string fields) replaced by
// as many that are not UTF-8 from the fourth on: the field is then invalid UTF-8 at byte 3 and
// the rest of the encoding stays well formed.
std::string WithInvalidUtf8(const google::protobuf::Message& message, const std::string& marker) {
  std::string bytes = message.SerializeAsString();
  const size_t at = bytes.find(marker);
  EXPECT_NE(at, std::string::npos);
  if (at == std::string::npos) return bytes;
  bytes.replace(at + 3, marker.size() - 3, marker.size() - 3, '\xff');
  return bytes;
}

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

  // Sends `bytes` as the request of `method` ("/rasoat.v1.SyncService/Push") and returns the
  // call's status. A server-streaming method answers the same way when it refuses the request.
  grpc::Status CallWithBytes(const std::string& method, const std::string& bytes) {
    grpc::GenericStub stub(server_->NewChannel());
    grpc::ClientContext context;
    context.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(30));
    grpc::Slice slice(bytes);
    grpc::ByteBuffer request(&slice, 1);
    grpc::ByteBuffer response;
    std::promise<grpc::Status> done;
    stub.UnaryCall(&context, method, grpc::StubOptions(), &request, &response,
                   [&done](grpc::Status status) { done.set_value(std::move(status)); });
    return done.get_future().get();
  }

  // `bytes` sent to `method` are refused with INVALID_ARGUMENT, a message with every part of
  // `expected`.
  template <typename... Parts>
  void ExpectUnparseable(const std::string& method, const std::string& bytes,
                         const Parts&... expected) {
    const grpc::Status status = CallWithBytes(method, bytes);
    EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT)
        << method << ": " << status.error_code() << " " << status.error_message();
    EXPECT_THAT(status.error_message(), AllOf(HasSubstr(expected)...)) << method;
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

TEST_F(BadInputE2eTest, GarbageBytesAreInvalidArgumentForEveryMethod) {
  const std::string garbage = "this is not a protobuf message";
  for (const char* service :
       {"rasoat.v1.SyncService", "rasoat.v1.ReviewService", "rasoat.v1.AdminService"}) {
    const google::protobuf::ServiceDescriptor* descriptor =
        google::protobuf::DescriptorPool::generated_pool()->FindServiceByName(service);
    ASSERT_NE(descriptor, nullptr) << service;
    for (int i = 0; i < descriptor->method_count(); ++i) {
      const google::protobuf::MethodDescriptor* method = descriptor->method(i);
      ExpectUnparseable(
          absl::StrCat("/", service, "/", method->name()), garbage,
          absl::StrCat("the request is not a valid ", method->input_type()->full_name(), ": "),
          "not protobuf wire format");
    }
  }
  ExpectNothingStored();
}

TEST_F(BadInputE2eTest, PushWithInvalidUtf8InTheHouseholdIdNamesTheField) {
  const std::string marker = "household-marker";
  ExpectUnparseable(
      "/rasoat.v1.SyncService/Push",
      WithInvalidUtf8(RequestOf("tab-1", {MakeMutation(marker, "m1", 0, MakeHousehold(1))}),
                      marker),
      "the request is not a valid rasoat.v1.PushRequest: ",
      "mutations[0].key.household_id is not valid UTF-8 at byte 3");
  ExpectNothingStored();
}

TEST_F(BadInputE2eTest, PushWithInvalidUtf8InAMembersNameNamesTheField) {
  const std::string marker = "full-name-marker";
  v1::Household record = MakeHousehold(1);
  ASSERT_GE(record.members_size(), 2);
  record.mutable_members(1)->set_full_name(marker);
  ExpectUnparseable(
      "/rasoat.v1.SyncService/Push",
      WithInvalidUtf8(RequestOf("tab-1", {MakeMutation("h1", "m1", 0, MakeHousehold(2)),
                                          MakeMutation("h2", "m2", 0, record)}),
                      marker),
      "the request is not a valid rasoat.v1.PushRequest: ",
      "mutations[1].record.members[1].full_name is not valid UTF-8 at byte 3");
  ExpectNothingStored();
}

TEST_F(BadInputE2eTest, PullWithInvalidUtf8InTheRoundIdNamesTheField) {
  ASSERT_OK(Push(stub_.get(), "tab-1", {MakeMutation("h1", "m1", 0, MakeHousehold(1))}));
  const std::string marker = "round-id-marker";
  v1::PullRequest request;
  request.set_round_id(marker);
  *request.add_scopes() = CommuneScope("00001");
  ExpectUnparseable("/rasoat.v1.SyncService/Pull", WithInvalidUtf8(request, marker),
                    "the request is not a valid rasoat.v1.PullRequest: ",
                    "round_id is not valid UTF-8 at byte 3");
}

}  // namespace
}  // namespace rasoat::testing
