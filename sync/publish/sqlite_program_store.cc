#include "sync/publish/sqlite_program_store.h"

#include <algorithm>
#include <cstdint>
#include <iterator>
#include <limits>
#include <utility>
#include <vector>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "sync/base/status_macros.h"
#include "sync/publish/published_columns.h"
#include <sqlite3.h>

namespace rasoat::publish {
namespace {

using internal::PublishedColumns;

struct DbCloser {
  void operator()(sqlite3* db) const { sqlite3_close_v2(db); }
};
using Db = std::unique_ptr<sqlite3, DbCloser>;

struct StatementFinalizer {
  void operator()(sqlite3_stmt* statement) const { sqlite3_finalize(statement); }
};
using Statement = std::unique_ptr<sqlite3_stmt, StatementFinalizer>;

// How long a statement waits for a lock another connection holds (a reader running a report).
constexpr int kBusyTimeoutMs = 5000;

// kMigrations[v] takes the schema from version v to v + 1 (published_columns.h).
constexpr const char* kMigrations[] = {
    // 1: the published households, and the commune listing's index.
    R"sql(
CREATE TABLE published_households (
  round_id TEXT NOT NULL,
  household_id TEXT NOT NULL,
  province_code TEXT NOT NULL,
  commune_code TEXT NOT NULL,
  village_code TEXT NOT NULL,
  area TEXT NOT NULL,
  poverty_class TEXT NOT NULL,
  per_capita_monthly_income_vnd INTEGER NOT NULL,
  deprivation_count INTEGER NOT NULL,
  deprived_indicators TEXT NOT NULL,
  member_count INTEGER NOT NULL,
  head_name TEXT NOT NULL,
  approved_version INTEGER NOT NULL,
  approved_by TEXT NOT NULL,
  approved_at TEXT NOT NULL,
  standard_name TEXT NOT NULL,
  record BLOB NOT NULL,
  record_json TEXT NOT NULL,
  PRIMARY KEY (round_id, household_id)
);
CREATE INDEX published_households_by_commune
  ON published_households (round_id, commune_code, household_id);
)sql",
    // 2: both classes, the outcome and the recognition.
    internal::kMigrationTo2Sql,
};
static_assert(std::size(kMigrations) == internal::kSchemaVersion);

// Columns in the order ReadRow expects.
constexpr char kList[] = R"sql(
SELECT round_id, household_id, province_code, commune_code, village_code, area, poverty_class,
  per_capita_monthly_income_vnd, deprivation_count, deprived_indicators, member_count, head_name,
  approved_version, approved_by, approved_at, standard_name, record,
  local_poverty_class, local_standard_name, outcome, escaped_on, recognition_decision,
  recognised_on
FROM published_households
WHERE round_id = ?1 AND commune_code = ?2 AND household_id > ?3
ORDER BY household_id
LIMIT ?4
)sql";

absl::StatusCode CodeOf(int rc) {
  switch (rc & 0xff) {
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
    case SQLITE_CANTOPEN:
    case SQLITE_IOERR:
    case SQLITE_PROTOCOL:
      return absl::StatusCode::kUnavailable;
    case SQLITE_FULL:
      return absl::StatusCode::kResourceExhausted;
    case SQLITE_CORRUPT:
    case SQLITE_NOTADB:
      return absl::StatusCode::kDataLoss;
    case SQLITE_READONLY:
    case SQLITE_PERM:
    case SQLITE_AUTH:
      return absl::StatusCode::kPermissionDenied;
    default:
      return absl::StatusCode::kInternal;
  }
}

// "sqlite:PATH: DOING: MESSAGE" with the code for `rc`. `db` may be null.
absl::Status SqliteError(int rc, sqlite3* db, const std::string& path, const char* doing) {
  const char* message = db != nullptr ? sqlite3_errmsg(db) : sqlite3_errstr(rc);
  return absl::Status(CodeOf(rc), absl::StrCat("sqlite:", path, ": ", doing, ": ", message));
}

// Whether `rc`, from binding or writing a row, refuses the row's values for good: a
// constraint (a CHECK, a NOT NULL, a trigger's RAISE), a type mismatch, a value too big.
bool RefusesRow(int rc) {
  switch (rc & 0xff) {
    case SQLITE_CONSTRAINT:
    case SQLITE_MISMATCH:
    case SQLITE_TOOBIG:
      return true;
    default:
      return false;
  }
}

