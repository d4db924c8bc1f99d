// rasoatctl against a real rasoatd: the reviewer's commands run as a subprocess, their --json
// output parsed back into the wire messages, their exit codes and their error lines, while a
// tablet pushes and pulls over the sync stub.
#include <map>
#include <optional>
#include <set>

#include <gmock/gmock.h>
#include <google/protobuf/struct.pb.h>
#include <google/protobuf/util/json_util.h>
#include <google/protobuf/util/message_differencer.h>
#include <gtest/gtest.h>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "rasoat/v1/review.pb.h"
#include "tests/e2e/program_run.h"
#include "tests/e2e/sync_client.h"
#include "tests/e2e/sync_e2e_fixture.h"
#include "tests/support/households.h"
#include "tests/support/status_matchers.h"

namespace rasoat::testing {
namespace {

using ::google::protobuf::util::JsonStringToMessage;
using ::google::protobuf::util::MessageDifferencer;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::SizeIs;
using ::testing::StartsWith;

constexpr char kCommune[] = "01234";
constexpr char kVillage[] = "thon-1";
constexpr char kReviewer[] = "Cán bộ Lan";

// `json` parsed as a Message, or why it is not one.
template <typename Message>
absl::StatusOr<Message> ParseJson(const std::string& json) {
  Message message;
  const auto status = JsonStringToMessage(json, &message);
  if (!status.ok()) {
    return absl::InternalError(absl::StrCat("not a ", Message::descriptor()->full_name(), ": ",
                                            status.ToString(), "\n", json));
  }
  return message;
}

// What `show --json` prints: {"household": ..., "diff": ...}.
struct ShowOutput {
  v1::GetHouseholdResponse household;
  std::optional<v1::DiffVersionsResponse> diff;
};

absl::StatusOr<ShowOutput> ParseShowJson(const std::string& json) {
  absl::StatusOr<google::protobuf::Struct> object = ParseJson<google::protobuf::Struct>(json);
  if (!object.ok()) return object.status();
  const auto& fields = object->fields();
  if (!fields.contains("household") || fields.size() > 2) {
    return absl::InternalError(absl::StrCat("not {household, diff}: ", json));
  }
  ShowOutput show;
  std::string part;
  (void)google::protobuf::util::MessageToJsonString(fields.at("household"), &part);
  absl::StatusOr<v1::GetHouseholdResponse> household = ParseJson<v1::GetHouseholdResponse>(part);
  if (!household.ok()) return household.status();
  show.household = *std::move(household);
  if (fields.contains("diff")) {
    part.clear();
    (void)google::protobuf::util::MessageToJsonString(fields.at("diff"), &part);
    absl::StatusOr<v1::DiffVersionsResponse> diff = ParseJson<v1::DiffVersionsResponse>(part);
    if (!diff.ok()) return diff.status();
    show.diff = *std::move(diff);
  }
  return show;
}

// A valid rural household of two working adults in (kCommune, village), with a wage of
// `monthly_vnd_per_person` a month for each member, and either no deprivation at all or exactly
// four: housing quality, water, latrine and information devices.
v1::Household KnownHousehold(const std::string& village, int64_t monthly_vnd_per_person,
                             bool deprived) {
  v1::Household household;
  v1::Location* location = household.mutable_location();
  location->set_province_code("27");
  location->set_commune_code(kCommune);
  location->set_village_code(village);
  location->set_area(v1::AREA_RURAL);
  location->set_address(absl::StrCat("Xóm Đình, ", village));
  const struct {
    const char* id;
    const char* name;
    const char* national_id;
    int year;
    v1::Sex sex;
    v1::Relationship relationship;
  } people[] = {
      {"m1", "Lò Văn Sáng", "027080001234", 1980, v1::SEX_MALE, v1::RELATIONSHIP_HEAD},
      {"m2", "Lò Thị Hoa", "027183005678", 1983, v1::SEX_FEMALE, v1::RELATIONSHIP_SPOUSE},
  };
  for (const auto& person : people) {
    v1::Member* member = household.add_members();
    member->set_member_id(person.id);
    member->set_full_name(person.name);
    member->set_national_id(person.national_id);
    member->mutable_birth_date()->set_year(person.year);
    member->mutable_birth_date()->set_month(5);
    member->mutable_birth_date()->set_day(12);
    member->set_sex(person.sex);
    member->set_relationship(person.relationship);
    member->set_ethnicity_code("01");
    member->set_has_disability(false);
    member->set_has_health_insurance(true);
    member->set_employment(v1::EMPLOYMENT_WAGED_WITH_CONTRACT);
    member->set_education(v1::EDUCATION_UPPER_SECONDARY);
    v1::IncomeItem* income = household.add_incomes();
    income->set_income_id(absl::StrCat("i-", person.id));
    income->set_source(v1::INCOME_SOURCE_WAGES);
    income->set_member_id(person.id);
    income->set_annual_amount_vnd(monthly_vnd_per_person * 12);
  }
  household.set_head_member_id("m1");
  v1::Housing* housing = household.mutable_housing();
  housing->set_durable_walls(!deprived);
  housing->set_durable_columns(!deprived);
  housing->set_durable_roof(!deprived);
  housing->set_floor_area_m2(48);
  housing->set_water_source(deprived ? v1::WATER_SOURCE_SURFACE : v1::WATER_SOURCE_PIPED);
  housing->set_latrine(deprived ? v1::LATRINE_NONE : v1::LATRINE_FLUSH);
  v1::Information* information = household.mutable_information();
  information->set_uses_telecom(true);
  information->set_has_tv(!deprived);
  information->set_has_radio(false);
  information->set_has_computer(false);
  information->set_has_smartphone(!deprived);
  household.set_agricultural_household(false);
  household.set_surveyed_at_unix(1'788'000'000);  // 29 Aug 2026
  return household;
}

class RasoatctlE2eTest : public SyncE2eTest {
 protected:
  // rasoatctl ARGS against this test's server, as kReviewer.
  ProgramResult Ctl(std::vector<std::string> args) {
    args.insert(args.begin(), {RASOATCTL_PATH, absl::StrCat("--server=", server_->address()),
                               absl::StrCat("--reviewer=", kReviewer)});
    return RunProgram(args);
  }

  // rasoatctl --json ARGS, its output parsed as Message; an error with what it printed when it
  // did not exit 0 or printed something else.
  template <typename Message>
  absl::StatusOr<Message> CtlJson(std::vector<std::string> args) {
    args.push_back("--json");
    ProgramResult result = Ctl(args);
    if (result.exit_code != 0) return absl::InternalError(Describe(result));
    return ParseJson<Message>(result.out);
  }

  absl::StatusOr<ShowOutput> Show(const std::string& household_id,
                                  std::vector<std::string> flags = {}) {
    flags.insert(flags.begin(), {"show", household_id, "--json"});
    ProgramResult result = Ctl(flags);
    if (result.exit_code != 0) return absl::InternalError(Describe(result));
    return ParseShowJson(result.out);
  }

  // The tablet pushes one mutation; OK when it applied as `version`.
  absl::Status PushApplied(const std::string& household_id, const std::string& mutation_id,
                           uint64_t base_version, v1::Household record, uint64_t version) {
    absl::StatusOr<v1::PushResponse> response =
        Push(stub_.get(), "tab-1",
             {MakeMutation(household_id, mutation_id, base_version, std::move(record))});
    if (!response.ok()) return response.status();
    const v1::MutationResult& result = response->results(0);
    if (result.outcome() != v1::MUTATION_OUTCOME_APPLIED || result.version() != version) {
      return absl::InternalError(absl::StrCat("push of ", household_id, " did not apply as v",
                                              version, ": ", result.DebugString()));
    }
    return absl::OkStatus();
  }

  // The queue entry of `household_id` in `queue`, or nullptr.
  static const v1::QueueEntry* Find(const v1::ListQueueResponse& queue,
                                    const std::string& household_id) {
    for (const v1::QueueEntry& entry : queue.entries()) {
      if (entry.key().household_id() == household_id) return &entry;
    }
    return nullptr;
  }
};

// A record the tablet sends must pass validation, or every review step below starts from
// NEEDS_CORRECTION: when this fails, the issues say what to fix in the test households.
std::string IssuesOf(const absl::StatusOr<ShowOutput>& show) {
  if (!show.ok()) return absl::StrCat("(show failed: ", show.status().ToString(), ")");
  std::string issues;
  for (const v1::ValidationIssue& issue : show->household.validation_issues()) {
    absl::StrAppend(&issues, "\n  ", issue.path(), " ", issue.code(), " ", issue.message());
  }
  return issues;
}

TEST_F(RasoatctlE2eTest, PushedHouseholdIsQueuedReadyAndShownWithItsClassification) {
  const v1::Household record = MakeHousehold(1, kCommune, kVillage);
  ASSERT_OK(PushApplied("h1", "m1", 0, record, 1));

  ASSERT_OK_AND_ASSIGN(v1::ListQueueResponse queue,
                       CtlJson<v1::ListQueueResponse>({"queue", kCommune}));
  ASSERT_THAT(queue.entries(), SizeIs(1));
  const v1::QueueEntry& entry = queue.entries(0);
  EXPECT_EQ(entry.key().household_id(), "h1");
  EXPECT_EQ(entry.village_code(), kVillage);
  EXPECT_EQ(entry.version(), 1u);
  EXPECT_EQ(entry.head_name(), record.members(0).full_name());
  const absl::StatusOr<ShowOutput> show = Show("h1");
  EXPECT_EQ(entry.status(), v1::REVIEW_STATUS_READY_FOR_REVIEW)
      << "MakeHousehold(1) is not a valid record:" << IssuesOf(show);

  ASSERT_OK(show);
  const v1::GetHouseholdResponse& household = show->household;
  EXPECT_EQ(household.state().key().household_id(), "h1");
  EXPECT_EQ(household.state().version(), 1u);
  EXPECT_EQ(household.state().status(), v1::REVIEW_STATUS_READY_FOR_REVIEW);
  EXPECT_TRUE(MessageDifferencer::Equals(household.state().record(), record));
  EXPECT_THAT(household.validation_issues(), IsEmpty());
  const v1::Classification& classification = household.classification();
  EXPECT_NE(classification.poverty_class(), v1::POVERTY_CLASS_UNSPECIFIED);
  EXPECT_EQ(classification.poverty_class(), entry.poverty_class());
  EXPECT_EQ(classification.standard_name(), "decree-07-2021");
  EXPECT_THAT(classification.indicators(), SizeIs(12));
  EXPECT_FALSE(classification.explanation().empty());
  EXPECT_EQ(household.approved_version(), 0u);
  ASSERT_THAT(household.history(), SizeIs(1));
  EXPECT_EQ(household.history(0).kind(), v1::HistoryEntry::KIND_PUSH);
  // One version: nothing to compare it with.
  EXPECT_FALSE(show->diff.has_value());

  // The text form names the household and its people, never their national ids.
  const ProgramResult text = Ctl({"show", "h1"});
  ASSERT_EQ(text.exit_code, 0) << text;
  EXPECT_THAT(text.out, HasSubstr(record.members(0).full_name()));
  EXPECT_THAT(text.out, HasSubstr(classification.explanation()));
  for (const v1::Member& member : record.members()) {
    EXPECT_THAT(text.out, ::testing::Not(HasSubstr(member.national_id())));
  }
}

TEST_F(RasoatctlE2eTest, ApproveNamesTheVersionTheReviewerLookedAt) {
  v1::Household record = MakeHousehold(1, kCommune, kVillage);
  ASSERT_OK(PushApplied("h1", "m1", 0, record, 1));
  record.set_collaborator_note("Đã gặp chủ hộ");
  ASSERT_OK(PushApplied("h1", "m2", 1, record, 2));
  record.mutable_housing()->set_floor_area_m2(64);
  ASSERT_OK(PushApplied("h1", "m3", 2, record, 3));

  const ProgramResult stale = Ctl({"approve", "h1", "2"});
  EXPECT_EQ(stale.exit_code, 1) << stale;
  EXPECT_THAT(stale.err, StartsWith("rasoatctl: FAILED_PRECONDITION: ")) << stale;
  EXPECT_THAT(stale.out, IsEmpty());

  const ProgramResult approved = Ctl({"approve", "h1", "3"});
  ASSERT_EQ(approved.exit_code, 0) << approved;
  EXPECT_EQ(approved.out, "approved h1 at version 3\n");
  // Approving the approved version again is a retry, not an error.
  const ProgramResult again = Ctl({"approve", "h1", "3"});
  EXPECT_EQ(again.exit_code, 0) << again;

  ASSERT_OK_AND_ASSIGN(ShowOutput show, Show("h1"));
  EXPECT_EQ(show.household.state().status(), v1::REVIEW_STATUS_APPROVED);
  EXPECT_EQ(show.household.approved_version(), 3u);
  EXPECT_EQ(show.household.approved_by(), kReviewer);
  // Without --diff, show compares the current version with its parent.
  ASSERT_TRUE(show.diff.has_value());
  ASSERT_THAT(show.diff->changes(), SizeIs(1));
  EXPECT_EQ(show.diff->changes(0).path(), "housing.floor_area_m2");
  EXPECT_EQ(show.diff->changes(0).to_value(), "64");

  ASSERT_OK_AND_ASSIGN(ShowOutput first_to_last, Show("h1", {"--diff=1:3"}));
  ASSERT_TRUE(first_to_last.diff.has_value());
  std::set<std::string> paths;
  for (const v1::FieldChange& change : first_to_last.diff->changes()) paths.insert(change.path());
  EXPECT_EQ(paths, (std::set<std::string>{"collaborator_note", "housing.floor_area_m2"}));

  ASSERT_OK_AND_ASSIGN(v1::ListQueueResponse queue,
                       CtlJson<v1::ListQueueResponse>({"queue", kCommune, "--status=approved"}));
  ASSERT_THAT(queue.entries(), SizeIs(1));
  EXPECT_EQ(queue.entries(0).version(), 3u);
}

TEST_F(RasoatctlE2eTest, ReturnedHouseholdReachesTheTabletAndItsFixIsQueued) {
  const std::string comment = "thiếu số CCCD của chủ hộ";
  v1::Household record = MakeHousehold(2, kCommune, kVillage);
  ASSERT_OK(PushApplied("g1", "g-m1", 0, record, 1));

  const ProgramResult returned = Ctl({"return", "g1", "1", comment});
  ASSERT_EQ(returned.exit_code, 0) << returned;
  EXPECT_THAT(returned.out, StartsWith("returned g1 at version 1"));

  ASSERT_OK_AND_ASSIGN(PullResult pull,
                       PullAll(stub_.get(), "2026", {VillageScope(kCommune, kVillage)}));
  ASSERT_THAT(pull.households, SizeIs(1));
  EXPECT_EQ(pull.households[0].key().household_id(), "g1");
  EXPECT_EQ(pull.households[0].status(), v1::REVIEW_STATUS_RETURNED);
  EXPECT_EQ(pull.households[0].reviewer_comment(), comment);

  ASSERT_OK_AND_ASSIGN(v1::ListQueueResponse returned_queue,
                       CtlJson<v1::ListQueueResponse>({"queue", kCommune, "--status=returned"}));
  ASSERT_THAT(returned_queue.entries(), SizeIs(1));
  EXPECT_EQ(returned_queue.entries(0).key().household_id(), "g1");

  // The collaborator fixes the record and pushes from the version that was returned.
  record.mutable_members(0)->set_national_id("027080009999");
  ASSERT_OK(PushApplied("g1", "g-m2", 1, record, 2));
  ASSERT_OK_AND_ASSIGN(v1::ListQueueResponse queue,
                       CtlJson<v1::ListQueueResponse>({"queue", kCommune}));
  const v1::QueueEntry* entry = Find(queue, "g1");
  ASSERT_NE(entry, nullptr);
  EXPECT_EQ(entry->status(), v1::REVIEW_STATUS_READY_FOR_REVIEW);
  EXPECT_EQ(entry->version(), 2u);
}

TEST_F(RasoatctlE2eTest, SummaryCountsByStatusClassAndIndicator) {
  // Under decree-07-2021, rural: poor at or under 1,500,000 a person a month with at least 3
  // deprivations, near-poor with fewer; above the line not poor.
  struct Case {
    const char* id;
    const char* village;
    int64_t monthly;
    bool deprived;
  };
  const Case cases[] = {
      {"s1", "thon-1", 1'000'000, true},  {"s2", "thon-1", 1'200'000, true},
      {"s3", "thon-1", 1'500'000, true},  {"s4", "thon-1", 1'200'000, false},
      {"s5", "thon-1", 4'000'000, false}, {"s6", "thon-2", 6'000'000, true},
  };
  for (const Case& c : cases) {
    ASSERT_OK(PushApplied(c.id, absl::StrCat(c.id, "-m1"), 0,
                          KnownHousehold(c.village, c.monthly, c.deprived), 1));
  }
  const ProgramResult approved = Ctl({"approve", "s5", "1"});
  ASSERT_EQ(approved.exit_code, 0) << approved;
  const ProgramResult returned = Ctl({"return", "s1", "1", "kiểm", "tra", "lại", "thu", "nhập"});
  ASSERT_EQ(returned.exit_code, 0) << returned;

  ASSERT_OK_AND_ASSIGN(v1::CommuneSummaryResponse summary,
                       CtlJson<v1::CommuneSummaryResponse>({"summary", kCommune}));
  EXPECT_EQ(summary.households(), 6u);
  EXPECT_EQ(summary.standard_name(), "decree-07-2021");
  std::map<v1::ReviewStatus, uint32_t> by_status;
  for (const auto& count : summary.by_status()) by_status[count.status()] = count.households();
  EXPECT_EQ(by_status,
            (std::map<v1::ReviewStatus, uint32_t>{{v1::REVIEW_STATUS_READY_FOR_REVIEW, 4},
                                                  {v1::REVIEW_STATUS_RETURNED, 1},
                                                  {v1::REVIEW_STATUS_APPROVED, 1}}));
  std::map<v1::PovertyClass, uint32_t> by_class;
  for (const auto& count : summary.by_class()) by_class[count.poverty_class()] = count.households();
  EXPECT_EQ(by_class, (std::map<v1::PovertyClass, uint32_t>{{v1::POVERTY_CLASS_POOR, 3},
                                                            {v1::POVERTY_CLASS_NEAR_POOR, 1},
                                                            {v1::POVERTY_CLASS_NOT_POOR, 2}}));
  // Deprived households count whatever their income: s1, s2, s3 and s6.
  const std::set<v1::Indicator> deprived = {v1::INDICATOR_HOUSING_QUALITY, v1::INDICATOR_WATER,
                                            v1::INDICATOR_LATRINE,
                                            v1::INDICATOR_INFORMATION_DEVICES};
  EXPECT_THAT(summary.deprivations(), SizeIs(12));
  for (const auto& count : summary.deprivations()) {
    EXPECT_EQ(count.deprived_households(), deprived.contains(count.indicator()) ? 4u : 0u)
        << count.name();
    EXPECT_FALSE(count.name().empty());
  }

  ASSERT_OK_AND_ASSIGN(
      v1::CommuneSummaryResponse village,
      CtlJson<v1::CommuneSummaryResponse>({"summary", kCommune, "--village=thon-2"}));
  EXPECT_EQ(village.households(), 1u);

  const ProgramResult text = Ctl({"summary", kCommune});
  ASSERT_EQ(text.exit_code, 0) << text;
  EXPECT_THAT(text.out, HasSubstr("households: 6\n"));
  EXPECT_THAT(text.out, HasSubstr("việc làm"));
}

// The code-point column where `needle` starts in `line`.
size_t CodePointColumn(const std::string& line, const std::string& needle) {
  const size_t byte = line.rfind(needle);
  if (byte == std::string::npos) return std::string::npos;
  size_t column = 0;
  for (size_t i = 0; i < byte; ++i) {
    if ((static_cast<unsigned char>(line[i]) & 0xC0) != 0x80) ++column;
  }
  return column;
}

TEST_F(RasoatctlE2eTest, QueueTableHasAHeaderAndAlignsVietnameseNames) {
  std::map<std::string, std::string> heads;
  for (int seed = 1; seed <= 4; ++seed) {
    const std::string id = absl::StrCat("h", seed);
    const v1::Household record = MakeHousehold(seed, kCommune, seed % 2 ? "thon-1" : "thon-10");
    heads[id] = record.members(0).full_name();
    ASSERT_OK(PushApplied(id, absl::StrCat(id, "-m1"), 0, record, 1));
  }
  const ProgramResult result = Ctl({"queue", kCommune});
  ASSERT_EQ(result.exit_code, 0) << result;
  const std::vector<std::string> lines = absl::StrSplit(result.out, '\n', absl::SkipEmpty());
  ASSERT_THAT(lines, SizeIs(1 + heads.size())) << result;
  EXPECT_THAT(lines[0], StartsWith("HOUSEHOLD"));
  for (const char* column : {"VILLAGE", "VERSION", "STATUS", "CONFLICTS", "ISSUES", "CLASS"}) {
    EXPECT_THAT(lines[0], HasSubstr(column));
  }
  const size_t head_column = CodePointColumn(lines[0], "HEAD");
  for (size_t i = 1; i < lines.size(); ++i) {
    const std::string id = lines[i].substr(0, lines[i].find(' '));
    ASSERT_TRUE(heads.contains(id)) << lines[i];
    EXPECT_EQ(CodePointColumn(lines[i], heads[id]), head_column) << result.out;
  }
}

TEST_F(RasoatctlE2eTest, ResolveTakesAValuePerConflictingPath) {
  const v1::Household base = MakeHousehold(3, kCommune, kVillage);
  ASSERT_OK(PushApplied("h1", "a1", 0, base, 1));
  v1::Household head = base;
  head.set_collaborator_note("hộ đi vắng");
  ASSERT_OK(PushApplied("h1", "a2", 1, head, 2));
  v1::Household offline = base;
  offline.set_collaborator_note("hộ chuyển đi");
  ASSERT_OK_AND_ASSIGN(v1::PushResponse stale,
                       Push(stub_.get(), "tab-2", {MakeMutation("h1", "b1", 1, offline)}));
  ASSERT_EQ(stale.results(0).outcome(), v1::MUTATION_OUTCOME_CONFLICT);
  ASSERT_EQ(stale.results(0).version(), 3u);

  ASSERT_OK_AND_ASSIGN(v1::ListQueueResponse conflicts,
                       CtlJson<v1::ListQueueResponse>({"queue", kCommune, "--status=conflict"}));
  ASSERT_THAT(conflicts.entries(), SizeIs(1));
  EXPECT_EQ(conflicts.entries(0).open_conflicts(), 1u);

  const std::string agreed = "Chủ hộ xác nhận: hộ đi vắng đến tháng 12";
  ASSERT_OK_AND_ASSIGN(
      v1::ResolveConflictResponse resolved,
      CtlJson<v1::ResolveConflictResponse>(
          {"resolve", "h1", "3", absl::StrCat("collaborator_note=value:\"", agreed, "\"")}));
  EXPECT_EQ(resolved.version(), 4u);
  EXPECT_THAT(resolved.open_conflicts(), IsEmpty());
  EXPECT_NE(resolved.status(), v1::REVIEW_STATUS_CONFLICT);

  ASSERT_OK_AND_ASSIGN(PullResult pull,
                       PullAll(stub_.get(), "2026", {VillageScope(kCommune, kVillage)}));
  ASSERT_THAT(pull.households, SizeIs(1));
  EXPECT_EQ(pull.households[0].record().collaborator_note(), agreed);

  // Version 3 is no longer the head: the reviewer must look again.
  const ProgramResult again = Ctl({"resolve", "h1", "3", "collaborator_note=head"});
  EXPECT_EQ(again.exit_code, 1) << again;
  EXPECT_THAT(again.err, StartsWith("rasoatctl: FAILED_PRECONDITION: ")) << again;
}

TEST_F(RasoatctlE2eTest, ServerRefusalsExitOneWithTheirCode) {
  const ProgramResult unknown_round = Ctl({"--round=1999", "queue", kCommune});
  EXPECT_EQ(unknown_round.exit_code, 1) << unknown_round;
  EXPECT_THAT(unknown_round.err, StartsWith("rasoatctl: INVALID_ARGUMENT: ")) << unknown_round;
  EXPECT_THAT(unknown_round.out, IsEmpty());

  const ProgramResult missing = Ctl({"show", "no-such-household"});
  EXPECT_EQ(missing.exit_code, 1) << missing;
  EXPECT_THAT(missing.err, StartsWith("rasoatctl: NOT_FOUND: ")) << missing;

  const ProgramResult approve_missing = Ctl({"approve", "no-such-household", "1"});
  EXPECT_EQ(approve_missing.exit_code, 1) << approve_missing;
  EXPECT_THAT(approve_missing.err, StartsWith("rasoatctl: NOT_FOUND: ")) << approve_missing;
}

TEST(RasoatctlTest, UnreachableServerExitsOneWithUnavailable) {
  // Port 1 on loopback: nothing listens there.
  const ProgramResult result = RunProgram(
      {RASOATCTL_PATH, "--server=127.0.0.1:1", "--timeout_seconds=5", "queue", kCommune});
  EXPECT_EQ(result.exit_code, 1) << result;
  EXPECT_THAT(result.err, StartsWith("rasoatctl: UNAVAILABLE: ")) << result;
}

TEST(RasoatctlTest, UsageErrorsExitTwoWithTheCommandsUsage) {
  const struct {
    std::vector<std::string> args;
    const char* usage;
  } cases[] = {
      {{}, "rasoatctl: no command given"},
      {{"frobnicate"}, "rasoatctl: unknown command 'frobnicate'"},
      {{"approve", "h1"}, "usage: rasoatctl approve HOUSEHOLD VERSION"},
      {{"approve", "h1", "three"}, "usage: rasoatctl approve HOUSEHOLD VERSION"},
      {{"approve", "h1", "3", "extra"}, "usage: rasoatctl approve HOUSEHOLD VERSION"},
      {{"return", "h1", "3"}, "usage: rasoatctl return HOUSEHOLD VERSION COMMENT..."},
      {{"return", "h1", "3", " "}, "usage: rasoatctl return HOUSEHOLD VERSION COMMENT..."},
      {{"resolve", "h1", "3", "note=maybe"}, "usage: rasoatctl resolve HOUSEHOLD VERSION"},
      {{"queue", "01234", "--status=pending"}, "usage: rasoatctl queue COMMUNE"},
      {{"show", "h1", "--diff=2"}, "usage: rasoatctl show HOUSEHOLD"},
      {{"approve", "h1", "3", "--village=thon-1"}, "--village does not apply to approve"},
      {{"--vilage=thon-1", "queue", "01234"}, "unknown flag --vilage"},
      {{"queue", "01234", "--page_size=many"}, "--page_size=many"},
      {{"--timeout_seconds=0", "queue", "01234"}, "--timeout_seconds must be positive"},
  };
  for (const auto& c : cases) {
    std::vector<std::string> args = {RASOATCTL_PATH, "--server=127.0.0.1:1"};
    args.insert(args.end(), c.args.begin(), c.args.end());
    const ProgramResult result = RunProgram(args);
    EXPECT_EQ(result.exit_code, 2) << absl::StrJoin(c.args, " ") << "\n" << result;
    EXPECT_THAT(result.err, HasSubstr(c.usage)) << absl::StrJoin(c.args, " ");
    EXPECT_THAT(result.out, IsEmpty());
  }
}

TEST(RasoatctlTest, HelpListsEveryCommandAndExitsZero) {
  for (const char* help : {"--help", "help"}) {
    const ProgramResult result = RunProgram({RASOATCTL_PATH, help});
    EXPECT_EQ(result.exit_code, 0) << result;
    for (const char* command : {"queue COMMUNE", "show HOUSEHOLD", "approve HOUSEHOLD VERSION",
                                "return HOUSEHOLD VERSION COMMENT", "resolve HOUSEHOLD VERSION",
                                "summary COMMUNE", "--server", "--json", "--reviewer"}) {
      EXPECT_THAT(result.out, HasSubstr(command)) << help;
    }
  }
}

}  // namespace
}  // namespace rasoat::testing
