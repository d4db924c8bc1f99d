// ProgramStore's contract, run against both adapters (program_store_fixture.h):
// ProgramStoreTest.*/Sqlite on a SQLite file, ProgramStoreTest.*/Postgres on a database of the
// case's own on the throwaway PostgreSQL cluster.
#include "sync/publish/program_store.h"

#include <cstdint>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "absl/strings/escaping.h"
#include "absl/strings/str_cat.h"
#include "rasoat/v1/admin.pb.h"
#include "tests/support/status_matchers.h"
#include "tests/sync/publish/program_store_fixture.h"

namespace rasoat {
namespace {

using ::rasoat::publish::ProgramStore;
using ::rasoat::testing::Adapter;
using ::rasoat::testing::EqualsProto;
using ::rasoat::testing::IsOkAndHolds;
using ::rasoat::testing::ProgramStoreTest;
using ::rasoat::testing::Row;
using ::rasoat::testing::StatusIs;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;

INSTANTIATE_TEST_SUITE_P(, ProgramStoreTest,
                         ::testing::Values(Adapter::kSqlite, Adapter::kPostgres));

TEST_P(ProgramStoreTest, MigrateIsIdempotentAndRecordsVersion2) {
  ASSERT_OK_AND_ASSIGN(std::unique_ptr<ProgramStore> store, Open());
  ASSERT_OK(store->Migrate());
  ASSERT_OK(store->Migrate());
  ASSERT_OK_AND_ASSIGN(std::unique_ptr<ProgramStore> again, Open());
  ASSERT_OK(again->Migrate());

  EXPECT_THAT(backend_->QueryValue("SELECT count(*) FROM schema_version"), IsOkAndHolds("1"));
  ASSERT_OK_AND_ASSIGN(std::string version,
                       backend_->QueryValue("SELECT version FROM schema_version"));
  EXPECT_EQ(version, "2");
  ASSERT_OK_AND_ASSIGN(std::string rows,
                       backend_->QueryValue("SELECT count(*) FROM published_households"));
  EXPECT_EQ(rows, "0");
}

TEST_P(ProgramStoreTest, FirstUpsertMigrates) {
  ASSERT_OK_AND_ASSIGN(std::unique_ptr<ProgramStore> store, Open());
  ASSERT_OK_AND_ASSIGN(bool written, store->Upsert(Row("H-1", 1)));
  EXPECT_TRUE(written);
  ASSERT_OK_AND_ASSIGN(std::string version,
                       backend_->QueryValue("SELECT version FROM schema_version"));
  EXPECT_EQ(version, "2");
}

TEST_P(ProgramStoreTest, AVersion1StoreGainsTheNewColumnsAndKeepsItsRows) {
  {
    ASSERT_OK_AND_ASSIGN(std::unique_ptr<ProgramStore> store, Open());
    ASSERT_OK(store->Upsert(Row("H-1", 1)));
  }
  // The store as the previous build left it: no version-2 columns.
  for (const char* column : {"local_poverty_class", "local_standard_name", "outcome", "escaped_on",
                             "recognition_decision", "recognised_on"}) {
    ASSERT_OK(
        backend_->Exec(absl::StrCat("ALTER TABLE published_households DROP COLUMN ", column)));
  }
  ASSERT_OK(backend_->Exec("UPDATE schema_version SET version = 1"));

  ASSERT_OK_AND_ASSIGN(std::unique_ptr<ProgramStore> store, Open());
  ASSERT_OK(store->Migrate());
  EXPECT_THAT(backend_->QueryValue("SELECT version FROM schema_version"), IsOkAndHolds("2"));
  // The old row reads back without what it never had.
  v1::PublishedHousehold old = Row("H-1", 1);
  for (const int field : {18, 19, 20, 21, 22, 23}) {
    old.GetReflection()->ClearField(&old, old.GetDescriptor()->FindFieldByNumber(field));
  }
  EXPECT_THAT(ListAll(*store, "00001"), IsOkAndHolds(ElementsAre(EqualsProto(old))));
  // New rows carry them.
  ASSERT_OK(store->Upsert(Row("H-2", 1)));
  EXPECT_THAT(backend_->QueryValue(
                  "SELECT outcome || ' ' || escaped_on || ' ' || local_poverty_class || ' ' || "
                  "recognition_decision || ' ' || recognised_on FROM published_households WHERE "
                  "household_id = 'H-2'"),
              IsOkAndHolds("HOUSEHOLD_OUTCOME_RE_POOR 2024-12-31 POVERTY_CLASS_POOR 45/QĐ-UBND "
                           "2026-10-09"));
}

TEST_P(ProgramStoreTest, TwoStoresMigrateOneDatabaseAtOnce) {
  ASSERT_OK_AND_ASSIGN(std::unique_ptr<ProgramStore> first, Open());
  ASSERT_OK_AND_ASSIGN(std::unique_ptr<ProgramStore> second, Open());
  absl::Status first_status;
  absl::Status second_status;
  std::thread other([&] { second_status = second->Migrate(); });
  first_status = first->Migrate();
  other.join();
  EXPECT_OK(first_status);
  EXPECT_OK(second_status);
  EXPECT_THAT(backend_->QueryValue("SELECT count(*) FROM schema_version"), IsOkAndHolds("1"));
}

TEST_P(ProgramStoreTest, UpsertInsertsAndListReturnsTheRowAsWritten) {
  ASSERT_OK_AND_ASSIGN(std::unique_ptr<ProgramStore> store, Open());
  const v1::PublishedHousehold row = Row("H-1", 3);
  ASSERT_OK_AND_ASSIGN(bool written, store->Upsert(row));
  EXPECT_TRUE(written);

  ASSERT_OK_AND_ASSIGN(std::vector<v1::PublishedHousehold> listed, ListAll(*store, "00001"));
  ASSERT_THAT(listed, ElementsAre(EqualsProto(row)));
  // The record is stored and read back byte for byte, Vietnamese names and all.
  EXPECT_EQ(listed[0].record().SerializeAsString(), row.record().SerializeAsString());
  ASSERT_OK_AND_ASSIGN(std::string stored_hex,
                       backend_->QueryValue(absl::StrCat("SELECT ", backend_->RecordHex(),
                                                         " FROM published_households")));
  EXPECT_EQ(stored_hex, absl::BytesToHexString(row.record().SerializeAsString()));

  // A new instance (a restarted rasoatd) reads the same.
  ASSERT_OK_AND_ASSIGN(std::unique_ptr<ProgramStore> reopened, Open());
  EXPECT_THAT(ListAll(*reopened, "00001"), IsOkAndHolds(ElementsAre(EqualsProto(row))));
}

TEST_P(ProgramStoreTest, ColumnsAreReadableInSql) {
  ASSERT_OK_AND_ASSIGN(std::unique_ptr<ProgramStore> store, Open());
  ASSERT_OK(store->Upsert(Row("H-1", 3)));
  const auto column = [&](const std::string& expression) {
    return backend_->QueryValue(absl::StrCat("SELECT ", expression, " FROM published_households"));
  };
  EXPECT_THAT(column("head_name"), IsOkAndHolds("Nguyễn Thị Hoà"));
  EXPECT_THAT(column("village_code"), IsOkAndHolds("Thôn Đông, xóm 3"));
  EXPECT_THAT(column("approved_by"), IsOkAndHolds("Lê Văn Đức (cán bộ xã)"));
  EXPECT_THAT(column("area"), IsOkAndHolds("AREA_RURAL"));
  EXPECT_THAT(column("poverty_class"), IsOkAndHolds("POVERTY_CLASS_POOR"));
  EXPECT_THAT(column("deprived_indicators"), IsOkAndHolds("INDICATOR_EMPLOYMENT,INDICATOR_WATER"));
  EXPECT_THAT(column("per_capita_monthly_income_vnd"), IsOkAndHolds("1234567"));
  EXPECT_THAT(column("approved_version"), IsOkAndHolds("3"));
  EXPECT_THAT(column(backend_->ApprovedAt()), IsOkAndHolds("2026-03-01T10:00:00.123456Z"));
  EXPECT_THAT(column(backend_->JsonCommune()), IsOkAndHolds("00001"));
}

TEST_P(ProgramStoreTest, MinimalRowRoundTrips) {
  ASSERT_OK_AND_ASSIGN(std::unique_ptr<ProgramStore> store, Open());
  v1::PublishedHousehold row;
  row.set_round_id("2026");
  row.set_household_id("H-1");
  row.set_approved_version(1);
  ASSERT_OK_AND_ASSIGN(bool written, store->Upsert(row));
  EXPECT_TRUE(written);
  EXPECT_THAT(store->ListCommune("2026", "", "", 10), IsOkAndHolds(ElementsAre(EqualsProto(row))));
}

TEST_P(ProgramStoreTest, NewerVersionReplaces) {
  ASSERT_OK_AND_ASSIGN(std::unique_ptr<ProgramStore> store, Open());
  ASSERT_OK(store->Upsert(Row("H-1", 1)));
  v1::PublishedHousehold newer = Row("H-1", 2);
  newer.set_poverty_class(v1::POVERTY_CLASS_NEAR_POOR);
  newer.clear_deprived_indicators();
  newer.set_deprivation_count(0);
  newer.set_head_name("Trần Văn Bình");
  ASSERT_OK_AND_ASSIGN(bool written, store->Upsert(newer));
  EXPECT_TRUE(written);
  EXPECT_THAT(ListAll(*store, "00001"), IsOkAndHolds(ElementsAre(EqualsProto(newer))));
}

// A redelivered outbox entry, older or the same version, never overwrites what is stored.
TEST_P(ProgramStoreTest, OlderOrEqualVersionIsRefusedAndLeavesTheRow) {
  ASSERT_OK_AND_ASSIGN(std::unique_ptr<ProgramStore> store, Open());
  const v1::PublishedHousehold stored = Row("H-1", 5);
  ASSERT_OK(store->Upsert(stored));

  v1::PublishedHousehold older = Row("H-1", 3);
  older.set_poverty_class(v1::POVERTY_CLASS_NOT_POOR);
  older.set_commune_code("00002");
  ASSERT_OK_AND_ASSIGN(bool written, store->Upsert(older));
  EXPECT_FALSE(written);
  v1::PublishedHousehold same_version = Row("H-1", 5);
  same_version.set_head_name("Phạm Thị Lan");
  same_version.set_per_capita_monthly_income_vnd(9'999'999);
  ASSERT_OK_AND_ASSIGN(written, store->Upsert(same_version));
  EXPECT_FALSE(written);

  EXPECT_THAT(ListAll(*store, "00001"), IsOkAndHolds(ElementsAre(EqualsProto(stored))));
  EXPECT_THAT(ListAll(*store, "00002"), IsOkAndHolds(IsEmpty()));
  EXPECT_THAT(backend_->QueryValue("SELECT head_name FROM published_households"),
              IsOkAndHolds("Nguyễn Thị Hoà"));
}

// The publisher delivers in order and redelivers after a crash: the store ends at the newest.
TEST_P(ProgramStoreTest, ReplayedDeliveriesConvergeOnTheNewest) {
  ASSERT_OK_AND_ASSIGN(std::unique_ptr<ProgramStore> store, Open());
  std::vector<bool> written;
  for (const uint64_t version : {1, 3, 2, 3, 1}) {
    ASSERT_OK_AND_ASSIGN(bool wrote, store->Upsert(Row("H-1", version)));
    written.push_back(wrote);
  }
  EXPECT_THAT(written, ElementsAre(true, true, false, false, false));
  EXPECT_THAT(ListAll(*store, "00001"), IsOkAndHolds(ElementsAre(EqualsProto(Row("H-1", 3)))));
}

// Household ids compare byte by byte, whatever the database's collation (the PostgreSQL test
// database collates by Vietnamese rules, under which "h-1" would come first).
TEST_P(ProgramStoreTest, ListCommunePagesInHouseholdIdOrderWithinCommuneAndRound) {
  ASSERT_OK_AND_ASSIGN(std::unique_ptr<ProgramStore> store, Open());
  for (const char* id : {"H-9", "h-1", "H-10", "Ha", "H-2", "Hà", "H-1"}) {
    ASSERT_OK(store->Upsert(Row(id, 1, "00001", "2026")));
  }
  ASSERT_OK(store->Upsert(Row("H-5", 1, "00002", "2026")));  // Another commune.
  ASSERT_OK(store->Upsert(Row("H-3", 1, "00001", "2025")));  // Another round.

  std::vector<std::string> ids;
  std::vector<size_t> page_sizes;
  std::string after;
  while (true) {
    ASSERT_OK_AND_ASSIGN(std::vector<v1::PublishedHousehold> page,
                         store->ListCommune("2026", "00001", after, 3));
    if (page.empty()) break;
    page_sizes.push_back(page.size());
    for (const v1::PublishedHousehold& row : page) {
      EXPECT_EQ(row.commune_code(), "00001");
      EXPECT_EQ(row.round_id(), "2026");
      ids.push_back(row.household_id());
    }
    after = page.back().household_id();
  }
  EXPECT_THAT(ids, ElementsAre("H-1", "H-10", "H-2", "H-9", "Ha", "Hà", "h-1"));
  EXPECT_THAT(page_sizes, ElementsAre(3, 3, 1));
  EXPECT_THAT(store->ListCommune("2026", "00001", "", 0), IsOkAndHolds(IsEmpty()));
  EXPECT_THAT(store->ListCommune("2026", "99999", "", 10), IsOkAndHolds(IsEmpty()));
  EXPECT_THAT(store->ListCommune("2025", "00001", "", 10),
              IsOkAndHolds(ElementsAre(EqualsProto(Row("H-3", 1, "00001", "2025")))));
}

TEST_P(ProgramStoreTest, RowWithoutKeyOrVersionIsInvalidArgument) {
  ASSERT_OK_AND_ASSIGN(std::unique_ptr<ProgramStore> store, Open());
  v1::PublishedHousehold no_round = Row("H-1", 1);
  no_round.clear_round_id();
  EXPECT_THAT(store->Upsert(no_round),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("round_id")));
  v1::PublishedHousehold no_household = Row("", 1);
  EXPECT_THAT(store->Upsert(no_household),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("household_id")));
  EXPECT_THAT(store->Upsert(Row("H-1", 0)),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("approved_version")));
  v1::PublishedHousehold nul_in_name = Row("H-1", 1);
  nul_in_name.set_head_name(std::string("Lê\0Văn", 8));
  EXPECT_THAT(store->Upsert(nul_in_name),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("NUL")));
  EXPECT_THAT(ListAll(*store, "00001"), IsOkAndHolds(IsEmpty()));
}

