// What the program store refuses for good and what it does not, against both adapters
// (program_store_fixture.h): a row that breaks a constraint of the table (a CHECK an operator
// added; SQLite: a trigger's RAISE) or holds a value the store cannot keep is INVALID_ARGUMENT,
// publish::IsRefusal, so the publisher parks it; its message keeps the store's code and the
// constraint, never the row's values (PostgreSQL's DETAIL quotes the whole row); and the same
// row is written once the constraint is gone.
#include <memory>
#include <string>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "rasoat/v1/admin.pb.h"
#include "sync/publish/program_store.h"
#include "tests/support/status_matchers.h"
#include "tests/sync/publish/program_store_fixture.h"

namespace rasoat {
namespace {

using ::rasoat::publish::ProgramStore;
using ::rasoat::testing::Adapter;
using ::rasoat::testing::Row;
using ::rasoat::testing::StatusIs;
using ::testing::AllOf;
using ::testing::HasSubstr;
using ::testing::Not;

class ProgramStoreRefusalTest : public testing::ProgramStoreTest {
 protected:
  // From now on the table refuses household H-2, as a constraint an operator added would.
  // REQUIRES: the schema is migrated.
  absl::Status RefuseH2() {
    if (GetParam() == Adapter::kSqlite) {
      return backend_->Exec(R"sql(
CREATE TRIGGER no_h2 BEFORE INSERT ON published_households
WHEN NEW.household_id = 'H-2' BEGIN SELECT RAISE(ABORT, 'CHECK constraint failed: no_h2'); END;
)sql");
    }
    return backend_->Exec(
        "ALTER TABLE published_households ADD CONSTRAINT no_h2 CHECK (household_id <> 'H-2')");
  }
  absl::Status AllowH2() {
    return backend_->Exec(GetParam() == Adapter::kSqlite
                              ? "DROP TRIGGER no_h2"
                              : "ALTER TABLE published_households DROP CONSTRAINT no_h2");
  }
};

INSTANTIATE_TEST_SUITE_P(, ProgramStoreRefusalTest,
                         ::testing::Values(Adapter::kSqlite, Adapter::kPostgres));

TEST_P(ProgramStoreRefusalTest, AConstraintRefusesTheRowForGoodWithoutQuotingIt) {
  ASSERT_OK_AND_ASSIGN(std::unique_ptr<ProgramStore> store, Open());
  ASSERT_OK(store->Upsert(Row("H-1", 1)));
  ASSERT_OK(RefuseH2());

  const absl::StatusOr<bool> refused = store->Upsert(Row("H-2", 1));
  EXPECT_THAT(refused,
              StatusIs(absl::StatusCode::kInvalidArgument,
                       AllOf(HasSubstr("no_h2"), Not(HasSubstr("Nguyễn Thị Hoà")),
                             Not(HasSubstr("Lê Văn Đức")), Not(HasSubstr("Failing row")))));
  EXPECT_TRUE(publish::IsRefusal(refused.status()));
  if (GetParam() == Adapter::kPostgres) {
    EXPECT_THAT(refused.status().message(), HasSubstr("SQLSTATE 23514 (check_violation)"));
  } else {
    EXPECT_THAT(refused.status().message(), HasSubstr("SQLite code"));
  }
  // The store itself is fine: other rows are written, and so is this one once allowed.
  EXPECT_OK(store->Upsert(Row("H-3", 1)));
  ASSERT_OK(AllowH2());
  EXPECT_THAT(store->Upsert(Row("H-2", 1)), testing::IsOkAndHolds(true));
}

TEST_P(ProgramStoreRefusalTest, AValueTheStoreCannotKeepIsARefusal) {
  ASSERT_OK_AND_ASSIGN(std::unique_ptr<ProgramStore> store, Open());
  v1::PublishedHousehold nul = Row("H-1", 1);
  nul.set_head_name(std::string("L\xC3\xA2m V\xC4\x83n\0Null", 14));
  const absl::Status refused = store->Upsert(nul).status();
  EXPECT_TRUE(publish::IsRefusal(refused)) << refused;
  EXPECT_THAT(refused.message(), Not(HasSubstr("Null")));
}

TEST(ProgramStoreIsRefusalTest, OnlyARefusalOfTheRowIsOne) {
  EXPECT_TRUE(publish::IsRefusal(absl::InvalidArgumentError("constraint")));
  for (const absl::Status& passing :
       {absl::UnavailableError("down"), absl::ResourceExhaustedError("disk full"),
        absl::InternalError("no such table"), absl::FailedPreconditionError("newer schema"),
        absl::AbortedError("deadlock"), absl::PermissionDeniedError("no grant")}) {
    EXPECT_FALSE(publish::IsRefusal(passing)) << passing;
  }
  EXPECT_FALSE(publish::IsRefusal(
      publish::internal::NotARefusal(absl::InvalidArgumentError("while migrating"))));
}

}  // namespace
}  // namespace rasoat
