// Many tablets pushing while others pull, against a real rasoatd: every puller converges to the
// server's state and no acknowledged mutation is lost. Also runs under ThreadSanitizer.
#include <atomic>
#include <map>
#include <random>
#include <thread>

#include <gmock/gmock.h>
#include <google/protobuf/util/message_differencer.h>
#include <gtest/gtest.h>

#include "absl/strings/str_cat.h"
#include "tests/e2e/acked_mutations.h"
#include "tests/e2e/sync_client.h"
#include "tests/e2e/sync_e2e_fixture.h"
#include "tests/support/households.h"
#include "tests/support/status_matchers.h"

namespace rasoat::testing {
namespace {

constexpr int kPushers = 16;
constexpr int kPullers = 4;
constexpr int kMutations = 2000;
constexpr int kHouseholds = 200;
constexpr int kVillages = 4;

std::string VillageOf(int household) { return absl::StrCat("thon-", household % kVillages); }

// What a puller believes about each household.
using View = std::map<std::string, v1::HouseholdState>;

void Apply(const PullResult& pull, View* view) {
  for (const v1::HouseholdState& state : pull.households)
    view->insert_or_assign(state.key().household_id(), state);
}

class ConcurrencyE2eTest : public SyncE2eTest {};

TEST_F(ConcurrencyE2eTest, PullersConvergeAndNoAcknowledgedMutationIsLost) {
  AckedMutations acked;
  std::atomic<bool> pushing{true};
  std::atomic<int> push_errors{0};

  std::vector<std::thread> pushers;
  for (int t = 0; t < kPushers; ++t) {
    pushers.emplace_back([&, t] {
      auto stub = server_->NewSyncStub();
      const std::string device = absl::StrCat("tab-", t);
      std::mt19937_64 rng(t);
      std::map<int, uint64_t> known_version;  // this tablet's idea of each household's head
      int sent = 0;
      const int quota = kMutations / kPushers;
      while (sent < quota) {
        const int batch = std::min<int>(1 + static_cast<int>(rng() % 5), quota - sent);
        std::vector<v1::Mutation> mutations;
        for (int i = 0; i < batch; ++i, ++sent) {
          const int household = static_cast<int>(rng() % kHouseholds);
          mutations.push_back(MakeMutation(
              absl::StrCat("h", household), absl::StrCat(device, "-", sent),
              known_version[household], MakeHousehold(rng(), "00001", VillageOf(household))));
        }
        absl::StatusOr<v1::PushResponse> response = Push(stub.get(), device, mutations);
        if (!response.ok()) {
          if (push_errors++ == 0) ADD_FAILURE() << "push failed: " << response.status();
          continue;
        }
        acked.Add(device, mutations, *response);
        for (size_t i = 0; i < mutations.size(); ++i) {
          const int household = std::stoi(mutations[i].key().household_id().substr(1));
          known_version[household] = response->results(static_cast<int>(i)).head_version();
        }
      }
    });
  }

  // Pullers 0 and 1 pull the commune; 2 and 3 name its villages one by one.
  std::vector<v1::Scope> commune = {CommuneScope("00001")};
  std::vector<v1::Scope> villages;
  for (int v = 0; v < kVillages; ++v)
    villages.push_back(VillageScope("00001", absl::StrCat("thon-", v)));
  std::vector<View> views(kPullers);
  std::vector<int> pulls(kPullers, 0);
  std::vector<std::thread> pullers;
  for (int p = 0; p < kPullers; ++p) {
    pullers.emplace_back([&, p] {
      auto stub = server_->NewSyncStub();
      const std::vector<v1::Scope>& scopes = p < 2 ? commune : villages;
      std::string cursor;
      auto pull_once = [&] {
        absl::StatusOr<PullResult> pull = PullAll(stub.get(), "2026", scopes, cursor, 16);
        ASSERT_TRUE(pull.ok()) << pull.status();
        Apply(*pull, &views[p]);
        cursor = pull->page_cursors.back();
        ++pulls[p];
      };
      while (pushing.load()) pull_once();
      pull_once();  // everything acknowledged is committed by now
    });
  }

  for (std::thread& pusher : pushers) pusher.join();
  pushing.store(false);
  for (std::thread& puller : pullers) puller.join();
  EXPECT_EQ(push_errors.load(), 0);

  ASSERT_OK_AND_ASSIGN(PullResult server_state, PullAll(stub_.get(), "2026", commune));
  View truth;
  Apply(server_state, &truth);
  EXPECT_EQ(truth.size(), static_cast<size_t>(kHouseholds));
  for (int p = 0; p < kPullers; ++p) {
    SCOPED_TRACE(absl::StrCat("puller ", p, " after ", pulls[p], " pulls"));
    ASSERT_EQ(views[p].size(), truth.size());
    for (const auto& [id, state] : truth) {
      const v1::HouseholdState& seen = views[p][id];
      EXPECT_EQ(seen.version(), state.version()) << id;
      EXPECT_EQ(seen.status(), state.status()) << id;
      EXPECT_TRUE(google::protobuf::util::MessageDifferencer::Equals(seen, state)) << id;
    }
  }

  // Every acknowledged head is at most the server's head, and every acked version is stored.
  for (const AckedMutations::Ack& ack : acked.All()) {
    EXPECT_LE(ack.result.head_version(), truth[ack.mutation.key().household_id()].version());
  }
  EXPECT_EQ(acked.Count(), static_cast<size_t>(kMutations));
  StopServer();
  acked.ExpectAllDurable(dir_.Sub("data"));
}

}  // namespace
}  // namespace rasoat::testing
