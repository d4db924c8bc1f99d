// The concurrency scenario of DESIGN.md's invariants, written once and run two ways: in
// process against an Engine (tests/sync/engine_concurrency_test.cc, so ThreadSanitizer sees
// every thread) and over gRPC against a real rasoatd (tests/e2e/concurrency_e2e_test.cc; Debian's
// gRPC is not TSan-instrumented). 16 tablets push 2,000 mutations over 200 households of 4
// villages while 4 pull continuously from their own cursors (two the commune, two its villages
// one by one). Afterwards every puller's last state of each household equals a fresh pull's,
// and no acknowledged head is ahead of the server's; the caller then checks, with the server
// stopped, that every acknowledged version is stored as pushed.
//
// Thread-safety: RunPushPullScenario starts and joins its own threads; each thread has a client
// of its own.
#pragma once

#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "rasoat/v1/sync.pb.h"
#include "tests/support/acked_mutations.h"

namespace rasoat::testing {

// How the scenario reaches the server: in process or over gRPC.
class ScenarioClient {
 public:
  // What one pull delivered: the households in order and the last page's cursor.
  struct Pulled {
    std::vector<v1::HouseholdState> households;
    std::string cursor;
  };

  virtual ~ScenarioClient() = default;
  virtual absl::StatusOr<v1::PushResponse> Push(const v1::PushRequest& request) = 0;
  // Runs `request` (cursor and page size set) to its end.
  virtual absl::StatusOr<Pulled> Pull(const v1::PullRequest& request) = 0;
};

// Makes a client for one thread of the scenario.
using ScenarioClientFactory = std::function<std::unique_ptr<ScenarioClient>()>;

// Runs the scenario, adding a test failure for everything that does not hold, and records
// every acknowledged mutation in `acked` (not owned).
void RunPushPullScenario(const ScenarioClientFactory& new_client, AckedMutations* acked);

}  // namespace rasoat::testing
