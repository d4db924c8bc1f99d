// PushService across a reopen of the engine, and a push the disk refuses (RLIMIT_FSIZE): the
// committed seq and the cursors survive, and nothing acknowledged is lost or skipped.
#include <algorithm>
#include <csignal>
#include <cstdint>
#include <filesystem>
#include <string>
#include <utility>
#include <vector>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "rasoat/v1/sync.pb.h"
#include "tests/support/households.h"
#include "tests/support/status_matchers.h"
#include "tests/support/test_principal.h"
#include "tests/sync/push/push_fixture.h"
#include <sys/resource.h>

namespace rasoat {
namespace {

using ::rasoat::testing::kCommune;
using ::rasoat::testing::kDevice;
using ::rasoat::testing::kVillage;
using ::rasoat::testing::MakeHousehold;
using ::rasoat::testing::MakeMutation;
using ::rasoat::testing::PushTest;
using ::testing::SizeIs;

TEST_F(PushTest, ReopenKeepsCommittedSeqAndContinuesAfterIt) {
  PushOk({MakeMutation("hh-1", "m-1", 0, MakeHousehold(1, kCommune, kVillage)),
          MakeMutation("hh-2", "m-2", 0, MakeHousehold(2, kCommune, kVillage))});
  std::string cursor;
  ASSERT_THAT(PullAll("", &cursor), SizeIs(2));
  const uint64_t committed = engine_->committed_seq();
  ASSERT_GE(committed, 2u);

  engine_.reset();
  OpenEngine();
  ASSERT_NE(engine_, nullptr);
  EXPECT_EQ(engine_->committed_seq(), committed);

  // The old cursor is still good and nothing is sent again.
  EXPECT_THAT(PullAll(cursor), SizeIs(0));

  // The replay of a mutation from before the restart is still a duplicate.
  const v1::PushResponse replay =
      PushOk({MakeMutation("hh-1", "m-1", 0, MakeHousehold(1, kCommune, kVillage))});
  EXPECT_EQ(replay.results(0).outcome(), v1::MUTATION_OUTCOME_DUPLICATE);
  EXPECT_EQ(engine_->committed_seq(), committed);

  PushOk({MakeMutation("hh-3", "m-3", 0, MakeHousehold(3, kCommune, kVillage))});
  EXPECT_GT(engine_->committed_seq(), committed);
  const std::vector<v1::HouseholdState> pulled = PullAll(cursor);
  ASSERT_THAT(pulled, SizeIs(1));
  EXPECT_EQ(pulled[0].key().household_id(), "hh-3");
  EXPECT_EQ(pulled[0].version(), 1u);
}

// While alive, no file of this process may grow past `bytes` (RLIMIT_FSIZE): a real write
// error from the kernel (EFBIG) for RocksDB's next WAL append, with no fake store.
class FileSizeLimit {
 public:
  explicit FileSizeLimit(rlim_t bytes) {
    std::signal(SIGXFSZ, SIG_IGN);  // fail the write instead of killing the process
    getrlimit(RLIMIT_FSIZE, &saved_);
    rlimit limit = saved_;
    limit.rlim_cur = bytes;
    ok_ = setrlimit(RLIMIT_FSIZE, &limit) == 0;
  }
  ~FileSizeLimit() { setrlimit(RLIMIT_FSIZE, &saved_); }
  bool ok() const { return ok_; }

 private:
  rlimit saved_{};
  bool ok_ = false;
};

// The size of the largest write-ahead log file in `dir`.
uint64_t LargestWalBytes(const std::string& dir) {
  uint64_t largest = 0;
  for (const auto& entry : std::filesystem::directory_iterator(dir)) {
    if (entry.path().extension() == ".log")
      largest = std::max<uint64_t>(largest, entry.file_size());
  }
  return largest;
}

TEST_F(PushTest, CursorFromBeforeAFailedPushDoesNotSkipChangesAfterReopen) {
  // Grow the write-ahead log well past RocksDB's info LOG (about 70 KB after open), so that a
  // file size limit just above the WAL fails the next WAL append and nothing else.
  for (int batch = 0; batch < 25; ++batch) {
    std::vector<v1::Mutation> mutations;
    for (int i = 0; i < 4; ++i) {
      const std::string id = "filler-" + std::to_string(batch * 4 + i);
      v1::Household record = MakeHousehold(1000 + batch * 4 + i, kCommune, "thon-filler");
      record.set_collaborator_note(std::string(3000, 'f'));
      mutations.push_back(MakeMutation(id, id, 0, std::move(record)));
    }
    PushOk(std::move(mutations));
  }
  PushOk({MakeMutation("hh-1", "m-1", 0, MakeHousehold(1, kCommune, kVillage))});
  // A tablet has synced it.
  std::string synced;
  ASSERT_THAT(PullAll("", &synced), SizeIs(1));
  const uint64_t durable = engine_->committed_seq();
  const uint64_t wal_bytes = LargestWalBytes(options_.data_dir);
  ASSERT_GT(wal_bytes, 200u << 10);

  {
    // The disk refuses the next push's batch: Push fails and nothing of it is stored.
    FileSizeLimit limit(wal_bytes + 16);
    ASSERT_TRUE(limit.ok());
    v1::PushRequest request;
    request.set_device_id(kDevice);
    *request.add_mutations() = MakeMutation("hh-2", "m-2", 0, MakeHousehold(2, kCommune, kVillage));
    v1::PushResponse response;
    ASSERT_FALSE(engine_->push().Push(TestAdmin(), request, &response).ok())
        << "the write did not fail; the test cannot run here";
  }
  const uint64_t committed_after_failure = engine_->committed_seq();
  // The tablet syncs again now and keeps the cursor it is given. Nothing new reaches it (a pull
  // that delivers no household records no audit entry, so it is answered while the store cannot
  // write), and the cursor covers the seqs the failed push reserved.
  std::string cursor;
  EXPECT_THAT(PullAll(synced, &cursor), SizeIs(0));

  // The server restarts. Pushes after the restart must reach the tablet pulling from its
  // cursor (DESIGN.md, the cursor invariant: a cursor covers only changes it delivered).
  engine_.reset();
  OpenEngine();
  ASSERT_NE(engine_, nullptr);
  EXPECT_EQ(engine_->committed_seq(), durable);
  {
    // The cursor this server issued is still a cursor of this server.
    v1::PullRequest request;
    request.set_round_id("2026");
    v1::Scope* scope = request.add_scopes();
    scope->set_commune_code(kCommune);
    scope->set_village_code(kVillage);
    request.set_cursor(cursor);
    EXPECT_OK(engine_->pull().StartPull(TestAdmin(), request));
  }
  PushOk({MakeMutation("hh-3", "m-3", 0, MakeHousehold(3, kCommune, kVillage))});

  std::vector<std::string> ids;
  for (const v1::HouseholdState& state : PullAll(cursor)) ids.push_back(state.key().household_id());
  EXPECT_THAT(ids, ::testing::ElementsAre("hh-3"))
      << "durable seq " << durable << ", committed_seq() after the failed push "
      << committed_after_failure << ": the cursor taken after the failed push covers the seqs "
      << "that push reserved; after the restart they are handed out again, to hh-3, which the "
      << "cursor then skips";
}

}  // namespace
}  // namespace rasoat
