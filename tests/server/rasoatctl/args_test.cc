// rasoatctl's command-line words turned into request values (server/rasoatctl/args.h): each
// parser on good words, and on each kind of bad word the exact code and a message naming it.
#include "server/rasoatctl/args.h"

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "absl/flags/flag.h"
#include "tests/support/status_matchers.h"

// Flags of each type rasoatctl's main declares, for CheckFlags to find in the registry.
ABSL_FLAG(bool, json, false, "test: a bool flag");
ABSL_FLAG(int32_t, timeout_seconds, 30, "test: an int32 flag");
ABSL_FLAG(uint32_t, page_size, 0, "test: a uint32 flag");
ABSL_FLAG(std::string, village, "", "test: a string flag");

namespace rasoat::ctl {
namespace {

using ::rasoat::testing::StatusIs;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;

constexpr absl::StatusCode kInvalid = absl::StatusCode::kInvalidArgument;

TEST(RasoatctlArgsTest, CheckFlagsAcceptsEveryFormOfAKnownFlag) {
  EXPECT_OK(CheckFlags({"rasoatctl", "queue", "01234", "--village=thôn-1", "--page_size", "50",
                        "-timeout_seconds=5", "--json", "--nojson", "--json=false"}));
  // args[0] is the program, and nothing after a bare "--" is a flag.
  EXPECT_OK(CheckFlags({"--bogus", "return", "h1", "3", "--", "--not-a-flag", "-x"}));
  // A lone "-" is a word, not a flag.
  EXPECT_OK(CheckFlags({"rasoatctl", "export", "-"}));
}

TEST(RasoatctlArgsTest, CheckFlagsRejectsAnUnknownFlagByName) {
  EXPECT_THAT(CheckFlags({"rasoatctl", "queue", "01234", "--vilage=thon-1"}),
              StatusIs(kInvalid, HasSubstr("unknown flag --vilage")));
  EXPECT_THAT(CheckFlags({"rasoatctl", "-x"}), StatusIs(kInvalid, HasSubstr("unknown flag --x")));
  // --noNAME is only for bool flags.
  EXPECT_THAT(CheckFlags({"rasoatctl", "--novillage"}),
              StatusIs(kInvalid, HasSubstr("unknown flag --novillage")));
}

TEST(RasoatctlArgsTest, CheckFlagsRejectsAValueNotOfTheFlagsType) {
  EXPECT_THAT(CheckFlags({"rasoatctl", "--page_size=-1"}),
              StatusIs(kInvalid, HasSubstr("--page_size=-1: ")));
  EXPECT_THAT(CheckFlags({"rasoatctl", "--timeout_seconds", "soon"}),
              StatusIs(kInvalid, HasSubstr("--timeout_seconds=soon: ")));
  EXPECT_THAT(CheckFlags({"rasoatctl", "--timeout_seconds=99999999999"}),
              StatusIs(kInvalid, HasSubstr("--timeout_seconds=99999999999: ")));
  EXPECT_THAT(CheckFlags({"rasoatctl", "--json=maybe"}),
              StatusIs(kInvalid, HasSubstr("--json=maybe: ")));
}

TEST(RasoatctlArgsTest, CheckFlagsRejectsAFlagWithoutItsValue) {
  EXPECT_THAT(CheckFlags({"rasoatctl", "queue", "01234", "--page_size"}),
              StatusIs(kInvalid, HasSubstr("--page_size needs a value")));
}

TEST(RasoatctlArgsTest, ParseVersionTakesPositiveDecimals) {
  // value() throws on an error, which fails the test with the status.
  EXPECT_EQ(ParseVersion("1").value(), 1u);
  EXPECT_EQ(ParseVersion("42").value(), 42u);
  EXPECT_EQ(ParseVersion("18446744073709551615").value(), UINT64_MAX);
}

TEST(RasoatctlArgsTest, ParseVersionRejectsWhatIsNotAVersion) {
  for (const char* text : {"", "0", "-1", "+1", " 3", "3a", "three", "18446744073709551616"}) {
    EXPECT_THAT(ParseVersion(text),
                StatusIs(kInvalid, HasSubstr("'" + std::string(text) + "' is not a version")))
        << "'" << text << "'";
  }
}

TEST(RasoatctlArgsTest, ParseStatusesTakesNamesInAnyCase) {
  ASSERT_OK_AND_ASSIGN(std::vector<v1::ReviewStatus> statuses,
                       ParseStatuses("ready, NEEDS_CORRECTION,Conflict,returned,approved"));
  EXPECT_THAT(statuses, ElementsAre(v1::REVIEW_STATUS_READY_FOR_REVIEW,
                                    v1::REVIEW_STATUS_NEEDS_CORRECTION, v1::REVIEW_STATUS_CONFLICT,
                                    v1::REVIEW_STATUS_RETURNED, v1::REVIEW_STATUS_APPROVED));
  EXPECT_THAT(ParseStatuses("ready_for_review").value(),
              ElementsAre(v1::REVIEW_STATUS_READY_FOR_REVIEW));
  EXPECT_THAT(ParseStatuses("").value(), IsEmpty());
  EXPECT_THAT(ParseStatuses(" , ,").value(), IsEmpty());
}

TEST(RasoatctlArgsTest, ParseStatusesRejectsAnUnknownStatusAndListsTheKnownOnes) {
  EXPECT_THAT(ParseStatuses("ready,Pending"),
              StatusIs(kInvalid, HasSubstr("unknown status 'pending': one of ready, "
                                           "needs_correction, conflict, returned, approved")));
}

TEST(RasoatctlArgsTest, ParseResolutionTakesEachChoice) {
  ASSERT_OK_AND_ASSIGN(v1::Resolution head, ParseResolution("housing.floor_area_m2=head"));
  EXPECT_EQ(head.path(), "housing.floor_area_m2");
  EXPECT_EQ(head.choice(), v1::Resolution::CHOICE_HEAD);

  ASSERT_OK_AND_ASSIGN(v1::Resolution incoming, ParseResolution("incomes[i3]=incoming"));
  EXPECT_EQ(incoming.path(), "incomes[i3]");
  EXPECT_EQ(incoming.choice(), v1::Resolution::CHOICE_INCOMING);

  ASSERT_OK_AND_ASSIGN(v1::Resolution clear, ParseResolution("collaborator_note=clear"));
  EXPECT_EQ(clear.choice(), v1::Resolution::CHOICE_VALUE);
  EXPECT_FALSE(clear.value_present());

  ASSERT_OK_AND_ASSIGN(v1::Resolution value,
                       ParseResolution("members[m2].full_name=value:\"Lò Thị Lan\""));
  EXPECT_EQ(value.path(), "members[m2].full_name");
  EXPECT_EQ(value.choice(), v1::Resolution::CHOICE_VALUE);
  EXPECT_EQ(value.value(), "\"Lò Thị Lan\"");
  EXPECT_TRUE(value.value_present());
}

TEST(RasoatctlArgsTest, ParseResolutionPathEndsAtTheFirstEquals) {
  ASSERT_OK_AND_ASSIGN(v1::Resolution resolution, ParseResolution("note=value:\"a=b\""));
  EXPECT_EQ(resolution.path(), "note");
  EXPECT_EQ(resolution.value(), "\"a=b\"");
  // An empty value is a value, unlike clear.
  ASSERT_OK_AND_ASSIGN(v1::Resolution empty, ParseResolution("note=value:"));
  EXPECT_EQ(empty.value(), "");
  EXPECT_TRUE(empty.value_present());
}

TEST(RasoatctlArgsTest, ParseResolutionRejectsAWordWithoutAPath) {
  for (const char* text : {"note", "=head", ""}) {
    EXPECT_THAT(ParseResolution(text),
                StatusIs(kInvalid, HasSubstr("'" + std::string(text) +
                                             "' is not PATH=head, PATH=incoming, "
                                             "PATH=value:TEXT or PATH=clear")))
        << "'" << text << "'";
  }
}

TEST(RasoatctlArgsTest, ParseResolutionRejectsAnUnknownChoiceNamingThePath) {
  EXPECT_THAT(ParseResolution("note=maybe"),
              StatusIs(kInvalid,
                       HasSubstr("'maybe' for note: choose head, incoming, value:TEXT or clear")));
  EXPECT_THAT(ParseResolution("note="), StatusIs(kInvalid, HasSubstr("'' for note: choose")));
  EXPECT_THAT(ParseResolution("note=HEAD"), StatusIs(kInvalid, HasSubstr("'HEAD' for note")));
}

TEST(RasoatctlArgsTest, ParseDiffRangeTakesTwoVersions) {
  EXPECT_EQ(ParseDiffRange("1:3").value(), std::make_pair(uint64_t{1}, uint64_t{3}));
  // The order is the caller's: a diff backwards is a diff.
  EXPECT_EQ(ParseDiffRange("7:2").value(), std::make_pair(uint64_t{7}, uint64_t{2}));
}

TEST(RasoatctlArgsTest, ParseDiffRangeRejectsAnythingButTwoVersions) {
  for (const char* text : {"2", "1:2:3", ""}) {
    EXPECT_THAT(ParseDiffRange(text), StatusIs(kInvalid, HasSubstr("--diff=" + std::string(text) +
                                                                   ": give two versions, FROM:TO")))
        << "'" << text << "'";
  }
  EXPECT_THAT(ParseDiffRange("0:3"), StatusIs(kInvalid, HasSubstr("'0' is not a version")));
  EXPECT_THAT(ParseDiffRange("1:x"), StatusIs(kInvalid, HasSubstr("'x' is not a version")));
  EXPECT_THAT(ParseDiffRange(":"), StatusIs(kInvalid, HasSubstr("'' is not a version")));
}

TEST(RasoatctlArgsTest, ParseSinceTakesADayInUtcOrAnRfc3339Time) {
  // 2026-09-03T00:00:00Z.
  constexpr int64_t kDay = 1788393600LL * 1000000;
  EXPECT_EQ(ParseSince("2026-09-03").value(), kDay);
  EXPECT_EQ(ParseSince("2026-09-03T00:00:00Z").value(), kDay);
  EXPECT_EQ(ParseSince("2026-09-03T07:05:09+07:00").value(), kDay + 309LL * 1000000);
  EXPECT_EQ(ParseSince("2026-09-03T00:00:00.25Z").value(), kDay + 250000);
  EXPECT_EQ(ParseSince("1970-01-01").value(), 0);
}

TEST(RasoatctlArgsTest, ParseSinceRejectsOtherFormsAndTimesBefore1970) {
  for (const char* text :
       {"", "yesterday", "03/09/2026", "2026-09-03 07:05", "2026-13-01", "2026-09-03T07:05:09"}) {
    EXPECT_THAT(ParseSince(text),
                StatusIs(kInvalid, HasSubstr("--since=" + std::string(text) + ": give a day")))
        << "'" << text << "'";
  }
  EXPECT_THAT(ParseSince("1969-12-31"), StatusIs(kInvalid, HasSubstr("before 1970")));
}

}  // namespace
}  // namespace rasoat::ctl
