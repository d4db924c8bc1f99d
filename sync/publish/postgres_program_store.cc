#include "sync/publish/postgres_program_store.h"

#include <algorithm>
#include <cstdint>
#include <iterator>
#include <limits>
#include <optional>
#include <utility>
#include <vector>

#include "absl/strings/ascii.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "sync/base/status_macros.h"
#include "sync/publish/postgres_connection.h"
#include "sync/publish/postgres_uri.h"
#include "sync/publish/published_columns.h"
#include <libpq-fe.h>

namespace rasoat::publish {
namespace {

using internal::PublishedColumns;

using internal::PgParams;
using internal::PgResult;

std::string Trimmed(const char* message) {
  return std::string(absl::StripAsciiWhitespace(message != nullptr ? message : ""));
}

// kMigrations[v] takes the schema from version v to v + 1 (published_columns.h). Keys and the
// commune compare byte by byte (COLLATE "C") whatever the database's locale: the listing's
// order and its page boundaries are the same as SQLite's and RocksDB's.
constexpr const char* kMigrations[] = {
    // 1: the published households, and the commune listing's index.
    R"sql(
CREATE TABLE published_households (
  round_id text COLLATE "C" NOT NULL,
  household_id text COLLATE "C" NOT NULL,
  province_code text NOT NULL,
  commune_code text COLLATE "C" NOT NULL,
  village_code text NOT NULL,
  area text NOT NULL,
  poverty_class text NOT NULL,
  per_capita_monthly_income_vnd bigint NOT NULL,
  deprivation_count integer NOT NULL,
  deprived_indicators text NOT NULL,
  member_count integer NOT NULL,
  head_name text NOT NULL,
  approved_version bigint NOT NULL,
  approved_by text NOT NULL,
  approved_at timestamptz NOT NULL,
  standard_name text NOT NULL,
  record bytea NOT NULL,
  record_json json NOT NULL,
  PRIMARY KEY (round_id, household_id)
);
CREATE INDEX published_households_by_commune
  ON published_households (round_id, commune_code, household_id);
)sql",
    // 2: both classes, the outcome and the recognition.
    internal::kMigrationTo2Sql,
};
static_assert(std::size(kMigrations) == internal::kSchemaVersion);

// Prepared on every new connection. Parameter types come from the columns; $17 (record) is
// sent in binary.
constexpr char kUpsertName[] = "rasoat_upsert";
constexpr int kUpsertParams = 24;
// Columns in the order ReadRow expects; approved_at as published_columns.h's ISO text.
constexpr char kListName[] = "rasoat_list";
constexpr int kListParams = 4;
constexpr char kList[] = R"sql(
SELECT round_id, household_id, province_code, commune_code, village_code, area, poverty_class,
  per_capita_monthly_income_vnd, deprivation_count, deprived_indicators, member_count, head_name,
  approved_version, approved_by,
  to_char(approved_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'), standard_name, record,
  local_poverty_class, local_standard_name, outcome, escaped_on, recognition_decision,
  recognised_on
FROM published_households
WHERE round_id = $1 AND commune_code = $2 AND household_id > $3
ORDER BY household_id
LIMIT $4
)sql";

class PostgresProgramStore final : public ProgramStore {
 public:
  explicit PostgresProgramStore(const std::string& uri)
      : description_(internal::RedactPostgresUri(uri)), connection_(uri, description_) {}

  absl::Status Migrate() override {
    return Retrying([this]() -> absl::Status {
      ASSIGN_OR_RETURN(const bool fresh, connection_.Connect());
      if (fresh) prepared_ = false;
      RETURN_IF_ERROR(RunMigration());
      migrated_ = true;
      return absl::OkStatus();
    });
  }

