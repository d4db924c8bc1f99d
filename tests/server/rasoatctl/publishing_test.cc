// What `rasoatctl publish status` prints (server/rasoatctl/publishing.h), asserted on the exact
// text: the backlog, the dead letters counted and listed with the store's reason or the version
// each waits behind, in UTC.
#include "server/rasoatctl/publishing.h"

#include <sstream>
#include <string>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "rasoat/v1/admin.pb.h"

namespace rasoat::ctl {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

// 2026-09-03 07:05:09 UTC.
constexpr int64_t kParkedAt = 1788419109000000;

v1::DeadLetter Letter(const std::string& household, uint64_t version, const std::string& error,
                      uint64_t held_behind_version) {
  v1::DeadLetter letter;
  letter.mutable_key()->set_round_id("2026");
  letter.mutable_key()->set_household_id(household);
  letter.set_commune_code("00127");
  letter.set_approved_version(version);
  letter.set_error(error);
  letter.set_held_behind_version(held_behind_version);
  letter.set_parked_at_unix_micros(kParkedAt);
  return letter;
}

std::string Printed(const v1::GetPublishStatusResponse& response) {
  std::ostringstream out;
  PrintPublishStatus(response, out);
  return out.str();
}

TEST(RasoatctlPublishingTest, StatusListsTheDeadLettersWithWhyEachIsParked) {
  v1::GetPublishStatusResponse response;
  response.set_program_store("postgresql://db.tinh/ho_ngheo");
  response.set_backlog(0);
  response.set_dead_letter_count(2);
  *response.add_dead_letters() =
      Letter("HH-7", 1,
             "postgresql://db.tinh/ho_ngheo: upsert: refused: SQLSTATE 23514 (check_violation), "
             "table published_households, constraint no_test",
             0);
  *response.add_dead_letters() = Letter("HH-7", 2, "", 1);
  EXPECT_EQ(Printed(response),
            "program store  postgresql://db.tinh/ho_ngheo\n"
            "backlog        0 recognition(s) not yet published\n"
            "dead letters   2 parked (listed below); once the cause is removed: rasoatctl "
            "publish retry\n"
            "last error     -\n"
            "last published - (none since rasoatd started)\n"
            "\n"
            "dead letters, oldest first:\n"
            "ROUND  HOUSEHOLD  COMMUNE  VERSION  PARKED                   WHY\n"
            "2026   HH-7       00127    1        2026-09-03 07:05:09 UTC  "
            "postgresql://db.tinh/ho_ngheo: upsert: refused: SQLSTATE 23514 (check_violation), "
            "table published_households, constraint no_test\n"
            "2026   HH-7       00127    2        2026-09-03 07:05:09 UTC  held behind version 1\n");
}

TEST(RasoatctlPublishingTest, StatusSaysWhenOnlyTheOldestDeadLettersAreListed) {
  v1::GetPublishStatusResponse response;
  response.set_dead_letter_count(150);
  *response.add_dead_letters() = Letter("HH-1", 1, "sqlite:/p.db: upsert: constraint failed", 0);
  EXPECT_THAT(Printed(response), HasSubstr("dead letters, oldest first (the first 1):\n"));
}

TEST(RasoatctlPublishingTest, StatusWithoutDeadLettersHasNoTable) {
  v1::GetPublishStatusResponse response;
  response.set_backlog(3);
  response.set_oldest_pending_age_seconds(12.7);
  const std::string printed = Printed(response);
  EXPECT_THAT(printed, HasSubstr("backlog        3 recognition(s) not yet published\n"
                                 "oldest         12 s waiting\n"
                                 "dead letters   0\n"));
  EXPECT_THAT(printed, Not(HasSubstr("HOUSEHOLD")));
}

}  // namespace
}  // namespace rasoat::ctl
