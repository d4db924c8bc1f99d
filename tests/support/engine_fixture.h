// EngineTest: a GoogleTest fixture with a real Engine on a fresh RocksDB directory, and the
// "send this, expect that" helpers every test of sync/ needs: push mutations from a device,
// drain a pull, make a decision. Each helper fails the test (EXPECT) when the call it wraps
// does not return OK, unless its name says it returns the status.
//
// Thread-safety: the helpers call the engine, which is thread-safe; the fixture's own members
// (options_, engine_) are set up on the test's thread before any other thread starts.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "absl/status/statusor.h"
#include "rasoat/v1/admin.pb.h"
#include "rasoat/v1/review.pb.h"
#include "rasoat/v1/sync.pb.h"
#include "sync/engine.h"
#include "sync/pull/pull_page.pb.h"
#include "tests/support/temp_dir.h"

namespace rasoat::testing {

// A scope of one commune, or of one of its villages.
v1::Scope ScopeOf(const std::string& commune, const std::string& village = "");

// A household key of round "2026".
v1::HouseholdKey KeyOf(const std::string& household_id);

// What one pull delivered: the households and the removals in order, every page, and the last
// page's cursor.
struct Drained {
  std::vector<v1::HouseholdState> households;
  std::vector<v1::HouseholdRemoval> removals;
  std::vector<v1::PullResponse> pages;
  std::string cursor;

  // The households' ids, in the order delivered.
  std::vector<std::string> ids() const;
  // The ids of the households removed, in the order delivered.
  std::vector<std::string> removed_ids() const;
};

// `page` as a client receives it: the bytes rasoatd sends, parsed as the wire message.
v1::PullResponse AsSent(const pull::PullPage& page);

// Drains one pull of `request` from `engine`: every page until caught up (as sent).
absl::StatusOr<Drained> DrainPull(const Engine& engine, const v1::PullRequest& request);

// A PushRequest from `device` carrying `mutations`.
v1::PushRequest PushRequestOf(const std::string& device, std::vector<v1::Mutation> mutations);

class EngineTest : public ::testing::Test {
 protected:
  EngineTest();

  // (Re)opens engine_ with options_, closing the one open first. Fails the test if it cannot.
  void Open();

  // Pushes `mutations` from `device` and returns the response; fails the test unless Push
  // returns OK with one result per mutation.
  v1::PushResponse PushOk(std::vector<v1::Mutation> mutations, const std::string& device = "tab-1");
  // PushOk of one mutation; its result.
  v1::MutationResult PushOne(v1::Mutation mutation, const std::string& device = "tab-1");
  // Push, returning the status: for tests of what Push refuses.
  absl::Status PushStatus(std::vector<v1::Mutation> mutations, const std::string& device,
                          v1::PushResponse* response);

  // Drains a pull of round "2026" over `scopes` from `cursor`; fails the test unless it
  // succeeds.
  Drained PullOk(std::vector<v1::Scope> scopes, const std::string& cursor = "",
                 uint32_t page_size = 0);

  // The household's state as a fresh pull of its commune ("00001") shows it.
  v1::HouseholdState CurrentState(const std::string& household_id,
                                  const std::string& commune = "00001");

  // Approves `version` of `household_id` as "can-bo-xa"; fails the test unless OK.
  v1::ApproveResponse ApproveOk(const std::string& household_id, uint64_t version);

  // Takes `version` of each of `household_ids` (of commune "00001", village `village`) through
  // the whole procedure as commune staff would: each approved by "can-bo-xa", then together
  // agreed by their village meeting on 2026-10-01, posted from Monday 2026-10-05 for 3 working
  // days, and recognised on 2026-10-09 by decision `decision` of "chu-tich" (which publishes
  // them). Fails the test unless each step is OK.
  void RecogniseOk(const std::vector<std::string>& household_ids, uint64_t version,
                   const std::string& village = "thon-1",
                   const std::string& decision = "123/QĐ-UBND");

  // Waits until the publisher has delivered everything enqueued, then returns the program
  // store's rows of `commune` in round "2026", by household id; fails the test if the backlog
  // does not drain or a listing fails.
  std::map<std::string, v1::PublishedHousehold> PublishedOk(const std::string& commune = "00001");

  TempDir dir_;
  // options_.data_dir is dir_.Sub("data"); tests change options_ before Open().
  EngineOptions options_;
  std::unique_ptr<Engine> engine_;
};

}  // namespace rasoat::testing