std::string ColumnText(sqlite3_stmt* statement, int column) {
  const auto* text = reinterpret_cast<const char*>(sqlite3_column_text(statement, column));
  if (text == nullptr) return "";
  return std::string(text, static_cast<size_t>(sqlite3_column_bytes(statement, column)));
}

std::string ColumnBlob(sqlite3_stmt* statement, int column) {
  const auto* blob = static_cast<const char*>(sqlite3_column_blob(statement, column));
  if (blob == nullptr) return "";
  return std::string(blob, static_cast<size_t>(sqlite3_column_bytes(statement, column)));
}

// Binds parameters in turn, keeping the first error.
class Binder {
 public:
  explicit Binder(sqlite3_stmt* statement) : statement_(statement) {}

  void Text(const std::string& value) {
    if (rc_ == SQLITE_OK) {
      rc_ = sqlite3_bind_text64(statement_, ++index_, value.data(), value.size(), SQLITE_TRANSIENT,
                                SQLITE_UTF8);
    }
  }
  // A zero-length value stays a zero-length BLOB, not NULL: data() is never null.
  void Blob(const std::string& value) {
    if (rc_ == SQLITE_OK) {
      rc_ = sqlite3_bind_blob64(statement_, ++index_, value.data(), value.size(), SQLITE_TRANSIENT);
    }
  }
  void Int(int64_t value) {
    if (rc_ == SQLITE_OK) rc_ = sqlite3_bind_int64(statement_, ++index_, value);
  }
  int rc() const { return rc_; }

 private:
  sqlite3_stmt* statement_;  // Not owned.
  int index_ = 0;
  int rc_ = SQLITE_OK;
};

// Resets a statement when the scope ends, so it holds no read snapshot between calls.
class ResetOnExit {
 public:
  explicit ResetOnExit(sqlite3_stmt* statement) : statement_(statement) {}
  ~ResetOnExit() {
    sqlite3_reset(statement_);
    sqlite3_clear_bindings(statement_);
  }
  ResetOnExit(const ResetOnExit&) = delete;
  ResetOnExit& operator=(const ResetOnExit&) = delete;

 private:
  sqlite3_stmt* statement_;  // Not owned.
};

class SqliteProgramStore final : public ProgramStore {
 public:
  SqliteProgramStore(std::string path, Db db) : path_(std::move(path)), db_(std::move(db)) {}

  absl::Status Migrate() override {
    RETURN_IF_ERROR(Exec("BEGIN IMMEDIATE", "begin migration"));
    absl::Status status = MigrateInTransaction();
    if (status.ok()) status = Exec("COMMIT", "commit migration");
    if (!status.ok()) {
      sqlite3_exec(db_.get(), "ROLLBACK", nullptr, nullptr, nullptr);
      return status;
    }
    RETURN_IF_ERROR(Prepare(internal::kUpsertSql, "prepare upsert", upsert_));
    RETURN_IF_ERROR(Prepare(kList, "prepare listing", list_));
    migrated_ = true;
    return absl::OkStatus();
  }

  absl::StatusOr<bool> Upsert(const v1::PublishedHousehold& row) override {
    ASSIGN_OR_RETURN(const PublishedColumns columns, internal::ToColumns(row));
    // Only binding and writing the row can refuse it.
    RETURN_IF_ERROR(internal::NotARefusal(EnsureMigrated()));
    sqlite3_stmt* statement = upsert_.get();
    ResetOnExit reset(statement);
    Binder bind(statement);
    bind.Text(columns.round_id);
    bind.Text(columns.household_id);
    bind.Text(columns.province_code);
    bind.Text(columns.commune_code);
    bind.Text(columns.village_code);
    bind.Text(columns.area);
    bind.Text(columns.poverty_class);
    bind.Int(columns.per_capita_monthly_income_vnd);
    bind.Int(columns.deprivation_count);
    bind.Text(columns.deprived_indicators);
    bind.Int(columns.member_count);
    bind.Text(columns.head_name);
    bind.Int(columns.approved_version);
    bind.Text(columns.approved_by);
    bind.Text(columns.approved_at);
    bind.Text(columns.standard_name);
    bind.Blob(columns.record);
    bind.Text(columns.record_json);
    bind.Text(columns.local_poverty_class);
    bind.Text(columns.local_standard_name);
    bind.Text(columns.outcome);
    bind.Text(columns.escaped_on);
    bind.Text(columns.recognition_decision);
    bind.Text(columns.recognised_on);
    if (bind.rc() != SQLITE_OK) return RowError(bind.rc(), "bind upsert");
    if (const int rc = sqlite3_step(statement); rc != SQLITE_DONE) return RowError(rc, "upsert");
    return sqlite3_changes64(db_.get()) > 0;
  }

