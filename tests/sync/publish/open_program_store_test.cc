// OpenProgramStore picks the adapter by URI and never quotes a password when it refuses one;
// the SQLite store opens its file in WAL mode and says clearly when it cannot. No server needed:
// a PostgreSQL store does not connect when opened.
#include <filesystem>
#include <fstream>
#include <memory>
#include <string>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "rasoat/v1/admin.pb.h"
#include "sync/publish/program_store.h"
#include "tests/support/status_matchers.h"
#include "tests/support/temp_dir.h"
#include "tests/sync/publish/sqlite_query.h"

namespace rasoat {
namespace {

using ::rasoat::publish::OpenProgramStore;
using ::rasoat::publish::ProgramStore;
using ::rasoat::testing::StatusIs;
using ::testing::AllOf;
using ::testing::HasSubstr;
using ::testing::Not;

v1::PublishedHousehold Row() {
  v1::PublishedHousehold row;
  row.set_round_id("2026");
  row.set_household_id("H-1");
  row.set_approved_version(1);
  return row;
}

TEST(OpenProgramStoreTest, EmptyUriIsSqliteInTheDataDirectory) {
  testing::TempDir dir;
  ASSERT_OK_AND_ASSIGN(std::unique_ptr<ProgramStore> store, OpenProgramStore("", dir.path()));
  EXPECT_EQ(store->Describe(), "sqlite:" + dir.Sub("program.db"));
  ASSERT_OK(store->Upsert(Row()));
  EXPECT_TRUE(std::filesystem::exists(dir.Sub("program.db")));
}

TEST(OpenProgramStoreTest, SqliteUriOpensThatFileInWalMode) {
  testing::TempDir dir;
  const std::string path = dir.Sub("elsewhere.db");
  ASSERT_OK_AND_ASSIGN(std::unique_ptr<ProgramStore> store,
                       OpenProgramStore("sqlite:" + path, dir.Sub("unused")));
  EXPECT_EQ(store->Describe(), "sqlite:" + path);
  ASSERT_OK(store->Migrate());
  ASSERT_OK_AND_ASSIGN(std::string mode, testing::SqliteQueryValue(path, "PRAGMA journal_mode"));
  EXPECT_EQ(mode, "wal");
}

TEST(OpenProgramStoreTest, PostgresUriOpensWithoutConnecting) {
  for (const std::string scheme : {"postgresql", "postgres"}) {
    // Port 1 on loopback: nothing listens, the connection is refused at once.
    ASSERT_OK_AND_ASSIGN(std::unique_ptr<ProgramStore> store,
                         OpenProgramStore(scheme + "://rasoat:s3cret@127.0.0.1:1/program", ""));
    EXPECT_EQ(store->Describe(), scheme + "://rasoat@127.0.0.1:1/program");
    EXPECT_THAT(store->Upsert(Row()),
                StatusIs(absl::StatusCode::kUnavailable,
                         AllOf(HasSubstr("127.0.0.1"), Not(HasSubstr("s3cret")))));
  }
}

TEST(OpenProgramStoreTest, MalformedPostgresUriIsInvalidArgumentWithoutThePassword) {
  EXPECT_THAT(OpenProgramStore("postgresql://rasoat:s3cret@h/db?no_such_option=1", ""),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       AllOf(HasSubstr("no_such_option"), Not(HasSubstr("s3cret")))));
  EXPECT_THAT(OpenProgramStore("postgresql://rasoat:s3cr%zzet@h/db", ""),
              StatusIs(absl::StatusCode::kInvalidArgument, Not(HasSubstr("s3cr"))));
}

TEST(OpenProgramStoreTest, OtherUrisAreInvalidArgumentWithoutQuotingThem) {
  testing::TempDir dir;
  EXPECT_THAT(OpenProgramStore("mysql://rasoat:s3cret@h/db", dir.path()),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       AllOf(HasSubstr("\"mysql\""), Not(HasSubstr("s3cret")))));
  EXPECT_THAT(OpenProgramStore("host=h password=s3cret", dir.path()),
              StatusIs(absl::StatusCode::kInvalidArgument, Not(HasSubstr("s3cret"))));
  EXPECT_THAT(OpenProgramStore("sqlite:", dir.path()),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("path")));
  EXPECT_THAT(OpenProgramStore("", ""),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("data directory")));
}

TEST(OpenProgramStoreTest, SqliteInAMissingDirectoryIsUnavailable) {
  testing::TempDir dir;
  EXPECT_THAT(OpenProgramStore("sqlite:" + dir.Sub("missing/program.db"), ""),
              StatusIs(absl::StatusCode::kUnavailable, HasSubstr("missing/program.db")));
}

TEST(OpenProgramStoreTest, SqliteFileThatIsNotADatabaseIsDataLoss) {
  testing::TempDir dir;
  const std::string path = dir.Sub("program.db");
  std::ofstream(path) << "Danh sách hộ nghèo năm 2026: not a SQLite file, long enough to have "
                         "a header of one hundred bytes where SQLite looks for its magic string.";
  EXPECT_THAT(OpenProgramStore("sqlite:" + path, ""),
              StatusIs(absl::StatusCode::kDataLoss, HasSubstr("not a database")));
}

}  // namespace
}  // namespace rasoat
