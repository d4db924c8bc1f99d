// Dead letters, through the engine on a real RocksDB and the embedded SQLite program store: an
// entry the store refuses for good (a NUL written into the store before the fix at the edge, a
// constraint of the store's table) is parked with the store's error and never blocks the others;
// the later versions of its household are held behind it (also after a restart) while other
// households flow on; a store that cannot be reached parks nothing; and an admin's retry puts
// a household back, in order, once the cause is gone.
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "sync/audit/audit_entry.pb.h"
#include "sync/engine.h"
#include "sync/store/audit_records.h"
#include "sync/store/keys.h"
#include "sync/store/store_records.pb.h"
#include "tests/support/engine_fixture.h"
#include "tests/support/households.h"
#include "tests/support/raw_store.h"
#include "tests/support/status_matchers.h"
#include "tests/support/temp_dir.h"
#include "tests/support/test_principal.h"
#include "tests/sync/publish/sqlite_query.h"

namespace rasoat {
namespace {

using ::testing::HasSubstr;
using ::testing::IsEmpty;
using testing::KeyOf;
using testing::MakeHousehold;
using testing::MakeMutation;
using ::testing::Not;
using ::testing::SizeIs;
using testing::StatusIs;

constexpr auto kDrainWait = std::chrono::seconds(120);
// "Lâm Văn" NUL "Null": the head of household of the issue's report.
const std::string kNulName("L\xC3\xA2m V\xC4\x83n\0Null", 14);

class DeadLetterTest : public testing::EngineTest {
 protected:
  void SetUp() override { Open(); }

  // Pushes version `version` of household `id` (a fast-forward) and recognises it.
  void PushAndRecognise(const std::string& id, uint64_t version) {
    v1::Household record = MakeHousehold(id.size() + version);
    record.set_collaborator_note(absl::StrCat("phiên bản ", version));
    PushOk({MakeMutation(id, absl::StrCat(id, "-", version), version - 1, std::move(record))});
    RecogniseOk({id}, version);
  }

  v1::GetPublishStatusResponse Drained() {
    v1::GetPublishStatusResponse status = engine_->publisher().Status(kDrainWait);
    EXPECT_EQ(status.backlog(), 0u) << status.last_error();
    return status;
  }

  // The program store's rows of commune 00001: household id -> approved version.
  std::map<std::string, uint64_t> Published() {
    std::map<std::string, uint64_t> rows;
    v1::ListPublishedRequest request;
    request.set_round_id("2026");
    request.set_commune_code("00001");
    v1::ListPublishedResponse page;
    EXPECT_OK(engine_->published().ListPublished(TestAdmin(), request, &page));
    for (const v1::PublishedHousehold& row : page.households()) {
      rows[row.household_id()] = row.approved_version();
    }
    return rows;
  }

  std::string ProgramDb() const { return options_.data_dir + "/program.db"; }

