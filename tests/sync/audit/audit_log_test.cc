// The audit log of a real store through the engine: every push, decision, resolution, delivery
// and identity change, and every read of personal data, leaves one sealed entry naming who,
// what and which version, chained by hash;
// a changed, deleted or cut-off entry in the stored log is caught by Verify, naming it.
#include "sync/audit/audit_log.h"

#include <chrono>
#include <string>
#include <vector>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "sync/store/audit_records.h"
#include "sync/store/keys.h"
#include "tests/support/engine_fixture.h"
#include "tests/support/households.h"
#include "tests/support/raw_store.h"
#include "tests/support/status_matchers.h"
#include "tests/support/test_principal.h"

namespace rasoat::audit {
namespace {

using ::rasoat::testing::MakeHousehold;
using ::rasoat::testing::MakeMutation;
using ::rasoat::testing::ScopeOf;
using ::rasoat::testing::StatusIs;
using ::testing::ElementsAre;
using ::testing::HasSubstr;

class AuditLogTest : public testing::EngineTest {
 protected:
  void SetUp() override {
    Open();
    PushOk({MakeMutation("h1", "m1", 0, MakeHousehold(1))}, "tab-1");
    RecogniseOk({"h1"}, 1);
    // Delivered to the program store before anything else: its entry comes next.
    ASSERT_EQ(engine_->publisher().Status(std::chrono::seconds(120)).backlog(), 0u);
    v1::CreateUserRequest user;
    user.mutable_user()->set_login("canbo.lan");
    user.mutable_user()->set_role(v1::ROLE_REVIEWER);
    v1::CreateUserResponse created;
    ASSERT_OK(engine_->identity().CreateUser(TestAdmin(), user, &created));
    ASSERT_OK(engine_->audit().SealCommitted());
  }

  std::vector<AuditEntry> Entries() {
    std::vector<AuditEntry> entries;
    const AuditRecords records(&engine_->store());
    EXPECT_OK(records.ForEachSealed(0, [&entries](uint64_t, std::string_view bytes) {
      entries.emplace_back().ParseFromArray(bytes.data(), static_cast<int>(bytes.size()));
      return absl::OkStatus();
    }));
    return entries;
  }

