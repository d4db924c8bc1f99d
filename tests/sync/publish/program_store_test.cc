// ProgramStore's contract, run against both adapters: a SQLite file in a TempDir
// (ProgramStoreTest.*/Sqlite) and a database of the case's own on the throwaway PostgreSQL
// cluster (ProgramStoreTest.*/Postgres, which CTest runs with the fixture "postgres"). Each case
// opens the store through OpenProgramStore, as rasoatd does, and checks what SQL readers see
// through a connection of its own.
#include "sync/publish/program_store.h"

#include <cstdint>
#include <memory>
#include <ostream>
#include <string>
#include <thread>
#include <vector>

#include <gmock/gmock.h>
#include <google/protobuf/util/message_differencer.h>
#include <gtest/gtest.h>

#include "absl/strings/escaping.h"
#include "absl/strings/str_cat.h"
#include "rasoat/v1/admin.pb.h"
#include "tests/support/households.h"
#include "tests/support/status_matchers.h"
#include "tests/support/temp_dir.h"
#include "tests/sync/publish/postgres_test_database.h"
#include "tests/sync/publish/sqlite_query.h"

namespace rasoat {
namespace {

using ::rasoat::publish::ProgramStore;
using ::rasoat::testing::StatusIs;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;

MATCHER_P(EqualsProto, expected, "") {
  std::string differences;
  google::protobuf::util::MessageDifferencer differencer;
  differencer.ReportDifferencesToString(&differences);
  if (differencer.Compare(expected, arg)) return true;
  *result_listener << "differs: " << differences;
  return false;
}

MATCHER_P(IsOkAndHolds, matcher, "") {
  if (!arg.ok()) {
    *result_listener << "status is " << arg.status();
    return false;
  }
  return ::testing::ExplainMatchResult(matcher, *arg, result_listener);
}

// 2026-03-01T10:00:00.123456Z.
constexpr int64_t kApprovedAt = 1772359200123456;

// A household of commune `commune` approved at `version`, its record a realistic one with
// Vietnamese names.
v1::PublishedHousehold Row(const std::string& household_id, uint64_t version,
                           const std::string& commune = "00001",
                           const std::string& round = "2026") {
  v1::PublishedHousehold row;
  row.set_round_id(round);
  row.set_household_id(household_id);
  row.set_province_code("27");
  row.set_commune_code(commune);
  row.set_village_code("Thôn Đông, xóm 3");
  *row.mutable_record() =
      testing::MakeHousehold(version * 7919 + household_id.size(), commune, "Thôn Đông, xóm 3");
  row.mutable_record()->mutable_members(0)->set_full_name("Nguyễn Thị Hoà");
  row.mutable_record()->set_collaborator_note("Nhà cấp 4, mái \"tôn\" dột; cần hỗ trợ\nsửa nhà");
  row.set_area(v1::AREA_RURAL);
  row.set_poverty_class(v1::POVERTY_CLASS_POOR);
  row.set_per_capita_monthly_income_vnd(1'234'567);
  row.set_deprivation_count(2);
  row.add_deprived_indicators(v1::INDICATOR_EMPLOYMENT);
  row.add_deprived_indicators(v1::INDICATOR_WATER);
  row.set_member_count(row.record().members_size());
  row.set_head_name("Nguyễn Thị Hoà");
  row.set_approved_version(version);
  row.set_approved_by("Lê Văn Đức (cán bộ xã)");
  row.set_approved_at_unix_micros(kApprovedAt);
  row.set_standard_name("decree-07-2021");
  return row;
}

// Raw SQL on the database a store under test uses, from a connection of its own.
class Backend {
 public:
  virtual ~Backend() = default;
  virtual absl::Status SetUp() = 0;
  // What OpenProgramStore is given.
  virtual std::string Uri() const = 0;
  virtual absl::Status Exec(const std::string& sql) = 0;
  virtual absl::StatusOr<std::string> QueryValue(const std::string& sql) = 0;
  // Expressions over published_households: the record in lower-case hex, the record's commune
  // from record_json, approved_at as ISO 8601 text.
  virtual std::string RecordHex() const = 0;
  virtual std::string JsonCommune() const = 0;
  virtual std::string ApprovedAt() const = 0;
};

// The SQLite adapter on a file in a TempDir.
class SqliteBackend final : public Backend {
 public:
  absl::Status SetUp() override { return absl::OkStatus(); }
  std::string Uri() const override { return absl::StrCat("sqlite:", path_); }
  absl::Status Exec(const std::string& sql) override { return testing::SqliteExec(path_, sql); }
  absl::StatusOr<std::string> QueryValue(const std::string& sql) override {
    return testing::SqliteQueryValue(path_, sql);
  }
  std::string RecordHex() const override { return "lower(hex(record))"; }
  std::string JsonCommune() const override {
    return "json_extract(record_json, '$.location.commune_code')";
  }
  std::string ApprovedAt() const override { return "approved_at"; }

