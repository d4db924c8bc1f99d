// The fixture of the ProgramStore contract tests, run against both adapters: a SQLite file in a
// TempDir (CASE/Sqlite) and a database of the case's own on the throwaway PostgreSQL cluster
// (CASE/Postgres, which CTest runs with the fixture "postgres"). Each case opens the store
// through OpenProgramStore, as rasoatd does, and reaches the database with raw SQL through a
// Backend, on a connection of its own, as a report reading the store would.
//
// Thread-safety: one test's own objects, on the test's thread.
#pragma once

#include <cstdint>
#include <memory>
#include <ostream>
#include <string>
#include <vector>

#include <gmock/gmock.h>
#include <google/protobuf/util/message_differencer.h>
#include <gtest/gtest.h>

#include "absl/strings/str_cat.h"
#include "rasoat/v1/admin.pb.h"
#include "sync/publish/program_store.h"
#include "tests/support/households.h"
#include "tests/support/status_matchers.h"
#include "tests/support/temp_dir.h"
#include "tests/sync/publish/postgres_test_database.h"
#include "tests/sync/publish/sqlite_query.h"

namespace rasoat::testing {

using ::rasoat::publish::ProgramStore;

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
inline v1::PublishedHousehold Row(const std::string& household_id, uint64_t version,
                                  const std::string& commune = "00001",
                                  const std::string& round = "2026") {
  v1::PublishedHousehold row;
  row.set_round_id(round);
  row.set_household_id(household_id);
  row.set_province_code("27");
  row.set_commune_code(commune);
  row.set_village_code("Thôn Đông, xóm 3");
  *row.mutable_record() =
      MakeHousehold(version * 7919 + household_id.size(), commune, "Thôn Đông, xóm 3");
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
  row.set_local_poverty_class(v1::POVERTY_CLASS_POOR);
  row.set_local_standard_name("bac-ninh-2025");
  row.set_outcome(v1::HOUSEHOLD_OUTCOME_RE_POOR);
  *row.mutable_escaped_on() = Day(2024, 12, 31);
  row.set_recognition_decision("45/QĐ-UBND");
  *row.mutable_recognised_on() = Day(2026, 10, 9);
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
  absl::Status Exec(const std::string& sql) override { return SqliteExec(path_, sql); }
  absl::StatusOr<std::string> QueryValue(const std::string& sql) override {
    return SqliteQueryValue(path_, sql);
  }
  std::string RecordHex() const override { return "lower(hex(record))"; }
  std::string JsonCommune() const override {
    return "json_extract(record_json, '$.location.commune_code')";
  }
  std::string ApprovedAt() const override { return "approved_at"; }

 private:
  TempDir dir_;
  std::string path_ = dir_.Sub("program.db");
};

// The PostgreSQL adapter on a database of the case's own.
class PostgresBackend final : public Backend {
 public:
  absl::Status SetUp() override {
    absl::StatusOr<std::unique_ptr<PostgresTestDatabase>> db = PostgresTestDatabase::Create();
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
  std::unique_ptr<PostgresTestDatabase> db_;
};

enum class Adapter { kSqlite, kPostgres };

// The name CTest shows: ProgramStoreTest.Case/Sqlite, ProgramStoreTest.Case/Postgres.
inline void PrintTo(Adapter adapter, std::ostream* out) {
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

}  // namespace rasoat::testing