  absl::StatusOr<bool> Upsert(const v1::PublishedHousehold& row) override {
    ASSIGN_OR_RETURN(PublishedColumns columns, internal::ToColumns(row));
    PgParams params;
    params.Text(std::move(columns.round_id));
    params.Text(std::move(columns.household_id));
    params.Text(std::move(columns.province_code));
    params.Text(std::move(columns.commune_code));
    params.Text(std::move(columns.village_code));
    params.Text(std::move(columns.area));
    params.Text(std::move(columns.poverty_class));
    params.Int(columns.per_capita_monthly_income_vnd);
    params.Int(columns.deprivation_count);
    params.Text(std::move(columns.deprived_indicators));
    params.Int(columns.member_count);
    params.Text(std::move(columns.head_name));
    params.Int(columns.approved_version);
    params.Text(std::move(columns.approved_by));
    params.Text(std::move(columns.approved_at));
    params.Text(std::move(columns.standard_name));
    params.Binary(std::move(columns.record));
    params.Text(std::move(columns.record_json));
    params.Text(std::move(columns.local_poverty_class));
    params.Text(std::move(columns.local_standard_name));
    params.Text(std::move(columns.outcome));
    params.Text(std::move(columns.escaped_on));
    params.Text(std::move(columns.recognition_decision));
    params.Text(std::move(columns.recognised_on));
    return Retrying([&]() -> absl::StatusOr<bool> {
      // Only the upsert itself can refuse the row.
      RETURN_IF_ERROR(internal::NotARefusal(Ready()));
      ASSIGN_OR_RETURN(PgResult result, connection_.ExecPrepared(kUpsertName, params, "upsert"));
      return absl::string_view(PQcmdTuples(result.get())) != "0";
    });
  }

  absl::StatusOr<std::vector<v1::PublishedHousehold>> ListCommune(
      const std::string& round_id, const std::string& commune_code,
      const std::string& after_household_id, size_t limit) override {
    PgParams params;
    params.Text(round_id);
    params.Text(commune_code);
    params.Text(after_household_id);
    params.Int(static_cast<int64_t>(
        std::min<size_t>(limit, static_cast<size_t>(std::numeric_limits<int64_t>::max()))));
    return Retrying([&]() -> absl::StatusOr<std::vector<v1::PublishedHousehold>> {
      RETURN_IF_ERROR(Ready());
      ASSIGN_OR_RETURN(PgResult result,
                       connection_.ExecPrepared(kListName, params, "list commune"));
      std::vector<v1::PublishedHousehold> rows;
      for (int i = 0; i < PQntuples(result.get()); ++i) {
        ASSIGN_OR_RETURN(PublishedColumns columns, ReadRow(result.get(), i));
        ASSIGN_OR_RETURN(v1::PublishedHousehold row, internal::FromColumns(columns));
        rows.push_back(std::move(row));
      }
      return rows;
    });
  }

  std::string Describe() const override { return description_; }

 private:
  // Runs `op`, and once more if a connection made by an earlier call turned out to have died
  // meanwhile (a server restart, an idle connection cut): `op` closed it, the retry connects
  // anew. Every statement here is idempotent, so running one twice is harmless.
  template <typename Op>
  auto Retrying(Op op) -> decltype(op()) {
    const bool reused = connection_.open();
    auto result = op();
    if (!result.ok() && reused && !connection_.open()) result = op();
    return result;
  }

  // Connected, the schema migrated once by this instance, the statements prepared on this
  // connection.
  absl::Status Ready() {
    ASSIGN_OR_RETURN(const bool fresh, connection_.Connect());
    if (fresh) prepared_ = false;
    if (!migrated_) {
      RETURN_IF_ERROR(RunMigration());
      migrated_ = true;
    }
    if (!prepared_) {
      RETURN_IF_ERROR(
          connection_.Prepare(kUpsertName, internal::kUpsertSql, kUpsertParams, "prepare upsert"));
      RETURN_IF_ERROR(connection_.Prepare(kListName, kList, kListParams, "prepare listing"));
      prepared_ = true;
    }
    return absl::OkStatus();
  }

  absl::Status RunMigration() {
    RETURN_IF_ERROR(connection_.Exec("BEGIN", "begin migration").status());
    absl::Status status = MigrateInTransaction();
    if (status.ok()) status = connection_.Exec("COMMIT", "commit migration").status();
    if (!status.ok() && connection_.open()) {
      (void)connection_.Exec("ROLLBACK", "roll back migration");
    }
    return status;
  }