 private:
  testing::TempDir dir_;
  std::string path_ = dir_.Sub("program.db");
};

// The PostgreSQL adapter on a database of the case's own.
class PostgresBackend final : public Backend {
 public:
  absl::Status SetUp() override {
    absl::StatusOr<std::unique_ptr<testing::PostgresTestDatabase>> db =
        testing::PostgresTestDatabase::Create();
    if (!db.ok()) return db.status();
    db_ = std::move(*db);
    return absl::OkStatus();
  }
  std::string Uri() const override { return db_->uri(); }
  absl::Status Exec(const std::string& sql) override { return db_->Exec(sql); }
  absl::StatusOr<std::string> QueryValue(const std::string& sql) override {
    return db_->QueryValue(sql);
  }
  std::string RecordHex() const override { return "encode(record, 'hex')"; }
  std::string JsonCommune() const override { return "record_json->'location'->>'commune_code'"; }
  std::string ApprovedAt() const override {
    return "to_char(approved_at AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.US\"Z\"')";
  }

 private:
  std::unique_ptr<testing::PostgresTestDatabase> db_;
};

enum class Adapter { kSqlite, kPostgres };

// The name CTest shows: ProgramStoreTest.Case/Sqlite, ProgramStoreTest.Case/Postgres.
void PrintTo(Adapter adapter, std::ostream* out) {
  *out << (adapter == Adapter::kSqlite ? "Sqlite" : "Postgres");
}

class ProgramStoreTest : public ::testing::TestWithParam<Adapter> {
 protected:
  void SetUp() override {
    if (GetParam() == Adapter::kSqlite) {
      backend_ = std::make_unique<SqliteBackend>();
    } else {
      backend_ = std::make_unique<PostgresBackend>();
    }
    ASSERT_OK(backend_->SetUp());
  }

  // A new instance on the backend's database, as rasoatd opens it.
  absl::StatusOr<std::unique_ptr<ProgramStore>> Open() {
    return publish::OpenProgramStore(backend_->Uri(), "");
  }

  absl::StatusOr<std::vector<v1::PublishedHousehold>> ListAll(ProgramStore& store,
                                                              const std::string& commune,
                                                              const std::string& round = "2026") {
    return store.ListCommune(round, commune, "", 1000);
  }

  std::unique_ptr<Backend> backend_;
};

INSTANTIATE_TEST_SUITE_P(, ProgramStoreTest,
                         ::testing::Values(Adapter::kSqlite, Adapter::kPostgres));

TEST_P(ProgramStoreTest, MigrateIsIdempotentAndRecordsVersion1) {
  ASSERT_OK_AND_ASSIGN(std::unique_ptr<ProgramStore> store, Open());
  ASSERT_OK(store->Migrate());
  ASSERT_OK(store->Migrate());
  ASSERT_OK_AND_ASSIGN(std::unique_ptr<ProgramStore> again, Open());
  ASSERT_OK(again->Migrate());

  EXPECT_THAT(backend_->QueryValue("SELECT count(*) FROM schema_version"), IsOkAndHolds("1"));
  ASSERT_OK_AND_ASSIGN(std::string version,
                       backend_->QueryValue("SELECT version FROM schema_version"));
  EXPECT_EQ(version, "1");
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
  EXPECT_EQ(version, "1");
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
  ASSERT_OK(backend_->Exec("UPDATE schema_version SET version = 2"));
  ASSERT_OK_AND_ASSIGN(std::unique_ptr<ProgramStore> store, Open());
  EXPECT_THAT(store->Migrate(),
              StatusIs(absl::StatusCode::kFailedPrecondition, HasSubstr("schema version 2")));
  EXPECT_THAT(store->Upsert(Row("H-1", 1)),
              StatusIs(absl::StatusCode::kFailedPrecondition, HasSubstr("schema version 2")));
  EXPECT_THAT(backend_->QueryValue("SELECT version FROM schema_version"), IsOkAndHolds("2"));
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
