// SIGTERM lets the calls in flight finish: a pull stream half read when the signal arrives
// still delivers every page and ends OK, and rasoatd exits 0.
#include <gmock/gmock.h>
#include <grpcpp/client_context.h>
#include <grpcpp/create_channel.h>
#include <grpcpp/security/credentials.h>
#include <grpcpp/support/channel_arguments.h>
#include <gtest/gtest.h>

#include "absl/strings/str_cat.h"
#include "tests/e2e/sync_client.h"
#include "tests/e2e/sync_e2e_fixture.h"
#include "tests/support/households.h"
#include "tests/support/status_matchers.h"
#include <signal.h>

namespace rasoat::testing {
namespace {

constexpr int kHouseholds = 2000;

class ShutdownE2eTest : public SyncE2eTest {
 protected:
  // A grace period no loaded CI machine reaches: the stream must finish, not be cut.
  void SetUp() override { StartServer({"--shutdown_grace_seconds=120"}); }
};

TEST_F(ShutdownE2eTest, APullStreamInFlightAtSigtermCompletes) {
  for (int first = 0; first < kHouseholds; first += 100) {
    std::vector<v1::Mutation> batch;
    for (int i = first; i < first + 100; ++i) {
      batch.push_back(
          MakeMutation(absl::StrCat("h", i), absl::StrCat("m", i), 0, MakeHousehold(i)));
    }
    ASSERT_OK(Push(stub_.get(), "tab-1", batch));
  }

  // A gRPC 1.51 server shutting down closes a connection as soon as its last call ends, and a
  // segment the client sends after that (a window update) makes the server's kernel reset the
  // connection, dropping what it still had to send. A client that lets the server run far
  // ahead (BDP probing grows the window to megabytes) can lose the end of the finished stream
  // that way; the tablet pulls again from its last cursor. With probing off the server is at
  // most one 64 KiB window ahead, which the client's socket holds, so this test sees only what
  // rasoatd does at SIGTERM.
  grpc::ChannelArguments arguments;
  arguments.SetInt(GRPC_ARG_HTTP2_BDP_PROBE, 0);
  std::unique_ptr<v1::SyncService::Stub> stub =
      v1::SyncService::NewStub(server_->NewChannel(arguments));
  v1::PullRequest request;
  request.set_round_id("2026");
  *request.add_scopes() = VillageScope("00001", "thon-1");
  request.set_page_size(10);
  grpc::ClientContext context;
  std::unique_ptr<grpc::ClientReader<v1::PullResponse>> reader = stub->Pull(&context, request);
  v1::PullResponse page;
  ASSERT_TRUE(reader->Read(&page));
  int received = page.households_size();

  // The stream is open and unread: rasoatd must finish it before it exits.
  server_->Signal(SIGTERM);
  bool caught_up = page.caught_up();
  while (reader->Read(&page)) {
    received += page.households_size();
    caught_up = page.caught_up();
  }
  grpc::Status status = reader->Finish();
  EXPECT_TRUE(status.ok()) << status.error_message();
  EXPECT_EQ(received, kHouseholds);
  EXPECT_TRUE(caught_up);
  reader.reset();
  stub.reset();
  stub_.reset();
  EXPECT_EQ(server_->Wait(), 0);
  server_.reset();
}

}  // namespace
}  // namespace rasoat::testing