  // From now on the program store refuses household h1 for good, as a CHECK an operator added
  // would. REQUIRES: the table exists (something was published).
  void RefuseH1() {
    ASSERT_OK(testing::SqliteExec(ProgramDb(), R"sql(
CREATE TRIGGER refuse_h1 BEFORE INSERT ON published_households
WHEN NEW.household_id = 'h1' BEGIN SELECT RAISE(ABORT, 'h1 is refused by the test'); END;
)sql"));
  }
};

TEST_F(DeadLetterTest, ANulInAStoredEntryIsParkedAndTheNineteenApprovalsAfterItPublish) {
  // A record with a NUL in its head's name reached the outbox before the edge refused such
  // text: the program store refuses its row ("has a NUL character in a text field").
  PushOk({MakeMutation("h0", "h0-1", 0, MakeHousehold(0))});  // the store's seqs move past 1
  engine_.reset();
  store::OutboxEntry poison;
  v1::PublishedHousehold* row = poison.mutable_household();
  row->set_round_id("2026");
  row->set_household_id("h-nul");
  row->set_commune_code("00001");
  row->set_head_name(kNulName);
  row->set_approved_version(1);
  row->set_approved_by("can-bo-xa");
  poison.set_enqueued_at_micros(absl::ToUnixMicros(absl::Now()));
  ASSERT_OK(
      testing::PutRaw(options_.data_dir, "outbox", OutboxKeyOf(1), poison.SerializeAsString()));
  Open();

  for (int i = 1; i <= 19; ++i) PushAndRecognise(absl::StrCat("h", i), 1);
  v1::GetPublishStatusResponse status = Drained();
  EXPECT_THAT(Published(), SizeIs(19));
  EXPECT_EQ(Published().count("h-nul"), 0u);
  ASSERT_EQ(status.dead_letter_count(), 1u);
  ASSERT_THAT(status.dead_letters(), SizeIs(1));
  const v1::DeadLetter& letter = status.dead_letters(0);
  EXPECT_EQ(letter.key().household_id(), "h-nul");
  EXPECT_EQ(letter.approved_version(), 1u);
  EXPECT_EQ(letter.held_behind_version(), 0u);
  EXPECT_GT(letter.parked_at_unix_micros(), 0);
  EXPECT_THAT(letter.error(), HasSubstr("NUL"));
  EXPECT_THAT(letter.error(), Not(HasSubstr("L\xC3\xA2m")));  // never the name itself
  EXPECT_EQ(status.last_error(), "");

  // A restart changes nothing: it stays parked, and what comes after it still flows.
  Open();
  PushAndRecognise("h20", 1);
  status = Drained();
  EXPECT_EQ(status.dead_letter_count(), 1u);
  EXPECT_THAT(Published(), SizeIs(20));
}

TEST_F(DeadLetterTest, ARefusedHouseholdsLaterVersionsAreHeldBehindItWhileOthersFlow) {
  PushAndRecognise("h0", 1);
  Drained();
  RefuseH1();

  PushAndRecognise("h1", 1);
  PushAndRecognise("h2", 1);
  PushAndRecognise("h1", 2);  // would publish fine, but must not overtake version 1
  PushAndRecognise("h3", 1);
  v1::GetPublishStatusResponse status = Drained();
  EXPECT_EQ(Published(), (std::map<std::string, uint64_t>{{"h0", 1}, {"h2", 1}, {"h3", 1}}));
  ASSERT_EQ(status.dead_letter_count(), 2u);
  ASSERT_THAT(status.dead_letters(), SizeIs(2));
  EXPECT_EQ(status.dead_letters(0).key().household_id(), "h1");
  EXPECT_EQ(status.dead_letters(0).approved_version(), 1u);
  EXPECT_THAT(status.dead_letters(0).error(), HasSubstr("h1 is refused by the test"));
  EXPECT_EQ(status.dead_letters(0).held_behind_version(), 0u);
  EXPECT_EQ(status.dead_letters(1).key().household_id(), "h1");
  EXPECT_EQ(status.dead_letters(1).approved_version(), 2u);
  EXPECT_EQ(status.dead_letters(1).held_behind_version(), 1u);
  EXPECT_EQ(status.dead_letters(1).error(), "");

  // After a restart the household is still held: its next approval waits too.
  Open();
  PushAndRecognise("h1", 3);
  PushAndRecognise("h4", 1);
  status = Drained();
  EXPECT_EQ(status.dead_letter_count(), 3u);
  EXPECT_EQ(Published().count("h1"), 0u);
  EXPECT_EQ(Published().count("h4"), 1u);
}

TEST_F(DeadLetterTest, AStoreThatCannotBeReachedParksNothing) {
  testing::TempDir no_server;
  options_.program_store = absl::StrCat("postgresql:///rasoat?host=", no_server.path());
  Open();
  PushAndRecognise("h1", 1);
  v1::GetPublishStatusResponse status;
  // The first delivery attempt has failed once last_error shows it.
  do {
    status = engine_->publisher().Status();
  } while (status.last_error().empty());
  EXPECT_THAT(status.last_error(), HasSubstr("UNAVAILABLE"));
  EXPECT_EQ(status.backlog(), 1u);
  EXPECT_EQ(status.dead_letter_count(), 0u);
  EXPECT_THAT(status.dead_letters(), IsEmpty());
}

TEST_F(DeadLetterTest, ARetryOnceTheCauseIsGoneDeliversTheHouseholdsNewestApproval) {
  PushAndRecognise("h0", 1);
  Drained();
  RefuseH1();
  PushAndRecognise("h1", 1);
  PushAndRecognise("h1", 2);
  ASSERT_EQ(Drained().dead_letter_count(), 2u);

  // Still refused: retried, and parked again, in the same order.
  v1::RetryDeadLettersRequest request;
  *request.mutable_household() = KeyOf("h1");
  v1::RetryDeadLettersResponse response;
  ASSERT_OK(engine_->publisher().RetryDeadLetters("test-admin", request, &response));
  EXPECT_EQ(response.retried(), 1u);     // version 2, the newest
  EXPECT_EQ(response.superseded(), 1u);  // version 1: the store keeps one row per household
  v1::GetPublishStatusResponse status = Drained();
  ASSERT_EQ(status.dead_letter_count(), 1u);
  EXPECT_EQ(status.dead_letters(0).approved_version(), 2u);
  EXPECT_EQ(Published().count("h1"), 0u);

  // The cause removed, a retry of every dead letter publishes it.
  ASSERT_OK(testing::SqliteExec(ProgramDb(), "DROP TRIGGER refuse_h1"));
  ASSERT_OK(engine_->publisher().RetryDeadLetters("test-admin", v1::RetryDeadLettersRequest(),
                                                  &response));
  EXPECT_EQ(response.retried(), 1u);
  EXPECT_EQ(response.superseded(), 0u);
  status = Drained();
  EXPECT_EQ(status.dead_letter_count(), 0u);
  EXPECT_EQ(Published(), (std::map<std::string, uint64_t>{{"h0", 1}, {"h1", 2}}));
  v1::GetHouseholdRequest get;
  *get.mutable_key() = KeyOf("h1");
  v1::GetHouseholdResponse household;
  ASSERT_OK(engine_->review().GetHousehold(TestAdmin(), get, &household));
  EXPECT_EQ(household.published_version(), 2u);

  // A later approval of h1 is no longer held.
  PushAndRecognise("h1", 3);
  Drained();
  EXPECT_EQ(Published().at("h1"), 3u);

  // Each delivery, dead letter and retry is in the audit log, by whom, of which version.
  ASSERT_OK(engine_->audit().SealCommitted());
  std::vector<std::string> publishing;
  const AuditRecords records(&engine_->store());
  ASSERT_OK(records.ForEachSealed(0, [&publishing](uint64_t, std::string_view bytes) {
    audit::AuditEntry entry;
    EXPECT_TRUE(entry.ParseFromArray(bytes.data(), static_cast<int>(bytes.size())));
    if (entry.action() == audit::ACTION_PUBLISHED ||
        entry.action() == audit::ACTION_DEAD_LETTERED ||
        entry.action() == audit::ACTION_DEAD_LETTER_RETRIED) {
      publishing.push_back(absl::StrCat(audit::Action_Name(entry.action()), " ",
                                        entry.actor().login(), " ",
                                        entry.household().household_id(), " ", entry.versions(0)));
    }
    return absl::OkStatus();
  }));
  EXPECT_THAT(publishing,
              ::testing::ElementsAre(
                  "ACTION_PUBLISHED rasoatd h0 1", "ACTION_DEAD_LETTERED rasoatd h1 1",
                  "ACTION_DEAD_LETTERED rasoatd h1 2", "ACTION_DEAD_LETTER_RETRIED test-admin h1 2",
                  "ACTION_DEAD_LETTERED rasoatd h1 2", "ACTION_DEAD_LETTER_RETRIED test-admin h1 2",
                  "ACTION_PUBLISHED rasoatd h1 2", "ACTION_PUBLISHED rasoatd h1 3"));
}

TEST_F(DeadLetterTest, ARetryNamingNoDeadLetterOrABadKeyIsRefused) {
  v1::RetryDeadLettersResponse response;
  v1::RetryDeadLettersRequest request;
  *request.mutable_household() = KeyOf("h9");
  EXPECT_THAT(
      engine_->publisher().RetryDeadLetters("test-admin", request, &response),
      StatusIs(absl::StatusCode::kNotFound, "household h9 of round 2026 has no dead letter"));
  request.mutable_household()->set_household_id(std::string("h\0", 2));
  EXPECT_THAT(engine_->publisher().RetryDeadLetters("test-admin", request, &response),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       "household.household_id: has a NUL character at byte 1"));
  request.mutable_household()->clear_round_id();
  EXPECT_THAT(engine_->publisher().RetryDeadLetters("test-admin", request, &response),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("household.round_id")));
  // Retrying all when there are none is no error.
  ASSERT_OK(engine_->publisher().RetryDeadLetters("test-admin", v1::RetryDeadLettersRequest(),
                                                  &response));
  EXPECT_EQ(response.retried(), 0u);
}

}  // namespace
}  // namespace rasoat
