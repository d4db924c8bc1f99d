// What only the PostgreSQL adapter does: connect on first use, report a server it cannot reach
// as UNAVAILABLE and reach it once it is there, connect anew when its connection is cut, and
// never show a password. Each case uses a database of its own on the throwaway cluster
// (postgres_test_database.h; CTest runs PostgresProgramStoreTest.* with the fixture "postgres").
// The cluster is never stopped (other test processes use it): "down" is a socket directory with
// no server in it, and "back" is a link there to the cluster's socket.
#include "sync/publish/postgres_program_store.h"

#include <memory>
#include <string>
#include <vector>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "rasoat/v1/admin.pb.h"
#include "sync/publish/postgres_uri.h"
#include "sync/publish/program_store.h"
#include "tests/support/status_matchers.h"
#include "tests/support/temp_dir.h"
#include "tests/sync/publish/postgres_test_database.h"
#include <unistd.h>

namespace rasoat {
namespace {

using ::rasoat::publish::ProgramStore;
using ::rasoat::testing::StatusIs;
using ::testing::AllOf;
using ::testing::HasSubstr;
using ::testing::Not;
using ::testing::SizeIs;

v1::PublishedHousehold Row(const std::string& household_id, uint64_t version) {
  v1::PublishedHousehold row;
  row.set_round_id("2026");
  row.set_household_id(household_id);
  row.set_commune_code("00001");
  row.set_head_name("Hoàng Thị Mỹ");
  row.set_approved_version(version);
  return row;
}

class PostgresProgramStoreTest : public ::testing::Test {
 protected:
  void SetUp() override {
    absl::StatusOr<std::unique_ptr<testing::PostgresTestDatabase>> db =
        testing::PostgresTestDatabase::Create();
    ASSERT_OK(db);
    db_ = std::move(*db);
  }

  std::unique_ptr<testing::PostgresTestDatabase> db_;
};

TEST_F(PostgresProgramStoreTest, UnreachableServerIsUnavailableUntilItIsThere) {
  testing::TempDir no_server;
  ASSERT_OK_AND_ASSIGN(std::unique_ptr<ProgramStore> store,
                       publish::OpenProgramStore(db_->UriWithHost(no_server.path()), ""));
  EXPECT_THAT(store->Upsert(Row("H-1", 1)),
              StatusIs(absl::StatusCode::kUnavailable, HasSubstr("connect")));
  EXPECT_THAT(store->ListCommune("2026", "00001", "", 10),
              StatusIs(absl::StatusCode::kUnavailable, HasSubstr("connect")));
  EXPECT_THAT(store->Migrate(), StatusIs(absl::StatusCode::kUnavailable, HasSubstr("connect")));

  // The server comes back where the store looks for it.
  ASSERT_OK_AND_ASSIGN(std::string socket, db_->SocketFile());
  const std::string link = no_server.Sub(socket.substr(socket.rfind('/') + 1));
  ASSERT_EQ(symlink(socket.c_str(), link.c_str()), 0) << link;
  ASSERT_OK_AND_ASSIGN(bool written, store->Upsert(Row("H-1", 1)));
  EXPECT_TRUE(written);
  ASSERT_OK_AND_ASSIGN(std::vector<v1::PublishedHousehold> listed,
                       store->ListCommune("2026", "00001", "", 10));
  EXPECT_THAT(listed, SizeIs(1));
  ASSERT_OK_AND_ASSIGN(std::string version, db_->QueryValue("SELECT version FROM schema_version"));
  EXPECT_EQ(version, "2");

  // And goes away again: the broken connection turns into UNAVAILABLE, not a crash.
  ASSERT_EQ(unlink(link.c_str()), 0);
  ASSERT_OK_AND_ASSIGN(int terminated, db_->TerminateOtherConnections());
  EXPECT_EQ(terminated, 1);
  EXPECT_THAT(store->Upsert(Row("H-1", 2)), StatusIs(absl::StatusCode::kUnavailable, ::testing::_));
}

TEST_F(PostgresProgramStoreTest, ConnectsAnewWhenItsConnectionIsTerminated) {
  ASSERT_OK_AND_ASSIGN(std::unique_ptr<ProgramStore> store,
                       publish::OpenProgramStore(db_->uri(), ""));
  ASSERT_OK_AND_ASSIGN(bool written, store->Upsert(Row("H-1", 1)));
  EXPECT_TRUE(written);

  ASSERT_OK_AND_ASSIGN(int terminated, db_->TerminateOtherConnections());
  EXPECT_EQ(terminated, 1);
  ASSERT_OK_AND_ASSIGN(written, store->Upsert(Row("H-1", 2)));
  EXPECT_TRUE(written);

  ASSERT_OK_AND_ASSIGN(terminated, db_->TerminateOtherConnections());
  EXPECT_EQ(terminated, 1);
  ASSERT_OK_AND_ASSIGN(std::vector<v1::PublishedHousehold> listed,
                       store->ListCommune("2026", "00001", "", 10));
  ASSERT_THAT(listed, SizeIs(1));
  EXPECT_EQ(listed[0].approved_version(), 2u);
  EXPECT_EQ(listed[0].head_name(), "Hoàng Thị Mỹ");
}

TEST_F(PostgresProgramStoreTest, NeverShowsThePassword) {
  testing::TempDir no_server;
  const std::string uri = db_->UriWithHost(no_server.path()) + "&password=s3cr%65t-Ph%E1%BB%9F";
  ASSERT_OK_AND_ASSIGN(std::unique_ptr<ProgramStore> store, publish::OpenProgramStore(uri, ""));
  EXPECT_THAT(store->Describe(), AllOf(Not(HasSubstr("s3cr")), Not(HasSubstr("password")),
                                       HasSubstr(no_server.path())));
  const absl::StatusOr<bool> written = store->Upsert(Row("H-1", 1));
  EXPECT_THAT(written, StatusIs(absl::StatusCode::kUnavailable,
                                AllOf(Not(HasSubstr("s3cr")), Not(HasSubstr("password=")))));
}

TEST(PostgresProgramStoreUriTest, DescribeDropsPasswordsOnly) {
  using publish::internal::RedactPostgresUri;
  EXPECT_EQ(RedactPostgresUri("postgresql://rasoat:s3cret@db.example:5432/program?sslmode=require"),
            "postgresql://rasoat@db.example:5432/program?sslmode=require");
  EXPECT_EQ(RedactPostgresUri("postgres://db.example/program"), "postgres://db.example/program");
  EXPECT_EQ(RedactPostgresUri("postgresql:///program?host=/run/postgresql&password=s3cret&user=u"),
            "postgresql:///program?host=/run/postgresql&user=u");
  EXPECT_EQ(RedactPostgresUri("postgresql://h/db?PassWord=x&pass%77ord=y"), "postgresql://h/db");
  // A password with an unescaped '@', '?' or ':' is still cut whole.
  EXPECT_EQ(RedactPostgresUri("postgresql://u:p@ss:w?rd@h1:5432,h2/db"),
            "postgresql://u@h1:5432,h2/db");
  EXPECT_EQ(RedactPostgresUri("postgresql://u:secret@h?password=x&connect_timeout=3"),
            "postgresql://u@h?connect_timeout=3");
  EXPECT_EQ(RedactPostgresUri("postgresql://u@h/db"), "postgresql://u@h/db");
  EXPECT_EQ(RedactPostgresUri("host=h password=secret"), "postgresql (connection string)");
}

}  // namespace
}  // namespace rasoat