  // REQUIRES: inside the migration's transaction.
  absl::Status MigrateInTransaction() {
    // Two rasoatd starting together take turns.
    RETURN_IF_ERROR(
        connection_
            .Exec("SELECT pg_advisory_xact_lock(hashtext('rasoat program store schema'))",
                  "lock for migration")
            .status());
    RETURN_IF_ERROR(
        connection_
            .Exec("CREATE TABLE IF NOT EXISTS schema_version (version integer NOT NULL)",
                  "create schema_version")
            .status());
    ASSIGN_OR_RETURN(PgResult read, connection_.Exec("SELECT max(version) FROM schema_version",
                                                     "read schema version"));
    int64_t version = 0;  // NULL: a new database.
    if (!PQgetisnull(read.get(), 0, 0) &&
        !absl::SimpleAtoi(PQgetvalue(read.get(), 0, 0), &version)) {
      return absl::InternalError(
          absl::StrCat(description_, ": schema version \"", PQgetvalue(read.get(), 0, 0), "\""));
    }
    if (version > internal::kSchemaVersion) {
      return absl::FailedPreconditionError(
          absl::StrCat(description_, " has schema version ", version, "; this rasoatd knows up to ",
                       internal::kSchemaVersion, ": run a newer rasoatd"));
    }
    if (version == internal::kSchemaVersion) return absl::OkStatus();
    for (int64_t step = version; step < internal::kSchemaVersion; ++step) {
      RETURN_IF_ERROR(connection_.Exec(kMigrations[step], "migrate schema").status());
    }
    RETURN_IF_ERROR(
        connection_.Exec("DELETE FROM schema_version", "record schema version").status());
    PgParams params;
    params.Int(internal::kSchemaVersion);
    return connection_
        .ExecParams("INSERT INTO schema_version (version) VALUES ($1)", params,
                    "record schema version")
        .status();
  }

  absl::StatusOr<PublishedColumns> ReadRow(const PGresult* result, int row) const {
    const auto text = [&](int column) { return std::string(PQgetvalue(result, row, column)); };
    const auto number = [&](int column, int64_t& out) {
      if (absl::SimpleAtoi(PQgetvalue(result, row, column), &out)) return absl::OkStatus();
      return absl::DataLossError(absl::StrCat(description_, ": column ", column, " of household ",
                                              text(1), " is not a number"));
    };
    PublishedColumns columns;
    columns.round_id = text(0);
    columns.household_id = text(1);
    columns.province_code = text(2);
    columns.commune_code = text(3);
    columns.village_code = text(4);
    columns.area = text(5);
    columns.poverty_class = text(6);
    RETURN_IF_ERROR(number(7, columns.per_capita_monthly_income_vnd));
    RETURN_IF_ERROR(number(8, columns.deprivation_count));
    columns.deprived_indicators = text(9);
    RETURN_IF_ERROR(number(10, columns.member_count));
    columns.head_name = text(11);
    RETURN_IF_ERROR(number(12, columns.approved_version));
    columns.approved_by = text(13);
    columns.approved_at = text(14);
    columns.standard_name = text(15);
    size_t length = 0;
    unsigned char* record = PQunescapeBytea(
        reinterpret_cast<const unsigned char*>(PQgetvalue(result, row, 16)), &length);
    if (record == nullptr) {
      return absl::ResourceExhaustedError(
          absl::StrCat(description_, ": out of memory decoding household ", columns.household_id));
    }
    columns.record.assign(reinterpret_cast<const char*>(record), length);
    PQfreemem(record);
    columns.local_poverty_class = text(17);
    columns.local_standard_name = text(18);
    columns.outcome = text(19);
    columns.escaped_on = text(20);
    columns.recognition_decision = text(21);
    columns.recognised_on = text(22);
    return columns;
  }

  const std::string description_;
  internal::PostgresConnection connection_;
  bool prepared_ = false;  // The statements exist on the open connection.
  bool migrated_ = false;  // This instance has migrated the schema.
};

}  // namespace

absl::StatusOr<std::unique_ptr<ProgramStore>> NewPostgresProgramStore(const std::string& uri) {
  // libpq's message may quote the bad part, which may be the password: the message says what
  // is wrong with the URI as shown without it.
  const auto parse_error = [](const std::string& conninfo) -> std::optional<std::string> {
    char* error = nullptr;
    PQconninfoOption* options = PQconninfoParse(conninfo.c_str(), &error);
    std::optional<std::string> reason;
    if (options == nullptr) reason = error != nullptr ? Trimmed(error) : "out of memory";
    if (options != nullptr) PQconninfoFree(options);
    if (error != nullptr) PQfreemem(error);
    return reason;
  };
  if (!parse_error(uri).has_value()) return std::make_unique<PostgresProgramStore>(uri);
  const std::string redacted = internal::RedactPostgresUri(uri);
  return absl::InvalidArgumentError(absl::StrCat("program store URI ", redacted, " is malformed: ",
                                                 parse_error(redacted).value_or("libpq cannot "
                                                                                "parse it")));
}

}  // namespace rasoat::publish
