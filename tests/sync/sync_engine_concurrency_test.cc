// The concurrency run, in-process so ThreadSanitizer sees all of it: 16 tablets push
// 2,000 mutations over 200 households through SyncEngine while 4 pull continuously from their
// own cursors. Afterwards every puller's last state of each household equals the server's, and
// every acknowledged version is stored as pushed. (tests/e2e/concurrency_e2e_test runs the same
// over gRPC against a real rasoatd; Debian's gRPC is not TSan-instrumented, so that one runs in
// the release and ASan presets.)
#include <atomic>
#include <map>
#include <random>
#include <thread>

#include <gmock/gmock.h>
#include <google/protobuf/util/message_differencer.h>
#include <gtest/gtest.h>

#include "absl/strings/str_cat.h"
#include "sync/keys.h"
#include "sync/mutex.h"
#include "sync/sync_engine.h"
#include "sync/version_value.h"
#include "tests/support/households.h"
#include "tests/support/status_matchers.h"
#include "tests/support/temp_dir.h"

namespace rasoat {
namespace {

using ::google::protobuf::util::MessageDifferencer;
using testing::MakeHousehold;
using testing::MakeMutation;

constexpr int kPushers = 16;
constexpr int kPullers = 4;
constexpr int kMutations = 2000;
constexpr int kHouseholds = 200;
constexpr int kVillages = 4;

using View = std::map<std::string, v1::HouseholdState>;

// Drains one pull from `cursor` into `view`; returns the cursor to resume from.
absl::StatusOr<std::string> PullInto(SyncEngine* engine, const std::vector<v1::Scope>& scopes,
                                     const std::string& cursor, View* view) {
  v1::PullRequest request;
  request.set_round_id("2026");
  for (const v1::Scope& scope : scopes) *request.add_scopes() = scope;
  request.set_cursor(cursor);
  request.set_page_size(16);
  absl::StatusOr<std::unique_ptr<PullSession>> session = engine->StartPull(request);
  if (!session.ok()) return session.status();
  v1::PullResponse page;
  while (!(*session)->done()) {
    if (absl::Status status = (*session)->NextPage(&page); !status.ok()) return status;
    for (const v1::HouseholdState& state : page.households()) {
      view->insert_or_assign(state.key().household_id(), state);
    }
  }
  return page.cursor();
}

v1::Scope Scope(const std::string& village) {
  v1::Scope scope;
  scope.set_commune_code("00001");
  scope.set_village_code(village);
  return scope;
}

TEST(SyncEngineConcurrencyTest, PullersConvergeAndNoAcknowledgedMutationIsLost) {
  testing::TempDir dir;
  ASSERT_OK_AND_ASSIGN(std::unique_ptr<SyncEngine> engine,
                       SyncEngine::Open(SyncOptions{.data_dir = dir.path()}));

  struct Ack {
    std::string device;
    v1::Mutation mutation;
    v1::MutationResult result;
  };
  Mutex acks_mu;
  std::vector<Ack> acks;  // guarded by acks_mu
  std::atomic<bool> pushing{true};

  std::vector<std::thread> pushers;
  for (int t = 0; t < kPushers; ++t) {
    pushers.emplace_back([&, t] {
      const std::string device = absl::StrCat("tab-", t);
      std::mt19937_64 rng(t);
      std::map<int, uint64_t> known_version;
      for (int sent = 0; sent < kMutations / kPushers;) {
        v1::PushRequest request;
        request.set_device_id(device);
        const int batch = std::min(1 + static_cast<int>(rng() % 5), kMutations / kPushers - sent);
        for (int i = 0; i < batch; ++i, ++sent) {
          const int household = static_cast<int>(rng() % kHouseholds);
          *request.add_mutations() = MakeMutation(
              absl::StrCat("h", household), absl::StrCat(device, "-", sent),
              known_version[household],
              MakeHousehold(rng(), "00001", absl::StrCat("thon-", household % kVillages)));
        }
        v1::PushResponse response;
        ASSERT_OK(engine->Push(request, &response));
        MutexLock lock(&acks_mu);
        for (int i = 0; i < request.mutations_size(); ++i) {
          const v1::MutationResult& result = response.results(i);
          ASSERT_THAT(result.outcome(),
                      ::testing::AnyOf(v1::MUTATION_OUTCOME_APPLIED, v1::MUTATION_OUTCOME_MERGED,
                                       v1::MUTATION_OUTCOME_CONFLICT));
          acks.push_back(Ack{device, request.mutations(i), result});
          known_version[std::stoi(request.mutations(i).key().household_id().substr(1))] =
              result.head_version();
        }
      }
    });
  }

  std::vector<v1::Scope> commune = {Scope("")};
  std::vector<v1::Scope> villages;
  for (int v = 0; v < kVillages; ++v) villages.push_back(Scope(absl::StrCat("thon-", v)));
  std::vector<View> views(kPullers);
  std::vector<std::thread> pullers;
  for (int p = 0; p < kPullers; ++p) {
    pullers.emplace_back([&, p] {
      const std::vector<v1::Scope>& scopes = p % 2 == 0 ? commune : villages;
      std::string cursor;
      bool last = false;
      while (!last) {
        last = !pushing.load();  // one more pull after the pushers are done
        absl::StatusOr<std::string> next = PullInto(engine.get(), scopes, cursor, &views[p]);
        ASSERT_TRUE(next.ok()) << next.status();
        cursor = *next;
      }
    });
  }
  for (std::thread& pusher : pushers) pusher.join();
  pushing.store(false);
  for (std::thread& puller : pullers) puller.join();

  View truth;
  ASSERT_OK(PullInto(engine.get(), commune, "", &truth).status());
  ASSERT_EQ(truth.size(), static_cast<size_t>(kHouseholds));
  for (int p = 0; p < kPullers; ++p) {
    ASSERT_EQ(views[p].size(), truth.size()) << "puller " << p;
    for (const auto& [id, state] : truth) {
      EXPECT_TRUE(MessageDifferencer::Equals(views[p][id], state)) << "puller " << p << " " << id;
    }
  }

  ASSERT_EQ(acks.size(), static_cast<size_t>(kMutations));
  for (const Ack& ack : acks) {
    const std::string& id = ack.mutation.key().household_id();
    EXPECT_LE(ack.result.head_version(), truth[id].version());
    std::string value;
    ASSERT_TRUE(engine->store()
                    .db()
                    ->Get(rocksdb::ReadOptions(), engine->store().versions(),
                          VersionKeyOf("2026", id, ack.result.version()), &value)
                    .ok())
        << id << " v" << ack.result.version();
    v1::Household record;
    ASSERT_OK(DecodeVersionValue(value, nullptr, &record));
    // A merged version holds the merge, not the tablet's record.
    EXPECT_TRUE(MessageDifferencer::Equals(
        record, ack.result.outcome() == v1::MUTATION_OUTCOME_APPLIED ? ack.mutation.record()
                                                                     : ack.result.merged_record()));
  }
}

}  // namespace
}  // namespace rasoat