  absl::StatusOr<std::vector<v1::PublishedHousehold>> ListCommune(
      const std::string& round_id, const std::string& commune_code,
      const std::string& after_household_id, size_t limit) override {
    RETURN_IF_ERROR(EnsureMigrated());
    std::vector<v1::PublishedHousehold> rows;
    if (limit == 0) return rows;
    sqlite3_stmt* statement = list_.get();
    ResetOnExit reset(statement);
    Binder bind(statement);
    bind.Text(round_id);
    bind.Text(commune_code);
    bind.Text(after_household_id);
    bind.Int(static_cast<int64_t>(
        std::min<size_t>(limit, static_cast<size_t>(std::numeric_limits<int64_t>::max()))));
    if (bind.rc() != SQLITE_OK) return Error(bind.rc(), "bind listing");
    int rc;
    while ((rc = sqlite3_step(statement)) == SQLITE_ROW) {
      ASSIGN_OR_RETURN(v1::PublishedHousehold row, internal::FromColumns(ReadRow(statement)));
      rows.push_back(std::move(row));
    }
    if (rc != SQLITE_DONE) return Error(rc, "list commune");
    return rows;
  }

  std::string Describe() const override { return absl::StrCat("sqlite:", path_); }

 private:
  static PublishedColumns ReadRow(sqlite3_stmt* statement) {
    PublishedColumns columns;
    columns.round_id = ColumnText(statement, 0);
    columns.household_id = ColumnText(statement, 1);
    columns.province_code = ColumnText(statement, 2);
    columns.commune_code = ColumnText(statement, 3);
    columns.village_code = ColumnText(statement, 4);
    columns.area = ColumnText(statement, 5);
    columns.poverty_class = ColumnText(statement, 6);
    columns.per_capita_monthly_income_vnd = sqlite3_column_int64(statement, 7);
    columns.deprivation_count = sqlite3_column_int64(statement, 8);
    columns.deprived_indicators = ColumnText(statement, 9);
    columns.member_count = sqlite3_column_int64(statement, 10);
    columns.head_name = ColumnText(statement, 11);
    columns.approved_version = sqlite3_column_int64(statement, 12);
    columns.approved_by = ColumnText(statement, 13);
    columns.approved_at = ColumnText(statement, 14);
    columns.standard_name = ColumnText(statement, 15);
    columns.record = ColumnBlob(statement, 16);
    columns.local_poverty_class = ColumnText(statement, 17);
    columns.local_standard_name = ColumnText(statement, 18);
    columns.outcome = ColumnText(statement, 19);
    columns.escaped_on = ColumnText(statement, 20);
    columns.recognition_decision = ColumnText(statement, 21);
    columns.recognised_on = ColumnText(statement, 22);
    return columns;
  }

  absl::Status Error(int rc, const char* doing) const {
    return SqliteError(rc, db_.get(), path_, doing);
  }

  // As Error, but INVALID_ARGUMENT, with SQLite's extended code, when `rc` refuses the row.
  // SQLite's message names the constraint or the kind of problem, never the row's values.
  absl::Status RowError(int rc, const char* doing) const {
    absl::Status error = Error(rc, doing);
    if (!RefusesRow(rc)) return error;
    return absl::InvalidArgumentError(absl::StrCat(error.message(), " (SQLite code ", rc, ")"));
  }

  absl::Status Exec(const char* sql, const char* doing) {
    if (const int rc = sqlite3_exec(db_.get(), sql, nullptr, nullptr, nullptr); rc != SQLITE_OK) {
      return Error(rc, doing);
    }
    return absl::OkStatus();
  }