TEST_P(ProgramStoreTest, NewerSchemaIsFailedPrecondition) {
  {
    ASSERT_OK_AND_ASSIGN(std::unique_ptr<ProgramStore> store, Open());
    ASSERT_OK(store->Migrate());
  }
  ASSERT_OK(backend_->Exec("UPDATE schema_version SET version = 3"));
  ASSERT_OK_AND_ASSIGN(std::unique_ptr<ProgramStore> store, Open());
  EXPECT_THAT(store->Migrate(),
              StatusIs(absl::StatusCode::kFailedPrecondition, HasSubstr("schema version 3")));
  EXPECT_THAT(store->Upsert(Row("H-1", 1)),
              StatusIs(absl::StatusCode::kFailedPrecondition, HasSubstr("schema version 3")));
  EXPECT_THAT(backend_->QueryValue("SELECT version FROM schema_version"), IsOkAndHolds("3"));
}

TEST_P(ProgramStoreTest, UnknownEnumNameInStoreIsFailedPrecondition) {
  ASSERT_OK_AND_ASSIGN(std::unique_ptr<ProgramStore> store, Open());
  ASSERT_OK(store->Upsert(Row("H-1", 1)));
  ASSERT_OK(backend_->Exec(
      "UPDATE published_households SET deprived_indicators = 'INDICATOR_FROM_2031'"));
  EXPECT_THAT(ListAll(*store, "00001"),
              StatusIs(absl::StatusCode::kFailedPrecondition, HasSubstr("INDICATOR_FROM_2031")));
}

}  // namespace
}  // namespace rasoat
