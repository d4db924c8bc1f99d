// PushTest: the engine fixture for PushService tests (a small batch and record limit, a pull
// of the test village, a read of a stored version). Used by push_test.cc,
// push_rejection_test.cc and push_durability_test.cc. Not thread-safe, like the fixture it
// extends.
#ifndef RASOAT_TESTS_SYNC_PUSH_PUSH_FIXTURE_H_
#define RASOAT_TESTS_SYNC_PUSH_PUSH_FIXTURE_H_

#include <cstdint>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include <gtest/gtest.h>

#include "rasoat/v1/sync.pb.h"
#include "sync/engine.h"
#include "sync/store/store.h"
#include "tests/support/engine_fixture.h"
#include "tests/support/status_matchers.h"

namespace rasoat::testing {

inline constexpr char kDevice[] = "tablet-A";
inline constexpr char kCommune[] = "00001";
inline constexpr char kVillage[] = "thon-1";

class PushTest : public EngineTest {
 protected:
  void SetUp() override {
    options_.push.max_batch_mutations = 4;
    options_.push.max_record_bytes = 4096;
    Open();
  }

  const PushOptions& Options() const { return options_.push; }
  void OpenEngine() { Open(); }

  v1::PushResponse PushOk(std::vector<v1::Mutation> mutations,
                          const std::string& device = kDevice) {
    return EngineTest::PushOk(std::move(mutations), device);
  }

  // Every household of kVillage from `cursor` on; the last page's cursor in *last_cursor.
  std::vector<v1::HouseholdState> PullAll(const std::string& cursor = "",
                                          std::string* last_cursor = nullptr) {
    testing::Drained drained = PullOk({ScopeOf(kCommune, kVillage)}, cursor);
    if (last_cursor != nullptr) *last_cursor = drained.cursor;
    return drained.households;
  }

  // The value stored in the versions family, read from a read-only Store on the engine's
  // directory after the engine is closed.
  void ReadStoredVersion(const std::string& household_id, uint64_t version,
                         store::VersionMeta* meta, v1::Household* record) {
    engine_.reset();
    ASSERT_OK_AND_ASSIGN(std::unique_ptr<Store> store,
                         Store::Open(StoreOptions{.path = options_.data_dir, .read_only = true}));
    ASSERT_OK(store->ReadVersion("2026", household_id, version, meta, record));
  }

  static v1::Household Edited(v1::Household record, const std::string& note) {
    record.set_collaborator_note(note);
    return record;
  }
};

}  // namespace rasoat::testing

#endif  // RASOAT_TESTS_SYNC_PUSH_PUSH_FIXTURE_H_