  // Closes the engine, runs `tamper` on its stopped data directory, and opens it again.
  template <typename Tamper>
  void WhileStopped(Tamper tamper) {
    engine_.reset();
    tamper(options_.data_dir);
    Open();
  }
};

TEST_F(AuditLogTest, EachChangeLeavesOneEntryNamingWhoWhatAndWhichVersion) {
  const std::vector<AuditEntry> entries = Entries();
  ASSERT_EQ(entries.size(), 7u);
  EXPECT_EQ(entries[0].action(), ACTION_PUSH);
  EXPECT_EQ(entries[0].actor().login(), "test-admin");
  EXPECT_EQ(entries[0].actor().device_id(), "tab-1");
  ASSERT_EQ(entries[0].changes_size(), 1);
  EXPECT_EQ(entries[0].changes(0).household_id(), "h1");
  EXPECT_EQ(entries[0].changes(0).action(), ACTION_PUSH_APPLIED);
  EXPECT_EQ(entries[0].changes(0).version(), 1u);
  EXPECT_EQ(entries[0].changes(0).digest().size(), 32u);
  EXPECT_THAT(entries[1].versions(), ElementsAre(1u));
  EXPECT_EQ(entries[1].action(), ACTION_APPROVED);
  EXPECT_EQ(entries[1].actor().login(), "can-bo-xa");
  // The procedure: one entry per step, naming each household and the version it acted on.
  EXPECT_EQ(entries[2].action(), ACTION_VILLAGE_MEETING);
  EXPECT_EQ(entries[2].subject(), "village 00001/thon-1");
  EXPECT_EQ(entries[3].action(), ACTION_POSTING_OPENED);
  EXPECT_EQ(entries[3].subject(), "commune 00001");
  EXPECT_EQ(entries[4].action(), ACTION_RECOGNISED);
  EXPECT_EQ(entries[4].actor().login(), "chu-tich");
  for (int step = 2; step <= 4; ++step) {
    ASSERT_EQ(entries[step].changes_size(), 1) << step;
    EXPECT_EQ(entries[step].changes(0).household_id(), "h1");
    EXPECT_EQ(entries[step].changes(0).version(), 1u);
    EXPECT_EQ(entries[step].digest().size(), 32u);
  }
  EXPECT_EQ(entries[5].action(), ACTION_PUBLISHED);
  EXPECT_EQ(entries[5].actor().login(), "rasoatd");
  EXPECT_EQ(entries[5].household().household_id(), "h1");
  EXPECT_THAT(entries[5].versions(), ElementsAre(1u));
  EXPECT_EQ(entries[6].action(), ACTION_USER_CREATED);
  EXPECT_EQ(entries[6].subject(), "canbo.lan");
  for (size_t i = 0; i < entries.size(); ++i) EXPECT_EQ(entries[i].seq(), i + 1);
  EXPECT_EQ(entries[1].prev_hash(), entries[0].hash());

  ASSERT_OK_AND_ASSIGN(AuditSummary summary, engine_->audit().Verify(std::nullopt));
  EXPECT_EQ(summary.entries_checked, 7u);
  EXPECT_EQ(summary.head.seq, 7u);
  EXPECT_EQ(engine_->audit().Head().hash, entries[6].hash());
}

TEST_F(AuditLogTest, APushLeavesOneEntryNamingEachVersionItStoredAndNoneForADuplicate) {
  PushOk(
      {MakeMutation("h2", "m2", 0, MakeHousehold(2)), MakeMutation("h1", "m1", 0, MakeHousehold(1)),
       MakeMutation("h3", "m3", 0, MakeHousehold(3))},
      "tab-1");
  ASSERT_OK(engine_->audit().SealCommitted());
  const std::vector<AuditEntry> entries = Entries();
  ASSERT_EQ(entries.size(), 8u);
  const AuditEntry& push = entries[7];
  EXPECT_EQ(push.action(), ACTION_PUSH);
  ASSERT_EQ(push.changes_size(), 2);  // m1 is a duplicate: it stored nothing
  EXPECT_EQ(push.changes(0).household_id(), "h2");
  EXPECT_EQ(push.changes(1).household_id(), "h3");
  EXPECT_NE(push.changes(0).digest(), push.changes(1).digest());
}

TEST_F(AuditLogTest, EachReadOfPersonalDataIsRecordedWithWhoReadWhatAndAnEmptyPullIsNot) {
  v1::GetHouseholdRequest get;
  get.mutable_key()->set_round_id("2026");
  get.mutable_key()->set_household_id("h1");
  v1::GetHouseholdResponse household;
  ASSERT_OK(engine_->review().GetHousehold(TestAdmin(), get, &household));
  PushOk({MakeMutation("h1", "m1b", 1, MakeHousehold(11))}, "tab-1");
  v1::DiffVersionsRequest diff;
  *diff.mutable_key() = get.key();
  diff.set_from_version(1);
  diff.set_to_version(2);
  v1::DiffVersionsResponse changes;
  ASSERT_OK(engine_->review().DiffVersions(TestAdmin(), diff, &changes));
  const testing::Drained pulled = PullOk({ScopeOf("00001", "")});
  ASSERT_FALSE(pulled.households.empty());
  // Nothing new since: no personal data leaves, nothing is recorded.
  PullOk({ScopeOf("00001", "")}, pulled.cursor);
  v1::ListPublishedRequest list;
  list.set_round_id("2026");
  list.set_commune_code("00001");
  v1::ListPublishedResponse published;
  ASSERT_OK(engine_->published().ListPublished(TestAdmin(), list, &published));
  ASSERT_EQ(published.households_size(), 1);
  // A commune with nothing published shows no one.
  list.set_commune_code("00002");
  ASSERT_OK(engine_->published().ListPublished(TestAdmin(), list, &published));
  ASSERT_EQ(published.households_size(), 0);
  // A household that is not there is no read.
  get.mutable_key()->set_household_id("h9");
  EXPECT_THAT(engine_->review().GetHousehold(TestAdmin(), get, &household),
              StatusIs(absl::StatusCode::kNotFound, HasSubstr("h9")));
  ASSERT_OK(engine_->audit().SealCommitted());

  const std::vector<AuditEntry> entries = Entries();
  ASSERT_EQ(entries.size(), 12u);
  EXPECT_EQ(entries[7].action(), ACTION_READ_HOUSEHOLD);
  EXPECT_EQ(entries[7].actor().login(), "test-admin");
  EXPECT_EQ(entries[7].household().household_id(), "h1");
  EXPECT_THAT(entries[7].versions(), ElementsAre(1u));
  EXPECT_EQ(entries[8].action(), ACTION_PUSH);
  EXPECT_EQ(entries[9].action(), ACTION_READ_DIFF);
  EXPECT_THAT(entries[9].versions(), ElementsAre(1u, 2u));
  EXPECT_EQ(entries[10].action(), ACTION_PULL);
  EXPECT_EQ(entries[10].subject(), "round 2026: 00001");
  EXPECT_EQ(entries[11].action(), ACTION_READ_PUBLISHED);
  EXPECT_EQ(entries[11].subject(), "round 2026: commune 00001, 1 households after \"\"");
  ASSERT_OK(engine_->audit().Verify(std::nullopt).status());
}

TEST_F(AuditLogTest, TheChainSurvivesARestartAndGoesOnFromItsHead) {
  Open();
  PushOk({MakeMutation("h2", "m2", 0, MakeHousehold(2))}, "tab-1");
  ASSERT_OK_AND_ASSIGN(AuditSummary summary, engine_->audit().Verify(std::nullopt));
  EXPECT_EQ(summary.entries_checked, 8u);
}

TEST_F(AuditLogTest, AChangedByteADeletedEntryAndACutTailAreEachCaught) {
  // Reopened once first, so that what the log holds is in RocksDB's tables: raw writes reopen
  // the database without flushing what they recover (raw_store.h), and a family made in the same
  // session as its data then loses it to them.
  WhileStopped([](const std::string&) {});
  const std::vector<AuditEntry> entries = Entries();
  ASSERT_EQ(entries.size(), 7u);
  const AuditHead exported = engine_->audit().Head();

  // One byte of entry 2 changed.
  std::string changed = entries[1].SerializeAsString();
  changed[changed.size() / 2] ^= 0x01;
  WhileStopped([&](const std::string& dir) {
    ASSERT_OK(testing::PutRaw(dir, "audit", EncodeFixed64BE(2), changed));
  });
  EXPECT_THAT(engine_->audit().Verify(std::nullopt),
              StatusIs(absl::StatusCode::kDataLoss, HasSubstr("audit entry 2")));

  // Restored, then entry 2 deleted.
  WhileStopped([&](const std::string& dir) {
    ASSERT_OK(testing::DeleteRaw(dir, "audit", EncodeFixed64BE(2)));
  });
  EXPECT_THAT(engine_->audit().Verify(std::nullopt),
              StatusIs(absl::StatusCode::kDataLoss, HasSubstr("audit entry 2 is missing")));

  // Restored, then the tail cut: only the head exported earlier tells.
  WhileStopped([&](const std::string& dir) {
    ASSERT_OK(testing::PutRaw(dir, "audit", EncodeFixed64BE(2), entries[1].SerializeAsString()));
    ASSERT_OK(testing::DeleteRaw(dir, "audit", EncodeFixed64BE(7)));
  });
  EXPECT_OK(engine_->audit().Verify(std::nullopt));
  EXPECT_THAT(engine_->audit().Verify(exported),
              StatusIs(absl::StatusCode::kDataLoss, ::testing::_));
}

}  // namespace
}  // namespace rasoat::audit
