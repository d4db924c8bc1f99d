// rasoatd killed with SIGKILL, or stopped with SIGTERM, in the middle of a push load: after a
// restart every acknowledged mutation is there at the version that was acknowledged, the store
// opens without repair, and tablets retrying their interrupted pushes lose nothing.
#include <atomic>
#include <map>
#include <thread>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "absl/strings/str_cat.h"
#include "sync/base/mutex.h"
#include "tests/e2e/sync_client.h"
#include "tests/e2e/sync_e2e_fixture.h"
#include "tests/support/acked_mutations.h"
#include "tests/support/households.h"
#include "tests/support/status_matchers.h"

namespace rasoat::testing {
namespace {

constexpr int kClients = 6;
constexpr size_t kAcksBeforeStop = 400;

// Tablets pushing batches of new households and edits until the server goes away. Each keeps
// the batch that was in flight when it failed, to retry it after the restart.
class PushLoad {
 public:
  explicit PushLoad(RasoatdProcess* server) {
    for (int c = 0; c < kClients; ++c) {
      threads_.emplace_back([this, server, c] { Run(server, c); });
    }
  }

  void Join() {
    for (std::thread& thread : threads_) thread.join();
  }

  AckedMutations& acked() { return acked_; }
  // The batch each client had in flight when the server went away (maybe empty).
  const std::vector<std::vector<v1::Mutation>>& interrupted() const { return interrupted_; }

 private:
  void Run(RasoatdProcess* server, int client) {
    // Connected first (see NewConnectedSyncStub), so a push fails only once the server is gone.
    auto stub = server->NewConnectedSyncStub();
    const std::string device = absl::StrCat("tab-", client);
    std::map<std::string, uint64_t> heads;
    for (int n = 0;; ++n) {
      std::vector<v1::Mutation> batch;
      for (int i = 0; i < 4; ++i) {
        // Alternate creating a household and editing the previous one.
        const int household = (n * 4 + i) / 2;
        const std::string id = absl::StrCat(device, "-h", household);
        batch.push_back(MakeMutation(id, absl::StrCat(device, "-m", n, "-", i), heads[id],
                                     MakeHousehold(n * 4 + i + client * 100000)));
        heads[id] = heads[id] + 1;  // the version this batch will make
      }
      absl::StatusOr<v1::PushResponse> response = Push(stub.get(), device, batch);
      if (!response.ok()) {
        MutexLock lock(&mu_);
        interrupted_[client] = std::move(batch);
        return;
      }
      acked_.Add(device, batch, *response);
    }
  }

  AckedMutations acked_;
  Mutex mu_;
  std::vector<std::vector<v1::Mutation>> interrupted_ =
      std::vector<std::vector<v1::Mutation>>(kClients);
  std::vector<std::thread> threads_;
};

class CrashE2eTest : public SyncE2eTest {
 protected:
  // After a restart: every ack replays as a DUPLICATE of itself, and each interrupted batch,
  // pushed again, is applied now or was applied before — never lost, never an error.
  void ExpectRecovered(PushLoad& load) {
    auto stub = server_->NewSyncStub();
    for (const AckedMutations::Ack& ack : load.acked().All()) {
      ASSERT_OK_AND_ASSIGN(v1::PushResponse replay,
                           Push(stub.get(), ack.device_id, {ack.mutation}));
      ASSERT_EQ(replay.results(0).outcome(), v1::MUTATION_OUTCOME_DUPLICATE)
          << ack.mutation.mutation_id();
      EXPECT_EQ(replay.results(0).version(), ack.result.version()) << ack.mutation.mutation_id();
      EXPECT_EQ(replay.results(0).original_outcome(), ack.result.outcome());
    }
    for (int c = 0; c < kClients; ++c) {
      const std::vector<v1::Mutation>& batch = load.interrupted()[c];
      if (batch.empty()) continue;
      ASSERT_OK_AND_ASSIGN(v1::PushResponse retry,
                           Push(stub.get(), absl::StrCat("tab-", c), batch));
      for (const v1::MutationResult& result : retry.results()) {
        EXPECT_THAT(result.outcome(),
                    ::testing::AnyOf(v1::MUTATION_OUTCOME_APPLIED, v1::MUTATION_OUTCOME_DUPLICATE));
      }
    }
    StopServer();
    load.acked().ExpectAllDurable(dir_.Sub("data"));
  }
};

TEST_F(CrashE2eTest, SigkillDuringPushLoadLosesNothingAcknowledged) {
  PushLoad load(server_.get());
  load.acked().AwaitCount(kAcksBeforeStop);
  server_->Kill();
  load.Join();

  // Restart on the same data: it must open as it is, with no repair step.
  StartServer();
  ExpectRecovered(load);
}

TEST_F(CrashE2eTest, SigtermDuringPushLoadStopsCleanlyAndLosesNothing) {
  PushLoad load(server_.get());
  load.acked().AwaitCount(kAcksBeforeStop);
  EXPECT_EQ(server_->Terminate(), 0);
  load.Join();

  StartServer();
  ExpectRecovered(load);
}

}  // namespace
}  // namespace rasoat::testing
