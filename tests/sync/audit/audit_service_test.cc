// AdminService's view of the audit log (sync/audit/audit_service.h) over a real engine: the
// head with what was just committed, a verification that answers a broken chain instead of
// failing, and a listing by household (targeted at it, or a push that changed it), round, user
// and time, in pages that return every entry once, also when a call stops at what it may read.
#include "sync/audit/audit_service.h"

#include <chrono>
#include <cstdint>
#include <limits>
#include <string>
#include <vector>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "absl/strings/escaping.h"
#include "absl/strings/str_cat.h"
#include "sync/audit/audit_head.h"
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
using ::rasoat::testing::StatusIs;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;

class AuditServiceTest : public testing::EngineTest {
 protected:
  // The log: 1 a push of h1 from tab-1 (test-admin), 2 its approval, 3 its village meeting and
  // 4 its posting (can-bo-xa), 5 its recognition (chu-tich), 6 its delivery to the program store
  // (rasoatd), 7 a push of h2 from tab-2 (test-admin), 8 user canbo.lan created (test-admin).
  void SetUp() override {
    Open();
    PushOk({MakeMutation("h1", "m1", 0, MakeHousehold(1))}, "tab-1");
    RecogniseOk({"h1"}, 1);
    // Delivered before anything else: its entry comes next.
    ASSERT_EQ(engine_->publisher().Status(std::chrono::seconds(120)).backlog(), 0u);
    PushOk({MakeMutation("h2", "m2", 0, MakeHousehold(2))}, "tab-2");
    v1::CreateUserRequest user;
    user.mutable_user()->set_login("canbo.lan");
    user.mutable_user()->set_role(v1::ROLE_REVIEWER);
    v1::CreateUserResponse created;
    ASSERT_OK(engine_->identity().CreateUser(TestAdmin(), user, &created));
  }

  AuditService& service() { return engine_->audit_service(); }

  // The seqs of one page of `request`.
  std::vector<uint64_t> Seqs(const v1::ListAuditRequest& request,
                             v1::ListAuditResponse* response = nullptr) {
    v1::ListAuditResponse page;
    EXPECT_OK(service().List(request, &page));
    std::vector<uint64_t> seqs;
    for (const v1::AuditEntry& entry : page.entries()) seqs.push_back(entry.seq());
    if (response != nullptr) *response = page;
    return seqs;
  }

  // Every entry, one page.
  std::vector<v1::AuditEntry> All() {
    v1::ListAuditResponse page;
    EXPECT_OK(service().List(v1::ListAuditRequest(), &page));
    return {page.entries().begin(), page.entries().end()};
  }
};

v1::ListAuditRequest Household(const std::string& household_id, const std::string& round_id = "") {
  v1::ListAuditRequest request;
  request.set_household_id(household_id);
  request.set_round_id(round_id);
  return request;
}

TEST_F(AuditServiceTest, TheHeadIncludesWhatWasJustCommitted) {
  PushOk({MakeMutation("h3", "m3", 0, MakeHousehold(3))}, "tab-1");
  v1::AuditHeadResponse response;
  ASSERT_OK(service().Head(&response));
  EXPECT_EQ(response.head().seq(), 9u);
  EXPECT_EQ(response.head().text(), FormatAuditHead(engine_->audit().Head()));
  EXPECT_EQ(response.head().text(), absl::StrCat("9:", response.head().hash_hex()));
  EXPECT_EQ(response.head().hash_hex().size(), 64u);
}

TEST_F(AuditServiceTest, AnIntactLogIsVerifiedWithWhatWasChecked) {
  v1::VerifyAuditResponse response;
  ASSERT_OK(service().Verify(v1::VerifyAuditRequest(), &response));
  EXPECT_TRUE(response.intact());
  EXPECT_THAT(response.problem(), IsEmpty());
  EXPECT_EQ(response.entries_checked(), 8u);
  EXPECT_EQ(response.first_seq(), 1u);
  EXPECT_EQ(response.last_seq(), 8u);
  EXPECT_EQ(response.head().text(), FormatAuditHead(engine_->audit().Head()));
  EXPECT_FALSE(response.expect_head_found());

  // The head exported now still holds once the log has grown.
  v1::VerifyAuditRequest request;
  request.set_expect_head(response.head().text());
  PushOk({MakeMutation("h3", "m3", 0, MakeHousehold(3))}, "tab-1");
  ASSERT_OK(service().Verify(request, &response));
  EXPECT_TRUE(response.intact());
  EXPECT_TRUE(response.expect_head_found());
  EXPECT_EQ(response.entries_checked(), 9u);
}