  absl::Status Prepare(const char* sql, const char* doing, Statement& statement) {
    if (statement != nullptr) return absl::OkStatus();
    sqlite3_stmt* raw = nullptr;
    const int rc = sqlite3_prepare_v3(db_.get(), sql, -1, SQLITE_PREPARE_PERSISTENT, &raw, nullptr);
    statement.reset(raw);
    if (rc != SQLITE_OK) return Error(rc, doing);
    return absl::OkStatus();
  }

  // REQUIRES: inside the migration's transaction.
  absl::Status MigrateInTransaction() {
    RETURN_IF_ERROR(Exec("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)",
                         "create schema_version"));
    Statement read;
    RETURN_IF_ERROR(
        Prepare("SELECT max(version) FROM schema_version", "read schema version", read));
    if (const int rc = sqlite3_step(read.get()); rc != SQLITE_ROW) {
      return Error(rc, "read schema version");
    }
    const int64_t version = sqlite3_column_int64(read.get(), 0);  // 0 for NULL: a new file.
    read.reset();
    if (version > internal::kSchemaVersion) {
      return absl::FailedPreconditionError(
          absl::StrCat(Describe(), " has schema version ", version, "; this rasoatd knows up to ",
                       internal::kSchemaVersion, ": run a newer rasoatd"));
    }
    if (version == internal::kSchemaVersion) return absl::OkStatus();
    for (int64_t step = version; step < internal::kSchemaVersion; ++step) {
      RETURN_IF_ERROR(Exec(kMigrations[step], "migrate schema"));
    }
    RETURN_IF_ERROR(Exec("DELETE FROM schema_version", "record schema version"));
    Statement write;
    RETURN_IF_ERROR(Prepare("INSERT INTO schema_version (version) VALUES (?1)",
                            "record schema version", write));
    Binder bind(write.get());
    bind.Int(internal::kSchemaVersion);
    if (bind.rc() != SQLITE_OK) return Error(bind.rc(), "record schema version");
    if (const int rc = sqlite3_step(write.get()); rc != SQLITE_DONE) {
      return Error(rc, "record schema version");
    }
    return absl::OkStatus();
  }

  absl::Status EnsureMigrated() { return migrated_ ? absl::OkStatus() : Migrate(); }

  const std::string path_;
  Db db_;
  bool migrated_ = false;
  Statement upsert_;
  Statement list_;
};

}  // namespace

absl::StatusOr<std::unique_ptr<ProgramStore>> OpenSqliteProgramStore(const std::string& path) {
  sqlite3* raw = nullptr;
  const int rc =
      sqlite3_open_v2(path.c_str(), &raw,
                      SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, nullptr);
  Db db(raw);
  if (rc != SQLITE_OK) return SqliteError(rc, db.get(), path, "open");
  sqlite3_extended_result_codes(db.get(), 1);
  sqlite3_busy_timeout(db.get(), kBusyTimeoutMs);

  // The first statement reads the file: a missing directory or a file that is not a database
  // shows here. The pragma answers with the journal mode now in force.
  sqlite3_stmt* raw_statement = nullptr;
  int step = sqlite3_prepare_v2(db.get(), "PRAGMA journal_mode=WAL", -1, &raw_statement, nullptr);
  Statement journal_mode(raw_statement);
  if (step == SQLITE_OK) step = sqlite3_step(journal_mode.get());
  if (step != SQLITE_ROW) return SqliteError(step, db.get(), path, "set WAL journal mode");
  const std::string mode = ColumnText(journal_mode.get(), 0);
  journal_mode.reset();
  if (absl::AsciiStrToLower(mode) != "wal") {
    return absl::FailedPreconditionError(
        absl::StrCat("sqlite:", path, ": journal mode is ", mode, ", not wal"));
  }
  if (const int sync = sqlite3_exec(db.get(), "PRAGMA synchronous=FULL", nullptr, nullptr, nullptr);
      sync != SQLITE_OK) {
    return SqliteError(sync, db.get(), path, "set synchronous=FULL");
  }
  return std::make_unique<SqliteProgramStore>(path, std::move(db));
}

}  // namespace rasoat::publish
