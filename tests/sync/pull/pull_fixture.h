// PullTest: the engine fixture for PullService tests (rounds 2026 and 2027, a Put that pushes
// one edit of a household, a Drain that runs a pull to its end checking the page protocol) and
// the request builder they share. Used by pull_test.cc and pull_scope_test.cc. Not
// thread-safe, like the fixture it extends.
#ifndef RASOAT_TESTS_SYNC_PULL_PULL_FIXTURE_H_
#define RASOAT_TESTS_SYNC_PULL_PULL_FIXTURE_H_

#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "rasoat/v1/sync.pb.h"
#include "sync/engine.h"
#include "tests/support/engine_fixture.h"
#include "tests/support/households.h"
#include "tests/support/test_principal.h"

namespace rasoat::testing {

inline constexpr char kCommune[] = "00001";
inline constexpr char kOtherCommune[] = "00002";
inline constexpr char kVillage[] = "thon-1";
inline constexpr char kOtherVillage[] = "thon-2";

inline v1::PullRequest RequestOf(std::vector<v1::Scope> scopes, const std::string& cursor = "",
                                 uint32_t page_size = 0, const std::string& round = "2026") {
  v1::PullRequest request;
  request.set_round_id(round);
  for (v1::Scope& scope : scopes) *request.add_scopes() = std::move(scope);
  request.set_cursor(cursor);
  request.set_page_size(page_size);
  return request;
}

class PullTest : public EngineTest {
 protected:
  void SetUp() override {
    options_.rounds.ids = {"2026", "2027"};
    Open();
  }

  // Creates (or edits, from the head the test has recorded) household `id` in (commune, village)
  // and returns the version it got. Each call is its own push, so its own change seq.
  uint64_t Put(const std::string& id, const std::string& commune = kCommune,
               const std::string& village = kVillage, const std::string& round = "2026") {
    uint64_t& version = versions_[round + "/" + id];
    v1::Household record = MakeHousehold(seed_++, commune, village);
    record.set_collaborator_note("edit " + std::to_string(version + 1));
    v1::Mutation mutation =
        MakeMutation(id, "m-" + std::to_string(next_mutation_++), version, std::move(record));
    mutation.mutable_key()->set_round_id(round);
    const v1::MutationResult result = PushOne(std::move(mutation), "tablet-A");
    EXPECT_EQ(result.outcome(), v1::MUTATION_OUTCOME_APPLIED) << result.ShortDebugString();
    version = result.version();
    return version;
  }

  // Runs a pull to its end, checking the page protocol on the way.
  Drained Drain(const v1::PullRequest& request) {
    Drained drained;
    absl::StatusOr<std::unique_ptr<PullSession>> session =
        engine_->pull().StartPull(TestAdmin(), request);
    EXPECT_TRUE(session.ok()) << session.status();
    if (!session.ok()) return drained;
    // A pull is bounded: at most one page per household plus the last one.
    for (int pages = 0; !(*session)->done(); ++pages) {
      if (pages > 10'000) {
        ADD_FAILURE() << "pull does not end";
        break;
      }
      pull::PullPage read;
      const absl::Status status = (*session)->NextPage(&read);
      EXPECT_TRUE(status.ok()) << status;
      if (!status.ok()) break;
      v1::PullResponse page = AsSent(read);
      EXPECT_FALSE(page.cursor().empty()) << "page " << pages << " has no cursor";
      for (const v1::HouseholdState& state : page.households()) drained.households.push_back(state);
      for (const v1::HouseholdRemoval& removal : page.removals()) {
        drained.removals.push_back(removal);
      }
      drained.cursor = page.cursor();
      drained.pages.push_back(std::move(page));
    }
    return drained;
  }

  // Checks that resuming `request` from any page's cursor of `drained` (a drain of it with no
  // writes since) sends exactly the households after that page, in the same order.
  void ExpectEveryPageCursorResumesAfterIt(v1::PullRequest request, const Drained& drained) {
    const std::vector<std::string> all = drained.ids();
    size_t sent = 0;
    for (size_t i = 0; i < drained.pages.size(); ++i) {
      sent += static_cast<size_t>(drained.pages[i].households_size());
      request.set_cursor(drained.pages[i].cursor());
      EXPECT_THAT(Drain(request).ids(), ::testing::ElementsAreArray(std::vector<std::string>(
                                            all.begin() + sent, all.end())))
          << "resuming after page " << i;
    }
  }

  Drained DrainVillage(const std::string& cursor = "", uint32_t page_size = 0) {
    return Drain(RequestOf({ScopeOf(kCommune, kVillage)}, cursor, page_size));
  }

  std::map<std::string, uint64_t> versions_;
  uint64_t seed_ = 1;
  int next_mutation_ = 1;
};

}  // namespace rasoat::testing

#endif  // RASOAT_TESTS_SYNC_PULL_PULL_FIXTURE_H_
