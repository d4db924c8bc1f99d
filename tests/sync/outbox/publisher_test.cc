// Publishing through the engine on a real RocksDB and the embedded SQLite program store: every
// recognition reaches the store at its recognised version, newer ones move rows forward, a
// redelivered old outbox entry never overwrites a newer row, and entries left by a previous
// run are delivered after reopen.
#include <map>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "absl/strings/str_cat.h"
#include "sync/engine.h"
#include "sync/store/keys.h"
#include "sync/store/store_records.pb.h"
#include "tests/support/engine_fixture.h"
#include "tests/support/households.h"
#include "tests/support/raw_store.h"
#include "tests/support/status_matchers.h"
#include "tests/support/temp_dir.h"
#include "tests/support/test_principal.h"
#include "tests/support/versioned_mutations.h"

namespace rasoat {
namespace {

using testing::MakeHousehold;
using testing::MakeMutation;
using ::testing::SizeIs;
using testing::VersionedMutations;

constexpr auto kDrainWait = std::chrono::seconds(120);

class PublisherTest : public testing::EngineTest {
 protected:
  void SetUp() override { Open(); }

  // Pushes `count` households h<first>..., each as version `version` (a fast-forward).
  void PushAll(int first, int count, uint64_t version) {
    for (int start = first; start < first + count; start += 100) {
      std::vector<v1::Mutation> mutations =
          VersionedMutations(start, std::min(first + count, start + 100), version);
      PushOk(std::move(mutations));
    }
  }

  // Recognises version `version` of households h<first>... (publishing them).
  void Recognise(int first, int count, uint64_t version) {
    std::vector<std::string> ids;
    for (int i = first; i < first + count; ++i) ids.push_back(absl::StrCat("h", i));
    RecogniseOk(ids, version);
  }

  std::map<std::string, v1::PublishedHousehold> Published() { return PublishedOk(); }
};

TEST_F(PublisherTest, TheStoreConvergesToExactlyTheRecognisedVersions) {
  PushAll(0, 500, 1);
  Recognise(0, 500, 1);
  v1::GetPublishStatusResponse status = engine_->publisher().Status(kDrainWait);
  ASSERT_EQ(status.backlog(), 0u) << status.last_error();
  EXPECT_EQ(status.last_error(), "");

  std::map<std::string, v1::PublishedHousehold> rows = Published();
  ASSERT_THAT(rows, SizeIs(500));
  for (const auto& [id, row] : rows) {
    EXPECT_EQ(row.approved_version(), 1u) << id;
    EXPECT_EQ(row.approved_by(), "can-bo-xa");
    EXPECT_EQ(row.record().collaborator_note(), "phiên bản 1");
    EXPECT_EQ(row.member_count(), row.record().members_size());
  }
  const v1::PublishedHousehold& h7 = rows.at("h7");
  EXPECT_EQ(h7.record().SerializeAsString(), [] {
    v1::Household record = MakeHousehold(7);
    record.set_collaborator_note("phiên bản 1");
    return record.SerializeAsString();
  }());

  // Newer versions of 50 households, approved: those rows move forward, the others stay.
  PushAll(100, 50, 2);
  Recognise(100, 50, 2);
  status = engine_->publisher().Status(kDrainWait);
  ASSERT_EQ(status.backlog(), 0u) << status.last_error();
  rows = Published();
  ASSERT_THAT(rows, SizeIs(500));
  for (int i = 0; i < 500; ++i) {
    const v1::PublishedHousehold& row = rows.at(absl::StrCat("h", i));
    const uint64_t expected = i >= 100 && i < 150 ? 2 : 1;
    EXPECT_EQ(row.approved_version(), expected) << i;
    EXPECT_EQ(row.record().collaborator_note(), absl::StrCat("phiên bản ", expected)) << i;
  }
}

TEST_F(PublisherTest, ARedeliveredOldEntryNeverOverwritesANewerRow) {
  PushAll(0, 1, 1);
  Recognise(0, 1, 1);
  ASSERT_EQ(engine_->publisher().Status(kDrainWait).backlog(), 0u);
  const v1::PublishedHousehold first = Published().at("h0");
  PushAll(0, 1, 2);
  Recognise(0, 1, 2);
  ASSERT_EQ(engine_->publisher().Status(kDrainWait).backlog(), 0u);
  ASSERT_EQ(Published().at("h0").approved_version(), 2u);

  // A crash after the store confirmed version 1 but before its outbox entry was deleted leaves
  // the entry behind: put it back, as such a crash would, and reopen.
  store::OutboxEntry stale;
  *stale.mutable_household() = first;
  engine_.reset();
  ASSERT_OK(
      testing::PutRaw(options_.data_dir, "outbox", OutboxKeyOf(1), stale.SerializeAsString()));
  Open();
  const v1::GetPublishStatusResponse status = engine_->publisher().Status(kDrainWait);
  EXPECT_EQ(status.backlog(), 0u) << status.last_error();
  const v1::PublishedHousehold now = Published().at("h0");
  EXPECT_EQ(now.approved_version(), 2u);
  EXPECT_EQ(now.record().collaborator_note(), "phiên bản 2");
}

TEST_F(PublisherTest, RecognitionsCommittedBeforeAStopAreDeliveredAfterReopen) {
  PushAll(0, 40, 1);
  Recognise(0, 40, 1);
  Open();  // whatever the publisher had not delivered is still in the outbox
  const v1::GetPublishStatusResponse status = engine_->publisher().Status(kDrainWait);
  ASSERT_EQ(status.backlog(), 0u) << status.last_error();
  EXPECT_THAT(Published(), SizeIs(40));
}

// A publisher reading 0 entries at a time would start, accept approvals and deliver none of
// them; it is refused at start instead, as is a backoff that could never grow.
TEST(PublisherOptionsTest, ABatchOfNothingOrAShrinkingBackoffIsRefusedAtStart) {
  testing::TempDir dir;
  EngineOptions options{.data_dir = dir.Sub("data")};
  options.publisher.batch = 0;
  EXPECT_THAT(Engine::Open(options),
              testing::StatusIs(absl::StatusCode::kInvalidArgument, "publisher batch: at least 1"));
  options.publisher = PublisherOptions{.max_backoff = std::chrono::milliseconds(10)};
  EXPECT_THAT(Engine::Open(options),
              testing::StatusIs(absl::StatusCode::kInvalidArgument,
                                ::testing::HasSubstr("max_backoff: must be at least")));
  options.publisher = PublisherOptions{.initial_backoff = std::chrono::milliseconds(0)};
  EXPECT_THAT(Engine::Open(options), testing::StatusIs(absl::StatusCode::kInvalidArgument,
                                                       ::testing::HasSubstr("initial_backoff")));
  EXPECT_OK(PublisherOptions().Validate());
}

}  // namespace
}  // namespace rasoat
