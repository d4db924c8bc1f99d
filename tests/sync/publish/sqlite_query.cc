#include "tests/sync/publish/sqlite_query.h"

#include <memory>

#include "absl/strings/str_cat.h"
#include <sqlite3.h>

namespace rasoat::testing {
namespace {

struct DbCloser {
  void operator()(sqlite3* db) const { sqlite3_close_v2(db); }
};
using Db = std::unique_ptr<sqlite3, DbCloser>;

absl::StatusOr<Db> OpenDb(const std::string& path) {
  sqlite3* raw = nullptr;
  const int rc = sqlite3_open_v2(path.c_str(), &raw, SQLITE_OPEN_READWRITE, nullptr);
  Db db(raw);
  if (rc != SQLITE_OK) {
    return absl::InternalError(absl::StrCat(path, ": ", sqlite3_errstr(rc)));
  }
  sqlite3_busy_timeout(db.get(), 5000);
  return db;
}

}  // namespace

absl::Status SqliteExec(const std::string& path, const std::string& sql) {
  absl::StatusOr<Db> db = OpenDb(path);
  if (!db.ok()) return db.status();
  if (sqlite3_exec(db->get(), sql.c_str(), nullptr, nullptr, nullptr) != SQLITE_OK) {
    return absl::InternalError(absl::StrCat(sql, ": ", sqlite3_errmsg(db->get())));
  }
  return absl::OkStatus();
}

absl::StatusOr<std::string> SqliteQueryValue(const std::string& path, const std::string& sql) {
  absl::StatusOr<Db> db = OpenDb(path);
  if (!db.ok()) return db.status();
  sqlite3_stmt* raw = nullptr;
  if (sqlite3_prepare_v2(db->get(), sql.c_str(), -1, &raw, nullptr) != SQLITE_OK) {
    return absl::InternalError(absl::StrCat(sql, ": ", sqlite3_errmsg(db->get())));
  }
  std::unique_ptr<sqlite3_stmt, int (*)(sqlite3_stmt*)> statement(raw, sqlite3_finalize);
  const int rc = sqlite3_step(statement.get());
  if (rc == SQLITE_DONE) return absl::NotFoundError(absl::StrCat(sql, ": no row"));
  if (rc != SQLITE_ROW) {
    return absl::InternalError(absl::StrCat(sql, ": ", sqlite3_errmsg(db->get())));
  }
  if (sqlite3_column_type(statement.get(), 0) == SQLITE_NULL) return std::string("NULL");
  const auto* text = reinterpret_cast<const char*>(sqlite3_column_text(statement.get(), 0));
  return std::string(text, static_cast<size_t>(sqlite3_column_bytes(statement.get(), 0)));
}

}  // namespace rasoat::testing
