// Pulls running while pushes commit out of order: the cursor invariant (DESIGN.md) under real
// concurrency. Pullers that resume from their own cursors while 8 threads push must show every
// result acknowledged so far whenever the pushers pause, must end up with exactly what a fresh
// pull from the beginning sees, and that must agree with every result the pushers were sent.
#include <algorithm>
#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <ostream>
#include <random>
#include <set>
#include <string>
#include <thread>
#include <tuple>
#include <utility>
#include <vector>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "rasoat/v1/sync.pb.h"
#include "sync/engine.h"
#include "sync/pull/pull_page.pb.h"
#include "tests/support/households.h"
#include "tests/support/status_matchers.h"
#include "tests/support/temp_dir.h"
#include "tests/support/test_principal.h"
#include "tests/sync/pull/push_pull_rounds.h"

namespace rasoat {
namespace {

using ::rasoat::testing::MakeHousehold;
using ::rasoat::testing::MakeMutation;
using ::rasoat::testing::PushPullRounds;

constexpr int kHouseholds = 50;
constexpr int kPushers = 8;
constexpr int kMutationsPerPusher = 125;  // 1,000 in all
constexpr int kPullers = 2;
constexpr char kCommune[] = "00001";
const char* const kVillages[] = {"thon-1", "thon-2", "thon-3"};

std::string HouseholdId(int i) { return "hh-" + std::to_string(100 + i); }
const char* VillageOf(int i) { return kVillages[i % 3]; }

// What a pull says about one household.
struct Seen {
  uint64_t version = 0;
  v1::ReviewStatus status = v1::REVIEW_STATUS_UNSPECIFIED;
  size_t open_conflicts = 0;