TEST_F(AuditServiceTest, AHeadPastTheEndIsAnAnswerNotAFailure) {
  v1::VerifyAuditRequest request;
  request.set_expect_head(absl::StrCat("12:", std::string(64, 'c')));
  v1::VerifyAuditResponse response;
  ASSERT_OK(service().Verify(request, &response));
  EXPECT_FALSE(response.intact());
  EXPECT_THAT(response.problem(), HasSubstr("audit log ends at entry 8"));
  EXPECT_THAT(response.problem(), HasSubstr("entries 9 to 12 were removed"));
  EXPECT_EQ(response.entries_checked(), 0u);
}

TEST_F(AuditServiceTest, AHeadAtAnEntryWithAnotherHashIsNotIntact) {
  v1::VerifyAuditRequest request;
  request.set_expect_head(absl::StrCat("2:", std::string(64, '0')));
  v1::VerifyAuditResponse response;
  ASSERT_OK(service().Verify(request, &response));
  EXPECT_FALSE(response.intact());
  EXPECT_THAT(response.problem(), HasSubstr("audit entry 2"));
}

TEST_F(AuditServiceTest, AChangedEntryIsNotIntactAndNamed) {
  ASSERT_OK(engine_->audit().SealCommitted());
  // Reopened first, so that the log is in RocksDB's tables before a raw write (raw_store.h).
  engine_.reset();
  Open();
  ASSERT_EQ(All().size(), 8u);
  engine_.reset();
  AuditEntry stored;
  stored.set_seq(3);  // any other content under key 3
  stored.set_action(ACTION_BACKUP_CREATED);
  ASSERT_OK(
      testing::PutRaw(options_.data_dir, "audit", EncodeFixed64BE(3), stored.SerializeAsString()));
  Open();
  v1::VerifyAuditResponse response;
  ASSERT_OK(service().Verify(v1::VerifyAuditRequest(), &response));
  EXPECT_FALSE(response.intact());
  EXPECT_THAT(response.problem(), HasSubstr("audit entry 3"));
}

TEST_F(AuditServiceTest, AMalformedExpectedHeadIsInvalidArgumentNamingTheField) {
  for (const std::string& text :
       {std::string("12"), std::string("12:abc"), absl::StrCat("x:", std::string(64, 'a'))}) {
    v1::VerifyAuditRequest request;
    request.set_expect_head(text);
    v1::VerifyAuditResponse response;
    EXPECT_THAT(service().Verify(request, &response),
                StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("expect_head: ")))
        << text;
  }
}

TEST_F(AuditServiceTest, EntriesComeOldestFirstWithTheirChainAndWhatTheyRecord) {
  const std::vector<v1::AuditEntry> entries = All();
  ASSERT_EQ(entries.size(), 8u);
  for (size_t i = 0; i < entries.size(); ++i) EXPECT_EQ(entries[i].seq(), i + 1);
  EXPECT_EQ(entries[0].prev_hash(), std::string(32, '\0'));
  EXPECT_EQ(entries[1].prev_hash(), entries[0].hash());
  EXPECT_EQ(absl::StrCat("8:", absl::BytesToHexString(entries[7].hash())),
            FormatAuditHead(engine_->audit().Head()));

  EXPECT_EQ(entries[0].action(), v1::AUDIT_ACTION_PUSH);
  EXPECT_EQ(entries[0].actor().device_id(), "tab-1");
  ASSERT_EQ(entries[0].changes_size(), 1);
  EXPECT_EQ(entries[0].changes(0).household().household_id(), "h1");
  EXPECT_EQ(entries[0].changes(0).action(), v1::AUDIT_ACTION_PUSH_APPLIED);
  EXPECT_EQ(entries[0].changes(0).version(), 1u);
  EXPECT_EQ(entries[1].action(), v1::AUDIT_ACTION_APPROVED);
  EXPECT_EQ(entries[1].household().household_id(), "h1");
  EXPECT_THAT(entries[1].versions(), ElementsAre(1u));
  EXPECT_EQ(entries[1].digest().size(), 32u);
  EXPECT_EQ(entries[2].action(), v1::AUDIT_ACTION_VILLAGE_MEETING);
  ASSERT_EQ(entries[2].changes_size(), 1);
  EXPECT_EQ(entries[2].changes(0).household().household_id(), "h1");
  EXPECT_EQ(entries[2].changes(0).action(), v1::AUDIT_ACTION_VILLAGE_MEETING);
  EXPECT_EQ(entries[3].action(), v1::AUDIT_ACTION_POSTING_OPENED);
  EXPECT_EQ(entries[4].action(), v1::AUDIT_ACTION_RECOGNISED);
  EXPECT_EQ(entries[5].action(), v1::AUDIT_ACTION_PUBLISHED);
  EXPECT_EQ(entries[5].household().household_id(), "h1");
  EXPECT_EQ(entries[7].action(), v1::AUDIT_ACTION_USER_CREATED);
  EXPECT_EQ(entries[7].subject(), "canbo.lan");
}

