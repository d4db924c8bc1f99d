#include "tests/support/concurrency_scenario.h"

#include <atomic>
#include <map>
#include <random>
#include <thread>

#include <gmock/gmock.h>
#include <google/protobuf/util/message_differencer.h>
#include <gtest/gtest.h>

#include "absl/strings/str_cat.h"
#include "tests/support/households.h"

namespace rasoat::testing {
namespace {

constexpr int kPushers = 16;
constexpr int kPullers = 4;
constexpr int kMutations = 2000;
constexpr int kHouseholds = 200;
constexpr int kVillages = 4;
constexpr char kCommune[] = "00001";

// What a puller believes about each household.
using View = std::map<std::string, v1::HouseholdState>;

std::string VillageOf(int household) { return absl::StrCat("thon-", household % kVillages); }

v1::PullRequest PullRequestOf(bool whole_commune, const std::string& cursor) {
  v1::PullRequest request;
  request.set_round_id("2026");
  if (whole_commune) {
    request.add_scopes()->set_commune_code(kCommune);
  } else {
    for (int v = 0; v < kVillages; ++v) {
      v1::Scope* scope = request.add_scopes();
      scope->set_commune_code(kCommune);
      scope->set_village_code(absl::StrCat("thon-", v));
    }
  }
  request.set_cursor(cursor);
  request.set_page_size(16);
  return request;
}

// One tablet: `kMutations / kPushers` mutations in batches of 1 to 5, each edited from the
// head this tablet last heard of.
void RunPusher(int t, ScenarioClient* client, AckedMutations* acked,
               std::atomic<int>* push_errors) {
  const std::string device = absl::StrCat("tab-", t);
  std::mt19937_64 rng(t);
  std::map<int, uint64_t> known_version;
  const int quota = kMutations / kPushers;
  for (int sent = 0; sent < quota;) {
    v1::PushRequest request;
    request.set_device_id(device);
    std::vector<v1::Mutation> mutations;
    const int batch = std::min<int>(1 + static_cast<int>(rng() % 5), quota - sent);
    for (int i = 0; i < batch; ++i, ++sent) {
      const int household = static_cast<int>(rng() % kHouseholds);
      mutations.push_back(MakeMutation(absl::StrCat("h", household),
                                       absl::StrCat(device, "-", sent), known_version[household],
                                       MakeHousehold(rng(), kCommune, VillageOf(household))));
      *request.add_mutations() = mutations.back();
    }
    absl::StatusOr<v1::PushResponse> response = client->Push(request);
    if (!response.ok()) {
      if ((*push_errors)++ == 0) ADD_FAILURE() << "push failed: " << response.status();
      continue;
    }
    acked->Add(device, mutations, *response);
    for (size_t i = 0; i < mutations.size(); ++i) {
      const v1::MutationResult& result = response->results(static_cast<int>(i));
      EXPECT_THAT(result.outcome(),
                  ::testing::AnyOf(v1::MUTATION_OUTCOME_APPLIED, v1::MUTATION_OUTCOME_MERGED,
                                   v1::MUTATION_OUTCOME_CONFLICT));
      known_version[std::stoi(mutations[i].key().household_id().substr(1))] = result.head_version();
    }
  }
}

}  // namespace

void RunPushPullScenario(const ScenarioClientFactory& new_client, AckedMutations* acked) {
  std::atomic<bool> pushing{true};
  std::atomic<int> push_errors{0};
  std::vector<std::thread> pushers;
  for (int t = 0; t < kPushers; ++t) {
    pushers.emplace_back([&, t] { RunPusher(t, new_client().get(), acked, &push_errors); });
  }

  // Pullers 0 and 1 pull the commune; 2 and 3 name its villages one by one.
  std::vector<View> views(kPullers);
  std::vector<int> pulls(kPullers, 0);
  std::vector<std::thread> pullers;
  for (int p = 0; p < kPullers; ++p) {
    pullers.emplace_back([&, p] {
      std::unique_ptr<ScenarioClient> client = new_client();
      std::string cursor;
      for (bool last = false; !last;) {
        last = !pushing.load();  // one more pull after the pushers are done
        absl::StatusOr<ScenarioClient::Pulled> pulled = client->Pull(PullRequestOf(p < 2, cursor));
        ASSERT_TRUE(pulled.ok()) << pulled.status();
        for (v1::HouseholdState& state : pulled->households) {
          views[p].insert_or_assign(state.key().household_id(), std::move(state));
        }
        cursor = pulled->cursor;
        ++pulls[p];
      }
    });
  }
  for (std::thread& pusher : pushers) pusher.join();
  pushing.store(false);
  for (std::thread& puller : pullers) puller.join();
  EXPECT_EQ(push_errors.load(), 0);

  absl::StatusOr<ScenarioClient::Pulled> server_state = new_client()->Pull(PullRequestOf(true, ""));
  ASSERT_TRUE(server_state.ok()) << server_state.status();
  View truth;
  for (const v1::HouseholdState& state : server_state->households) {
    truth[state.key().household_id()] = state;
  }
  EXPECT_EQ(truth.size(), static_cast<size_t>(kHouseholds));
  for (int p = 0; p < kPullers; ++p) {
    SCOPED_TRACE(absl::StrCat("puller ", p, " after ", pulls[p], " pulls"));
    ASSERT_EQ(views[p].size(), truth.size());
    for (const auto& [id, state] : truth) {
      const v1::HouseholdState& seen = views[p][id];
      EXPECT_EQ(seen.version(), state.version()) << id;
      EXPECT_TRUE(google::protobuf::util::MessageDifferencer::Equals(seen, state)) << id;
    }
  }

  // Every acknowledged head is at most the server's head.
  for (const AckedMutations::Ack& ack : acked->All()) {
    EXPECT_LE(ack.result.head_version(), truth[ack.mutation.key().household_id()].version());
  }
  EXPECT_EQ(acked->Count(), static_cast<size_t>(kMutations));
}

}  // namespace rasoat::testing