  bool operator==(const Seen& other) const {
    return std::tie(version, status, open_conflicts) ==
           std::tie(other.version, other.status, other.open_conflicts);
  }
};

void PrintTo(const Seen& seen, std::ostream* os) {
  *os << "{version " << seen.version << ", status " << v1::ReviewStatus_Name(seen.status) << ", "
      << seen.open_conflicts << " conflicts}";
}

Seen SeenOf(const pull::StoredHouseholdState& state) {
  return Seen{state.version(), state.status(), static_cast<size_t>(state.conflicts_size())};
}

// The pushers' acknowledged results of one household.
struct Acked {
  std::vector<uint64_t> applied_versions;
  std::vector<uint64_t> conflict_versions;
  // Paths in conflict over all CONFLICT results: the head keeps one open conflict per path.
  std::set<std::string> conflict_paths;
  uint64_t max_head_version = 0;
};

v1::PullRequest WholeCommuneRequest() {
  v1::PullRequest request;
  request.set_round_id("2026");
  request.add_scopes()->set_commune_code(kCommune);
  return request;
}

v1::PullRequest ListedVillagesRequest() {
  v1::PullRequest request;
  request.set_round_id("2026");
  for (const char* village : kVillages) {
    v1::Scope* scope = request.add_scopes();
    scope->set_commune_code(kCommune);
    scope->set_village_code(village);
  }
  return request;
}

// Pulls `request` from *cursor to its end into *seen, moving *cursor along. Returns false
// (after a test failure) if anything went wrong.
bool PullInto(const Engine& engine, v1::PullRequest request, std::string* cursor,
              std::map<std::string, Seen>* seen, const std::set<std::string>& in_scope) {
  request.set_cursor(*cursor);
  request.set_page_size(7);  // several pages per pull, so pages resume mid-stream too
  absl::StatusOr<std::unique_ptr<PullSession>> session =
      engine.pull().StartPull(TestAdmin(), request);
  if (!session.ok()) {
    ADD_FAILURE() << "StartPull: " << session.status();
    return false;
  }
  pull::PullPage page;
  std::set<std::string> this_pull;
  while (!(*session)->done()) {
    if (absl::Status status = (*session)->NextPage(&page); !status.ok()) {
      ADD_FAILURE() << "NextPage: " << status;
      return false;
    }
    for (const pull::StoredHouseholdState& state : page.households()) {
      const std::string& id = state.key().household_id();
      if (!in_scope.contains(id)) {
        ADD_FAILURE() << "pulled unknown household " << id;
        return false;
      }
      if (!this_pull.insert(id).second) {
        ADD_FAILURE() << id << " sent twice in one pull";
        return false;
      }
      Seen& entry = (*seen)[id];
      if (state.version() < entry.version) {
        ADD_FAILURE() << id << " went back from version " << entry.version << " to "
                      << state.version();
        return false;
      }
      entry = SeenOf(state);
    }
    *cursor = page.cursor();
  }
  return true;
}

// What a pull of a quiescent store must show for `acked`.
std::map<std::string, Seen> ExpectedFrom(const std::map<std::string, Acked>& acked) {
  std::map<std::string, Seen> expected;
  for (const auto& [id, a] : acked) {
    Seen& seen = expected[id];
    // Every push makes the new head; conflicts stay open (nobody resolves them here).
    seen.version = a.max_head_version;
    seen.open_conflicts = a.conflict_paths.size();
    seen.status =
        a.conflict_paths.empty() ? v1::REVIEW_STATUS_READY_FOR_REVIEW : v1::REVIEW_STATUS_CONFLICT;
  }
  return expected;
}

TEST(PullConcurrencyTest, PullersResumingFromTheirCursorsMissNothingPushersCommitted) {
  // Each round every pusher pushes one batch of 2 or 3 mutations: many checkpoints, and at
  // each one most households changed in the round were changed last in it.
  constexpr int kRounds = 50;

  testing::TempDir dir;
  ASSERT_OK_AND_ASSIGN(std::unique_ptr<Engine> engine,
                       Engine::Open(EngineOptions{.data_dir = dir.Sub("data")}));

  std::set<std::string> in_scope;
  for (int i = 0; i < kHouseholds; ++i) in_scope.insert(HouseholdId(i));

  PushPullRounds rounds(kPushers, kPullers);
  std::mutex acked_mu;
  std::map<std::string, Acked> acked;  // guarded by acked_mu

  std::vector<std::thread> pushers;
  for (int p = 0; p < kPushers; ++p) {
    pushers.emplace_back([&, p] {
      std::mt19937 rng(static_cast<uint32_t>(p) + 1u);
      const std::string device = "tablet-" + std::to_string(p);
      // This tablet's idea of each household's version: stale once others push.
      std::map<std::string, uint64_t> base;
      int sent = 0;
      int batches = 0;
      bool ok = true;
      for (int round = 0; round < kRounds; ++round) {
        rounds.AwaitRound(round);
        std::map<std::string, Acked> mine;
        const int round_end = kMutationsPerPusher * (round + 1) / kRounds;
        while (ok && sent < round_end) {
          v1::PushRequest request;
          request.set_device_id(device);
          const int batch = round_end - sent;
          for (int b = 0; b < batch; ++b, ++sent) {
            const int i = static_cast<int>(rng() % kHouseholds);
            const std::string id = HouseholdId(i);
            v1::Household record = MakeHousehold(static_cast<uint64_t>(i), kCommune, VillageOf(i));
            record.set_collaborator_note(device + " edit " + std::to_string(sent));
            *request.add_mutations() =
                MakeMutation(id, "m-" + std::to_string(sent), base[id], std::move(record));
          }
          v1::PushResponse response;
          if (absl::Status status = engine->push().Push(TestAdmin(), request, &response);
              !status.ok()) {
            ADD_FAILURE() << device << ": " << status;
            ok = false;
            break;
          }
          if (response.results_size() != request.mutations_size()) {
            ADD_FAILURE() << device << ": " << response.results_size() << " results for "
                          << request.mutations_size() << " mutations";
            ok = false;
            break;
          }
          for (const v1::MutationResult& result : response.results()) {
            const std::string& id = result.key().household_id();
            Acked& a = mine[id];
            EXPECT_EQ(result.version(), result.head_version()) << result.ShortDebugString();
            if (result.outcome() == v1::MUTATION_OUTCOME_APPLIED ||
                result.outcome() == v1::MUTATION_OUTCOME_MERGED) {
              a.applied_versions.push_back(result.version());
            } else if (result.outcome() == v1::MUTATION_OUTCOME_CONFLICT) {
              EXPECT_GT(result.conflicts_size(), 0) << result.ShortDebugString();
              a.conflict_versions.push_back(result.version());
              for (const v1::FieldConflict& conflict : result.conflicts()) {
                a.conflict_paths.insert(conflict.path());
              }
            } else {
              ADD_FAILURE() << device << ": unexpected " << result.ShortDebugString();
              continue;
            }
            a.max_head_version = std::max(a.max_head_version, result.head_version());
            base[id] = result.head_version();
          }
          // Every fourth batch the tablet "loses the response" and pushes it again: every
          // result must come back as the original, as a duplicate.
          if (++batches % 4 == 0) {
            v1::PushResponse replay;
            if (absl::Status status = engine->push().Push(TestAdmin(), request, &replay);
                !status.ok()) {
              ADD_FAILURE() << device << " replay: " << status;
              ok = false;
              break;
            }
            EXPECT_EQ(replay.results_size(), response.results_size());
            for (int r = 0; r < std::min(replay.results_size(), response.results_size()); ++r) {
              EXPECT_EQ(replay.results(r).outcome(), v1::MUTATION_OUTCOME_DUPLICATE);
              EXPECT_EQ(replay.results(r).original_outcome(), response.results(r).outcome());
              EXPECT_EQ(replay.results(r).version(), response.results(r).version());
              EXPECT_EQ(replay.results(r).head_version(), response.results(r).head_version());
            }
          }
        }
        {
          std::lock_guard<std::mutex> lock(acked_mu);
          for (auto& [id, a] : mine) {
            Acked& all = acked[id];
            all.applied_versions.insert(all.applied_versions.end(), a.applied_versions.begin(),
                                        a.applied_versions.end());
            all.conflict_versions.insert(all.conflict_versions.end(), a.conflict_versions.begin(),
                                         a.conflict_versions.end());
            all.conflict_paths.insert(a.conflict_paths.begin(), a.conflict_paths.end());
            all.max_head_version = std::max(all.max_head_version, a.max_head_version);
          }
        }
        // Keep meeting the others even after a failure, so that nobody waits forever.
        rounds.PusherFinished();
      }
    });
  }

  struct Puller {
    v1::PullRequest request;
    std::string cursor;
    std::map<std::string, Seen> seen;
    int pulls = 0;
    int pulls_during_pushes = 0;
  };
  std::vector<Puller> pullers(kPullers);
  pullers[0].request = WholeCommuneRequest();
  pullers[1].request = ListedVillagesRequest();
  std::vector<std::thread> puller_threads;
  for (size_t n = 0; n < pullers.size(); ++n) {
    puller_threads.emplace_back([&, n] {
      Puller& puller = pullers[n];
      bool ok = true;
      for (int round = 0; round < kRounds; ++round) {
        while (!rounds.PushersFinished(round)) {
          if (!ok) {  // after a failure, only keep the meetings so that nobody waits forever
            rounds.AwaitPushersFinished(round);
            break;
          }
          ok = PullInto(*engine, puller.request, &puller.cursor, &puller.seen, in_scope);
          ++puller.pulls;
          ++puller.pulls_during_pushes;
        }
        // Nothing is in flight: one more pull from the cursor must show every acknowledged
        // result (the cursor invariant: nothing committed at or below the cursor was skipped).
        if (ok) {
          ok = PullInto(*engine, puller.request, &puller.cursor, &puller.seen, in_scope);
          ++puller.pulls;
        }
        if (ok) {
          std::map<std::string, Seen> expected;
          {
            std::lock_guard<std::mutex> lock(acked_mu);
            expected = ExpectedFrom(acked);
          }
          const std::map<std::string, Seen>& seen = puller.seen;
          if (seen != expected) {
            ok = false;
            for (const auto& [id, want] : expected) {
              auto it = seen.find(id);
              if (it == seen.end()) {
                ADD_FAILURE() << "puller " << n << ", round " << round << ": " << id
                              << " never pulled; expected " << ::testing::PrintToString(want);
              } else if (!(it->second == want)) {
                ADD_FAILURE() << "puller " << n << ", round " << round << ": " << id << " is "
                              << ::testing::PrintToString(it->second) << ", expected "
                              << ::testing::PrintToString(want);
              }
            }
            EXPECT_EQ(seen.size(), expected.size()) << "puller " << n << ", round " << round;
          }
        }
        rounds.PullerChecked();
      }
    });
  }

  for (std::thread& pusher : pushers) pusher.join();
  for (std::thread& puller : puller_threads) puller.join();
  ASSERT_FALSE(::testing::Test::HasFailure());

  // A fresh pull from the beginning, and what it must agree with.
  std::map<std::string, Seen> fresh;
  std::string fresh_cursor;
  ASSERT_TRUE(PullInto(*engine, WholeCommuneRequest(), &fresh_cursor, &fresh, in_scope));

  for (size_t p = 0; p < pullers.size(); ++p) {
    EXPECT_EQ(pullers[p].seen, fresh)
        << "puller " << p << " after " << pullers[p].pulls << " pulls, "
        << pullers[p].pulls_during_pushes << " of them before a round's checkpoint";
  }

  std::lock_guard<std::mutex> lock(acked_mu);
  EXPECT_EQ(fresh, ExpectedFrom(acked));
  size_t results = 0;
  for (const auto& [id, a] : acked) {
    results += a.applied_versions.size() + a.conflict_versions.size();
    ASSERT_TRUE(fresh.contains(id)) << id << " was acknowledged but is not pulled";
    // The head is at least every head a pusher was told about.
    EXPECT_GE(fresh.at(id).version, a.max_head_version) << id;
    // Each acknowledged version was handed to exactly one mutation: 1, 2, ..., n.
    std::vector<uint64_t> versions = a.applied_versions;
    versions.insert(versions.end(), a.conflict_versions.begin(), a.conflict_versions.end());
    std::sort(versions.begin(), versions.end());
    std::vector<uint64_t> expected(versions.size());
    for (size_t v = 0; v < expected.size(); ++v) expected[v] = v + 1;
    EXPECT_EQ(versions, expected) << id;
  }
  EXPECT_EQ(results, static_cast<size_t>(kPushers * kMutationsPerPusher));
  EXPECT_EQ(fresh.size(), acked.size());
}

}  // namespace
}  // namespace rasoat
