// Pulls running while pushes commit out of order: the cursor invariant (DESIGN.md) under real
// concurrency. Pullers that resume from their own cursors while 8 threads push must end up with
// exactly what a fresh pull from the beginning sees, and that must agree with every result the
// pushers were sent.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <cstdint>
#include <map>
#include <memory>
#include <random>
#include <set>
#include <string>
#include <thread>
#include <tuple>
#include <utility>
#include <vector>

#include "absl/synchronization/mutex.h"
#include "rasoat/v1/sync.pb.h"
#include "sync/sync_engine.h"
#include "sync/sync_options.h"
#include "tests/support/households.h"
#include "tests/support/status_matchers.h"
#include "tests/support/temp_dir.h"

namespace rasoat {
namespace {

using ::rasoat::testing::MakeHousehold;
using ::rasoat::testing::MakeMutation;

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
  std::vector<uint64_t> conflict_versions;

  bool operator==(const Seen& other) const {
    return std::tie(version, status, conflict_versions) ==
           std::tie(other.version, other.status, other.conflict_versions);
  }
};

void PrintTo(const Seen& seen, std::ostream* os) {
  *os << "{version " << seen.version << ", status " << v1::ReviewStatus_Name(seen.status)
      << ", " << seen.conflict_versions.size() << " conflicts}";
}

Seen SeenOf(const v1::HouseholdState& state) {
  return Seen{state.version(), state.status(),
              {state.conflict_versions().begin(), state.conflict_versions().end()}};
}

// The pushers' acknowledged results of one household.
struct Acked {
  std::vector<uint64_t> applied_versions;
  std::vector<uint64_t> conflict_versions;
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
bool PullInto(SyncEngine& engine, v1::PullRequest request, std::string* cursor,
              std::map<std::string, Seen>* seen, const std::set<std::string>& in_scope) {
  request.set_cursor(*cursor);
  request.set_page_size(7);  // several pages per pull, so pages resume mid-stream too
  absl::StatusOr<std::unique_ptr<PullSession>> session = engine.StartPull(request);
  if (!session.ok()) {
    ADD_FAILURE() << "StartPull: " << session.status();
    return false;
  }
  v1::PullResponse page;
  std::set<std::string> this_pull;
  while (!(*session)->done()) {
    if (absl::Status status = (*session)->NextPage(&page); !status.ok()) {
      ADD_FAILURE() << "NextPage: " << status;
      return false;
    }
    for (const v1::HouseholdState& state : page.households()) {
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

TEST(PullConcurrencyTest, PullersResumingFromTheirCursorsMissNothingPushersCommitted) {
  testing::TempDir dir;
  SyncOptions options;
  options.data_dir = dir.Sub("data");
  ASSERT_OK_AND_ASSIGN(std::unique_ptr<SyncEngine> engine, SyncEngine::Open(options));

  std::set<std::string> in_scope;
  for (int i = 0; i < kHouseholds; ++i) in_scope.insert(HouseholdId(i));

  absl::Mutex acked_mu;
  std::map<std::string, Acked> acked;  // guarded by acked_mu
  std::atomic<bool> pushers_done{false};

  std::vector<std::thread> pushers;
  for (int p = 0; p < kPushers; ++p) {
    pushers.emplace_back([&, p] {
      std::mt19937 rng(static_cast<uint32_t>(p) + 1u);
      const std::string device = "tablet-" + std::to_string(p);
      // This tablet's idea of each household's version: stale once others push.
      std::map<std::string, uint64_t> base;
      std::map<std::string, Acked> mine;
      int sent = 0;
      int batches = 0;
      while (sent < kMutationsPerPusher) {
        v1::PushRequest request;
        request.set_device_id(device);
        const int batch = std::min<int>(1 + static_cast<int>(rng() % 4), kMutationsPerPusher - sent);
        for (int b = 0; b < batch; ++b, ++sent) {
          const int i = static_cast<int>(rng() % kHouseholds);
          const std::string id = HouseholdId(i);
          v1::Household record = MakeHousehold(static_cast<uint64_t>(i), kCommune, VillageOf(i));
          record.set_collaborator_note(device + " edit " + std::to_string(sent));
          *request.add_mutations() =
              MakeMutation(id, "m-" + std::to_string(sent), base[id], std::move(record));
        }
        v1::PushResponse response;
        if (absl::Status status = engine->Push(request, &response); !status.ok()) {
          ADD_FAILURE() << device << ": " << status;
          return;
        }
        if (response.results_size() != request.mutations_size()) {
          ADD_FAILURE() << device << ": " << response.results_size() << " results for "
                        << request.mutations_size() << " mutations";
          return;
        }
        for (const v1::MutationResult& result : response.results()) {
          const std::string& id = result.key().household_id();
          Acked& a = mine[id];
          if (result.outcome() == v1::MUTATION_OUTCOME_APPLIED) {
            EXPECT_EQ(result.version(), result.head_version()) << result.ShortDebugString();
            a.applied_versions.push_back(result.version());
          } else if (result.outcome() == v1::MUTATION_OUTCOME_CONFLICT) {
            EXPECT_GT(result.version(), result.head_version()) << result.ShortDebugString();
            a.conflict_versions.push_back(result.version());
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
          if (absl::Status status = engine->Push(request, &replay); !status.ok()) {
            ADD_FAILURE() << device << " replay: " << status;
            return;
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
      absl::MutexLock lock(&acked_mu);
      for (auto& [id, a] : mine) {
        Acked& all = acked[id];
        all.applied_versions.insert(all.applied_versions.end(), a.applied_versions.begin(),
                                    a.applied_versions.end());
        all.conflict_versions.insert(all.conflict_versions.end(), a.conflict_versions.begin(),
                                     a.conflict_versions.end());
        all.max_head_version = std::max(all.max_head_version, a.max_head_version);
      }
    });
  }

  struct Puller {
    v1::PullRequest request;
    std::string cursor;
    std::map<std::string, Seen> seen;
    int pulls = 0;
  };
  std::vector<Puller> pullers(kPullers);
  pullers[0].request = WholeCommuneRequest();
  pullers[1].request = ListedVillagesRequest();
  std::vector<std::thread> puller_threads;
  for (Puller& puller : pullers) {
    puller_threads.emplace_back([&engine, &pushers_done, &in_scope, &puller] {
      bool ok = true;
      while (ok && !pushers_done.load(std::memory_order_acquire)) {
        ok = PullInto(*engine, puller.request, &puller.cursor, &puller.seen, in_scope);
        ++puller.pulls;
      }
      // Every push has returned, so everything is committed: one last pull catches up.
      if (ok) {
        ok = PullInto(*engine, puller.request, &puller.cursor, &puller.seen, in_scope);
        ++puller.pulls;
      }
    });
  }

  for (std::thread& pusher : pushers) pusher.join();
  pushers_done.store(true, std::memory_order_release);
  for (std::thread& puller : puller_threads) puller.join();
  ASSERT_FALSE(::testing::Test::HasFailure());

  // A fresh pull from the beginning, and what it must agree with.
  std::map<std::string, Seen> fresh;
  std::string fresh_cursor;
  ASSERT_TRUE(PullInto(*engine, WholeCommuneRequest(), &fresh_cursor, &fresh, in_scope));

  for (size_t p = 0; p < pullers.size(); ++p) {
    EXPECT_EQ(pullers[p].seen, fresh) << "puller " << p << " after " << pullers[p].pulls
                                      << " pulls";
  }

  absl::MutexLock lock(&acked_mu);
  size_t results = 0;
  for (const auto& [id, a] : acked) {
    results += a.applied_versions.size() + a.conflict_versions.size();
    ASSERT_TRUE(fresh.contains(id)) << id << " was acknowledged but is not pulled";
    const Seen& now = fresh.at(id);
    // The head is at least every head a pusher was told about, and is the last applied one.
    EXPECT_GE(now.version, a.max_head_version) << id;
    ASSERT_FALSE(a.applied_versions.empty()) << id;
    EXPECT_EQ(now.version, *std::max_element(a.applied_versions.begin(), a.applied_versions.end()))
        << id;

    // Each acknowledged version was handed to exactly one mutation: 1, 2, ..., n.
    std::vector<uint64_t> versions = a.applied_versions;
    versions.insert(versions.end(), a.conflict_versions.begin(), a.conflict_versions.end());
    std::sort(versions.begin(), versions.end());
    std::vector<uint64_t> expected(versions.size());
    for (size_t v = 0; v < expected.size(); ++v) expected[v] = v + 1;
    EXPECT_EQ(versions, expected) << id;

    // Conflicts stay open (nothing resolves them here) and are all listed.
    std::vector<uint64_t> conflicts = a.conflict_versions;
    std::sort(conflicts.begin(), conflicts.end());
    std::vector<uint64_t> listed = now.conflict_versions;
    std::sort(listed.begin(), listed.end());
    EXPECT_EQ(listed, conflicts) << id;
    EXPECT_EQ(now.status, conflicts.empty() ? v1::REVIEW_STATUS_READY_FOR_REVIEW
                                            : v1::REVIEW_STATUS_CONFLICT)
        << id;
  }
  EXPECT_EQ(results, static_cast<size_t>(kPushers * kMutationsPerPusher));
  EXPECT_EQ(fresh.size(), acked.size());
}

}  // namespace
}  // namespace rasoat
