// The concurrency scenario (tests/support/concurrency_scenario.h) in process, so that
// ThreadSanitizer sees every thread: tablets pushing through the engine's push service while
// others pull from their own cursors. tests/e2e/concurrency_e2e_test.cc runs the same scenario
// over gRPC against a real rasoatd.
#include <memory>

#include <gtest/gtest.h>

#include "sync/engine.h"
#include "tests/support/acked_mutations.h"
#include "tests/support/concurrency_scenario.h"
#include "tests/support/engine_fixture.h"
#include "tests/support/status_matchers.h"
#include "tests/support/test_principal.h"

namespace rasoat::testing {
namespace {

class EngineClient final : public ScenarioClient {
 public:
  explicit EngineClient(Engine* engine) : engine_(engine) {}

  absl::StatusOr<v1::PushResponse> Push(const v1::PushRequest& request) override {
    v1::PushResponse response;
    if (absl::Status status = engine_->push().Push(TestAdmin(), request, &response); !status.ok()) {
      return status;
    }
    return response;
  }

  absl::StatusOr<Pulled> Pull(const v1::PullRequest& request) override {
    absl::StatusOr<Drained> drained = DrainPull(*engine_, request);
    if (!drained.ok()) return drained.status();
    return Pulled{std::move(drained->households), std::move(drained->cursor)};
  }

 private:
  Engine* const engine_;  // not owned
};

class EngineConcurrencyTest : public EngineTest {};

TEST_F(EngineConcurrencyTest, PullersConvergeAndNoAcknowledgedMutationIsLost) {
  Open();
  AckedMutations acked;
  RunPushPullScenario([this] { return std::make_unique<EngineClient>(engine_.get()); }, &acked);
  engine_.reset();
  acked.ExpectAllDurable(options_.data_dir);
}

}  // namespace
}  // namespace rasoat::testing