TEST_F(AuditServiceTest, AHouseholdsEntriesAreThePushThatChangedItAndWhatWasDoneToIt) {
  EXPECT_THAT(Seqs(Household("h1")), ElementsAre(1u, 2u, 3u, 4u, 5u, 6u));
  EXPECT_THAT(Seqs(Household("h1", "2026")), ElementsAre(1u, 2u, 3u, 4u, 5u, 6u));
  EXPECT_THAT(Seqs(Household("h2")), ElementsAre(7u));
  EXPECT_THAT(Seqs(Household("h1", "2025")), IsEmpty());
  EXPECT_THAT(Seqs(Household("no-such")), IsEmpty());
  // A round alone: every entry about a household of it.
  EXPECT_THAT(Seqs(Household("", "2026")), ElementsAre(1u, 2u, 3u, 4u, 5u, 6u, 7u));
}

TEST_F(AuditServiceTest, ActorAndTimeFilterAndCombine) {
  v1::ListAuditRequest reviewer;
  reviewer.set_actor_login("can-bo-xa");
  EXPECT_THAT(Seqs(reviewer), ElementsAre(2u, 3u, 4u));
  v1::ListAuditRequest admin = Household("h1");
  admin.set_actor_login("test-admin");
  EXPECT_THAT(Seqs(admin), ElementsAre(1u));
  v1::ListAuditRequest publisher;
  publisher.set_actor_login("rasoatd");
  EXPECT_THAT(Seqs(publisher), ElementsAre(6u));
  v1::ListAuditRequest nobody;
  nobody.set_actor_login("nobody");
  EXPECT_THAT(Seqs(nobody), IsEmpty());

  const std::vector<v1::AuditEntry> entries = All();
  ASSERT_EQ(entries.size(), 8u);
  v1::ListAuditRequest since;
  since.set_since_unix_micros(entries[2].time_unix_micros());
  std::vector<uint64_t> expected;
  for (const v1::AuditEntry& entry : entries) {
    if (entry.time_unix_micros() >= since.since_unix_micros()) expected.push_back(entry.seq());
  }
  EXPECT_EQ(Seqs(since), expected);
  EXPECT_THAT(expected, ::testing::Contains(3u));
  since.set_since_unix_micros(entries[7].time_unix_micros() + 1);
  EXPECT_THAT(Seqs(since), IsEmpty());

  since.set_since_unix_micros(-1);
  v1::ListAuditResponse response;
  EXPECT_THAT(service().List(since, &response),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("since_unix_micros")));
}

TEST_F(AuditServiceTest, PagesOfOneReturnEveryEntryOnceAndEndWithNoNextPage) {
  for (const v1::ListAuditRequest& filter : {v1::ListAuditRequest(), Household("h1")}) {
    v1::ListAuditRequest request = filter;
    request.set_page_size(1);
    std::vector<uint64_t> seen;
    for (int calls = 0; calls < 10; ++calls) {
      v1::ListAuditResponse page;
      ASSERT_OK(service().List(request, &page));
      EXPECT_LE(page.entries_size(), 1);
      for (const v1::AuditEntry& entry : page.entries()) seen.push_back(entry.seq());
      if (page.next_page_seq() == 0) break;
      EXPECT_GT(page.next_page_seq(), request.after_seq());
      request.set_after_seq(page.next_page_seq());
    }
    EXPECT_EQ(seen, Seqs(filter)) << filter.ShortDebugString();
  }
  // A full page with nothing after it says so: no next page.
  v1::ListAuditRequest last;
  last.set_after_seq(7);
  last.set_page_size(1);
  v1::ListAuditResponse response;
  EXPECT_THAT(Seqs(last, &response), ElementsAre(8u));
  EXPECT_EQ(response.next_page_seq(), 0u);
  last.set_after_seq(std::numeric_limits<uint64_t>::max());
  EXPECT_THAT(Seqs(last), IsEmpty());
}

TEST_F(AuditServiceTest, ACallStopsAtWhatItMayReadAndSaysWhereToGoOn) {
  AuditService small(&engine_->audit(), &engine_->store(), /*max_scanned=*/4);
  v1::ListAuditRequest request = Household("h2");
  v1::ListAuditResponse first;
  ASSERT_OK(small.List(request, &first));
  EXPECT_THAT(first.entries(), IsEmpty());  // 1 to 4 read, none about h2
  EXPECT_EQ(first.next_page_seq(), 4u);
  request.set_after_seq(first.next_page_seq());
  v1::ListAuditResponse second;
  ASSERT_OK(small.List(request, &second));  // 5 to 8 read, 8 the last
  ASSERT_EQ(second.entries_size(), 1);
  EXPECT_EQ(second.entries(0).seq(), 7u);
  EXPECT_EQ(second.next_page_seq(), 0u);
}

}  // namespace
}  // namespace rasoat::audit
