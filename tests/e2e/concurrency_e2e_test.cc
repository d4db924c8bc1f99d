// The concurrency scenario (tests/support/concurrency_scenario.h) over gRPC against a real
// rasoatd: tablets pushing while others pull from their own cursors; every puller converges to
// the server's state and no acknowledged mutation is lost. tests/sync/engine_concurrency_test.cc
// runs the same scenario in process, under ThreadSanitizer too.
#include <memory>

#include <gtest/gtest.h>

#include "tests/e2e/sync_client.h"
#include "tests/e2e/sync_e2e_fixture.h"
#include "tests/support/acked_mutations.h"
#include "tests/support/concurrency_scenario.h"

namespace rasoat::testing {
namespace {

class GrpcClient final : public ScenarioClient {
 public:
  // Sixteen pushers and eight pullers connect at once: each connects before its first call
  // (see NewConnectedSyncStub), so that every failed call the scenario counts is rasoatd's.
  explicit GrpcClient(const RasoatdProcess* server) : stub_(server->NewConnectedSyncStub()) {}

  absl::StatusOr<v1::PushResponse> Push(const v1::PushRequest& request) override {
    return testing::Push(stub_.get(), request.device_id(),
                         {request.mutations().begin(), request.mutations().end()});
  }

  absl::StatusOr<Pulled> Pull(const v1::PullRequest& request) override {
    absl::StatusOr<PullResult> pull =
        PullAll(stub_.get(), request.round_id(), {request.scopes().begin(), request.scopes().end()},
                request.cursor(), request.page_size());
    if (!pull.ok()) return pull.status();
    return Pulled{std::move(pull->households), pull->page_cursors.back()};
  }

 private:
  std::unique_ptr<v1::SyncService::Stub> stub_;
};

class ConcurrencyE2eTest : public SyncE2eTest {};

TEST_F(ConcurrencyE2eTest, PullersConvergeAndNoAcknowledgedMutationIsLost) {
  AckedMutations acked;
  RunPushPullScenario([this] { return std::make_unique<GrpcClient>(server_.get()); }, &acked);
  StopServer();
  acked.ExpectAllDurable(dir_.Sub("data"));
}

}  // namespace
}  // namespace rasoat::testing
