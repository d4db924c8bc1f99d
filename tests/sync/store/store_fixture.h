// StoreFixture: a GoogleTest fixture with a real Store in a TempDir and its Committer, and one
// helper that makes a household change the way the services do (a new version, the change
// filed at the next seq), for the tests of sync/store's parts.
//
// Thread-safety: set up on the test's thread; the store and committer are thread-safe.
#pragma once

#include <memory>
#include <string>

#include <gtest/gtest.h>

#include "sync/store/committer.h"
#include "sync/store/store.h"
#include "tests/support/temp_dir.h"

namespace rasoat::testing {

class StoreFixture : public ::testing::Test {
 protected:
  void SetUp() override { Open(); }

  // (Re)opens the store and its committer. Publish events the committer announces are counted
  // in enqueued_.
  void Open();
  void Close();

  // Makes version head.last_version() + 1 of `household` (round 2026) in `village` of commune
  // 00001 — a record whose collaborator_note is "v<version>" — and files the change, with
  // `publish` in the outbox if given. Returns the head as committed.
  store::HouseholdHead Change(const std::string& household, const std::string& village,
                              const store::OutboxEntry* publish = nullptr);

  TempDir dir_;
  std::unique_ptr<Store> store_;
  std::unique_ptr<Committer> committer_;
  uint64_t enqueued_ = 0;
};

}  // namespace rasoat::testing
