// What the SQLite and PostgreSQL program stores share: the schema version this build knows and
// the mapping between a PublishedHousehold and the columns of table `published_households`.
// Enums are stored by name ("POVERTY_CLASS_POOR") so SQL readers need no lookup table; the
// deprived indicators as a comma-separated list of names in the standard's order; approval time
// as ISO 8601 UTC with microseconds; the approved record twice: as serialized protobuf bytes
// (`record`, what ListCommune reads back) and as JSON (`record_json`, a derived copy for reports
// written in SQL, never read back by rasoat).
//
// Thread-safety: free functions without shared state.
#pragma once

#include <cstdint>
#include <string>

#include <google/protobuf/descriptor.h>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "rasoat/v1/admin.pb.h"

namespace rasoat::publish::internal {

// The schema version this build creates and understands (table `schema_version`).
// Version 1: table published_households, index published_households_by_commune.
// Version 2: its columns local_poverty_class, local_standard_name, outcome, escaped_on,
// recognition_decision, recognised_on (empty text in rows written before).
inline constexpr int kSchemaVersion = 2;

// Inserts a row, or replaces a strictly older version of it; a redelivery changes nothing.
// One text for both adapters: PostgreSQL numbers `$n` parameters; SQLite takes `$1`..`$18` as
// named parameters indexed in order of first appearance, which is the same numbering. Dates
// are "YYYY-MM-DD" text, empty when unset.
inline constexpr char kUpsertSql[] = R"sql(
INSERT INTO published_households (
  round_id, household_id, province_code, commune_code, village_code, area, poverty_class,
  per_capita_monthly_income_vnd, deprivation_count, deprived_indicators, member_count, head_name,
  approved_version, approved_by, approved_at, standard_name, record, record_json,
  local_poverty_class, local_standard_name, outcome, escaped_on, recognition_decision,
  recognised_on)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19,
  $20, $21, $22, $23, $24)
ON CONFLICT (round_id, household_id) DO UPDATE SET
  province_code = excluded.province_code,
  commune_code = excluded.commune_code,
  village_code = excluded.village_code,
  area = excluded.area,
  poverty_class = excluded.poverty_class,
  per_capita_monthly_income_vnd = excluded.per_capita_monthly_income_vnd,
  deprivation_count = excluded.deprivation_count,
  deprived_indicators = excluded.deprived_indicators,
  member_count = excluded.member_count,
  head_name = excluded.head_name,
  approved_version = excluded.approved_version,
  approved_by = excluded.approved_by,
  approved_at = excluded.approved_at,
  standard_name = excluded.standard_name,
  record = excluded.record,
  record_json = excluded.record_json,
  local_poverty_class = excluded.local_poverty_class,
  local_standard_name = excluded.local_standard_name,
  outcome = excluded.outcome,
  escaped_on = excluded.escaped_on,
  recognition_decision = excluded.recognition_decision,
  recognised_on = excluded.recognised_on
WHERE published_households.approved_version < excluded.approved_version
)sql";

// One row of `published_households` as both adapters bind and read it.
struct PublishedColumns {
  std::string round_id;
  std::string household_id;
  std::string province_code;
  std::string commune_code;
  std::string village_code;
  std::string area;           // Area name, e.g. "AREA_RURAL".
  std::string poverty_class;  // PovertyClass name, e.g. "POVERTY_CLASS_POOR".
  int64_t per_capita_monthly_income_vnd = 0;
  int64_t deprivation_count = 0;
  std::string deprived_indicators;  // "INDICATOR_EMPLOYMENT,INDICATOR_WATER"; "" for none.
  int64_t member_count = 0;
  std::string head_name;
  int64_t approved_version = 0;
  std::string approved_by;
  std::string approved_at;  // "2026-03-01T10:00:00.123456Z".
  std::string standard_name;
  std::string record;               // v1::Household, serialized.
  std::string record_json;          // v1::Household as JSON, proto field names. Not read back.
  std::string local_poverty_class;  // "" where no local standard applies.
  std::string local_standard_name;
  std::string outcome;     // HouseholdOutcome name; "" when unset.
  std::string escaped_on;  // "2026-12-03"; "" when unset.
  std::string recognition_decision;
  std::string recognised_on;
};

// The ALTER TABLE statements of schema version 2, the same for both adapters.
inline constexpr char kMigrationTo2Sql[] = R"sql(
ALTER TABLE published_households ADD COLUMN local_poverty_class text NOT NULL DEFAULT '';
ALTER TABLE published_households ADD COLUMN local_standard_name text NOT NULL DEFAULT '';
ALTER TABLE published_households ADD COLUMN outcome text NOT NULL DEFAULT '';
ALTER TABLE published_households ADD COLUMN escaped_on text NOT NULL DEFAULT '';
ALTER TABLE published_households ADD COLUMN recognition_decision text NOT NULL DEFAULT '';
ALTER TABLE published_households ADD COLUMN recognised_on text NOT NULL DEFAULT '';
)sql";

// The columns of `row`, to be written. INVALID_ARGUMENT if it lacks round_id, household_id or
// approved_version, or if a value cannot be stored: a version above 2^63-1, a time outside the
// years 1970..9999, a NUL character in a text column, a record that cannot be serialized or
// turned into JSON. Each of these refuses the row for good (ProgramStore::Upsert).
absl::StatusOr<PublishedColumns> ToColumns(const v1::PublishedHousehold& row);

// The household stored in `columns` (record_json is ignored); empty record bytes leave the
// record unset. FAILED_PRECONDITION if an enum
// name is unknown to this build (written by a newer one); DATA_LOSS if the record bytes or the
// time do not parse.
absl::StatusOr<v1::PublishedHousehold> FromColumns(const PublishedColumns& columns);

// "2026-12-03" for `date`, "" for an unset one (year 0): the date columns.
std::string DateText(const v1::Date& date);

// Sets `date` from DateText's form ("" clears it). False when `text` is neither.
bool ParseDateText(const std::string& text, v1::Date* date);

// "2026-03-01T10:00:00.123456Z" for `unix_micros`: the approved_at column.
std::string IsoMicros(int64_t unix_micros);

// The name of enum value `value` of `type` ("POVERTY_CLASS_POOR"), or its number in decimal when
// this build does not know it (a record from a newer tablet), so it still round-trips.
std::string EnumName(const google::protobuf::EnumDescriptor* type, int value);

}  // namespace rasoat::publish::internal
