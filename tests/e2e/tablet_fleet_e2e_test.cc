// rasoat-tablet against a real rasoatd: a fleet of simulated tablets that go offline mid-push
// ends consistent; the consistency check is not vacuous (it notices a change made behind the
// tablets' backs, a journaled mutation the server never saw, an element that is not there, and
// a journal that disagrees with the merge rules); a restarted tablet resumes from its saved
// cursor, or pulls its village again when the server refuses the cursor; and the binary itself
// runs a fleet and says "consistent". Households that move village leave the old village's
// tablets (the removal entries of their pulls) and reach the new one's; the check notices a
// tablet holding a household of another village.
#include <cstdlib>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include <gmock/gmock.h>
#include <grpcpp/create_channel.h>
#include <gtest/gtest.h>

#include "absl/strings/str_cat.h"
#include "tablet/consistency_check.h"
#include "tablet/fleet.h"
#include "tablet/simulated_tablet.h"
#include "tests/e2e/program_run.h"
#include "tests/e2e/sync_client.h"
#include "tests/e2e/sync_e2e_fixture.h"
#include "tests/support/status_matchers.h"

namespace rasoat::testing {
namespace {

using ::rasoat::tablet::CheckConsistency;
using ::rasoat::tablet::ConsistencyReport;
using ::rasoat::tablet::Fleet;
using ::rasoat::tablet::FleetOptions;
using ::rasoat::tablet::FleetReport;
using ::rasoat::tablet::JournalEntry;
using ::rasoat::tablet::SimulatedTablet;
using ::testing::AllOf;
using ::testing::Contains;
using ::testing::Each;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::Not;

constexpr char kRound[] = "2026";
constexpr char kCommune[] = "00127";

class TabletFleetE2eTest : public SyncE2eTest {
 protected:
  FleetOptions Options(int tablets, std::chrono::milliseconds duration, double offline) const {
    FleetOptions options;
    options.server = server_->address();
    options.token = server_->admin_token();
    options.tablets = tablets;
    options.duration = duration;
    options.offline = offline;
    options.state_dir = dir_.Sub("tablets");
    options.round_id = kRound;
    options.commune_code = kCommune;
    return options;
  }

  // Opens a fleet, lets it work for options.duration on its threads, brings it to rest.
  std::unique_ptr<Fleet> RunAndSettle(const FleetOptions& options) {
    absl::StatusOr<std::unique_ptr<Fleet>> fleet = Fleet::Open(options);
    EXPECT_OK(fleet);
    if (!fleet.ok()) return nullptr;
    (*fleet)->Run(nullptr);
    EXPECT_OK((*fleet)->Settle());
    return *std::move(fleet);
  }

  // Opens a fleet and drives it from this thread, by rounds rather than by time: in each round
  // every tablet in turn edits offline and syncs. So what the fleet did does not depend on how
  // fast this machine is; then brings it to rest.
  std::unique_ptr<Fleet> WorkRoundsAndSettle(const FleetOptions& options, int rounds) {
    absl::StatusOr<std::unique_ptr<Fleet>> fleet = Fleet::Open(options);
    EXPECT_OK(fleet);
    if (!fleet.ok()) return nullptr;
    for (int round = 0; round < rounds; ++round) {
      for (SimulatedTablet* tablet : (*fleet)->tablets()) {
        tablet->EditOffline();
        tablet->Sync(/*may_go_offline=*/true);
      }
    }
    EXPECT_OK((*fleet)->Settle());
    return *std::move(fleet);
  }

  // The consistency check of `tablets` against `server` (the fixture's by default).
  absl::StatusOr<ConsistencyReport> Check(const std::vector<SimulatedTablet*>& tablets,
                                          const RasoatdProcess* server = nullptr) {
    if (server == nullptr) server = server_.get();
    std::vector<const SimulatedTablet*> checked(tablets.begin(), tablets.end());
    auto sync = server->NewSyncStub();
    auto review = server->NewReviewStub();
    return CheckConsistency(checked, sync.get(), review.get(), kRound, kCommune);
  }

  // Pushes `state`'s record, changed by `change`, from a device no tablet knows.
  void PushBehindTheirBacks(const v1::HouseholdState& state,
                            const std::function<void(v1::Household*)>& change) {
    v1::Mutation mutation;
    *mutation.mutable_key() = state.key();
    mutation.set_mutation_id(absl::StrCat("intruder-", state.key().household_id()));
    mutation.set_base_version(state.version());
    *mutation.mutable_record() = state.record();
    change(mutation.mutable_record());
    ASSERT_OK_AND_ASSIGN(v1::PushResponse response, Push(stub_.get(), "intruder", {mutation}));
    ASSERT_EQ(response.results(0).outcome(), v1::MUTATION_OUTCOME_APPLIED);
  }
};

TEST_F(TabletFleetE2eTest, AFleetThatGoesOfflineMidPushEndsConsistent) {
  std::unique_ptr<Fleet> fleet = RunAndSettle(Options(50, std::chrono::seconds(3), 0.2));
  ASSERT_NE(fleet, nullptr);
  ASSERT_OK_AND_ASSIGN(ConsistencyReport check, Check(fleet->tablets()));
  EXPECT_THAT(check.problems, IsEmpty());

  const FleetReport report = fleet->Report();
  EXPECT_GT(report.mutations, 0u);
  EXPECT_GT(report.cancelled_pushes, 0u);
  EXPECT_EQ(report.rejected, 0u);
  EXPECT_EQ(check.mutations, report.mutations);
  // A fresh server: every version was made by a journaled push, so every household the tablets
  // touched is held to the replay of the merge rules, not to the fallback.
  EXPECT_GT(check.households_replayed, 0u);
  EXPECT_EQ(check.households_not_replayed, 0u);
  EXPECT_GT(check.copies_compared, 0u);
  std::cerr << report.Summary();

  // The audit log of all that, pushes cut off mid-way included, verifies whole.
  const ProgramResult verified = RunProgram(
      {RASOATCTL_PATH, absl::StrCat("--server=", server_->address()),
       absl::StrCat("--token_file=", dir_.Sub("data"), "/admin.token"), "audit", "verify"});
  EXPECT_EQ(verified.exit_code, 0) << verified;
  EXPECT_THAT(verified.out, HasSubstr("intact")) << verified;
}

TEST_F(TabletFleetE2eTest, TheCheckNoticesWhatIsWrong) {
  std::unique_ptr<Fleet> fleet = WorkRoundsAndSettle(Options(6, {}, 0.2), 10);
  ASSERT_NE(fleet, nullptr);
  ASSERT_OK_AND_ASSIGN(ConsistencyReport clean, Check(fleet->tablets()));
  ASSERT_THAT(clean.problems, IsEmpty());

  // A household changed on the server by someone the tablets do not know: their copies are
  // stale until they pull, and the check says so.
  SimulatedTablet* tablet = fleet->tablets()[0];
  const auto& copies = tablet->local().households();
  ASSERT_FALSE(copies.empty());
  const v1::HouseholdState changed = copies.begin()->second.server;
  PushBehindTheirBacks(changed, [](v1::Household* record) {
    record->set_collaborator_note("Sửa trên máy chủ, không qua máy tính bảng");
  });
  ASSERT_OK_AND_ASSIGN(ConsistencyReport stale, Check(fleet->tablets()));
  EXPECT_THAT(stale.problems,
              Contains(AllOf(HasSubstr(tablet->device_id()),
                             HasSubstr(absl::StrCat("household ", changed.key().household_id(),
                                                    " differs from the server")))));

  // Every tablet pulls: the copies equal the server's again. What may remain is rule 3 on
  // that household: a field a tablet wrote and nobody in the fleet changed since holds another
  // value, which a fleet, the only writer of its villages, must report.
  for (SimulatedTablet* each : fleet->tablets()) ASSERT_OK(each->Pull());
  ASSERT_OK_AND_ASSIGN(ConsistencyReport pulled, Check(fleet->tablets()));
  EXPECT_THAT(pulled.problems, Each(HasSubstr(changed.key().household_id())));
  EXPECT_THAT(pulled.problems, Each(Not(HasSubstr("differs from the server"))));
  EXPECT_GT(pulled.households_not_replayed, 0u);  // a version no journal made

  // A journal entry for a mutation that was never pushed.
  std::vector<JournalEntry>* journal = tablet->mutable_journal();
  ASSERT_FALSE(journal->empty());
  JournalEntry never_pushed = journal->front();
  never_pushed.mutation_id = absl::StrCat(tablet->id_prefix(), "-never-pushed");
  never_pushed.version = 999;
  journal->push_back(never_pushed);
  ASSERT_OK_AND_ASSIGN(ConsistencyReport missing, Check(fleet->tablets()));
  EXPECT_THAT(missing.problems,
              Contains(AllOf(HasSubstr(never_pushed.mutation_id),
                             HasSubstr("in the server's history 0 times, not once"))));
  journal->pop_back();

  // An element the journal says was added but the server's record lacks.
  journal->front().added_elements.push_back("members[m-never-added]");
  ASSERT_OK_AND_ASSIGN(ConsistencyReport lacking, Check(fleet->tablets()));
  EXPECT_THAT(lacking.problems,
              Contains(HasSubstr("added members[m-never-added], which the server's record lacks")));
  journal->front().added_elements.pop_back();

  // A household of another village in a tablet's copy: what a tablet that missed a removal
  // would keep.
  v1::HouseholdState stray = changed;
  stray.mutable_key()->set_household_id("stray-household");
  stray.mutable_record()->mutable_location()->set_village_code("thon-9");
  tablet->mutable_local()->ApplyPulled(stray);
  ASSERT_OK_AND_ASSIGN(ConsistencyReport outside, Check(fleet->tablets()));
  EXPECT_THAT(outside.problems,
              Contains(AllOf(HasSubstr(tablet->device_id()), HasSubstr("stray-household"),
                             HasSubstr("of village thon-9"), HasSubstr("outside its village"))));
  tablet->mutable_local()->ApplyRemoval("stray-household");
}

TEST_F(TabletFleetE2eTest, HouseholdsThatMoveLeaveTheirOldVillagesTabletsAndReachTheNew) {
  FleetOptions options = Options(6, {}, 0.2);
  options.villages = 2;
  options.move = 0.25;
  std::unique_ptr<Fleet> fleet = WorkRoundsAndSettle(options, 12);
  ASSERT_NE(fleet, nullptr);
  const FleetReport report = fleet->Report();
  EXPECT_GT(report.moves, 0u);
  EXPECT_GT(report.pulled_removals, 0u);
  ASSERT_OK_AND_ASSIGN(ConsistencyReport check, Check(fleet->tablets()));
  EXPECT_THAT(check.problems, IsEmpty());
  EXPECT_EQ(check.households_not_replayed, 0u);
  // Every tablet holds households of its own village only, and some hold households that a
  // tablet of the other village registered (ids start with the device id, "tab-001-...").
  std::map<std::string, std::string> village_of;
  for (const SimulatedTablet* tablet : fleet->tablets()) {
    village_of[tablet->device_id()] = tablet->village_code();
  }
  size_t arrived = 0;
  for (const SimulatedTablet* tablet : fleet->tablets()) {
    for (const auto& [id, household] : tablet->local().households()) {
      EXPECT_EQ(household.server.record().location().village_code(), tablet->village_code())
          << tablet->device_id() << " holds " << id;
      arrived += village_of.at(id.substr(0, 7)) != tablet->village_code();
    }
  }
  EXPECT_GT(arrived, 0u);
  std::cerr << report.Summary();
}

TEST_F(TabletFleetE2eTest, TheReplayHoldsTheServerToTheMergeRules) {
  std::unique_ptr<Fleet> fleet = WorkRoundsAndSettle(Options(6, {}, 0), 10);
  ASSERT_NE(fleet, nullptr);
  ASSERT_OK_AND_ASSIGN(ConsistencyReport clean, Check(fleet->tablets()));
  ASSERT_THAT(clean.problems, IsEmpty());
  ASSERT_EQ(clean.households_not_replayed, 0u);

  // Pretend the mutation that made some household's current version carried another note:
  // the replay then predicts a note the server does not have (or a conflict it did not open).
  JournalEntry* latest = nullptr;
  for (SimulatedTablet* tablet : fleet->tablets()) {
    for (JournalEntry& entry : *tablet->mutable_journal()) {
      auto copy = tablet->local().households().find(entry.household_id);
      if (copy == tablet->local().households().end()) continue;  // it moved to another village
      if (entry.version == copy->second.server.version() && entry.version > 1) latest = &entry;
    }
  }
  ASSERT_NE(latest, nullptr) << "no household was edited after it was registered";
  latest->record.set_collaborator_note("Không phải ghi chú đã gửi");
  latest->changed_paths.push_back("collaborator_note");
  ASSERT_OK_AND_ASSIGN(ConsistencyReport tampered, Check(fleet->tablets()));
  EXPECT_THAT(tampered.problems,
              Contains(AllOf(HasSubstr(latest->household_id), HasSubstr("collaborator_note"))));
}

TEST_F(TabletFleetE2eTest, ARestartedTabletResumesFromItsSavedCursor) {
  std::unique_ptr<Fleet> fleet = WorkRoundsAndSettle(Options(3, {}, 0.2), 5);
  ASSERT_NE(fleet, nullptr);
  SimulatedTablet* before = fleet->tablets()[0];
  const size_t known = before->local().households().size();
  ASSERT_GE(known, 3u);

  // Two households of its village change while it is off.
  auto it = before->local().households().begin();
  for (int i = 0; i < 2; ++i, ++it) {
    PushBehindTheirBacks(it->second.server, [](v1::Household* record) {
      record->mutable_housing()->set_floor_area_m2(record->housing().floor_area_m2() + 1);
    });
  }

  auto channel = server_->NewChannel();
  ASSERT_OK_AND_ASSIGN(std::unique_ptr<SimulatedTablet> after,
                       SimulatedTablet::Open(before->options(), channel));
  EXPECT_EQ(after->session(), before->session() + 1);
  EXPECT_NE(after->id_prefix(), before->id_prefix());
  EXPECT_EQ(after->local().households().size(), known);
  EXPECT_EQ(after->local().cursor(), before->local().cursor());
  ASSERT_OK_AND_ASSIGN(int pulled, after->Pull());
  EXPECT_EQ(pulled, 2);  // only what changed since its last pull, not the whole village
  ASSERT_OK_AND_ASSIGN(ConsistencyReport check, Check({after.get()}));
  EXPECT_THAT(check.problems, IsEmpty());
  EXPECT_EQ(check.copies_compared, known);
}

TEST_F(TabletFleetE2eTest, ATabletWhoseCursorTheServerRefusesPullsItsVillageAgain) {
  std::unique_ptr<Fleet> fleet = WorkRoundsAndSettle(Options(2, {}, 0), 3);
  ASSERT_NE(fleet, nullptr);
  SimulatedTablet* before = fleet->tablets()[0];
  ASSERT_FALSE(before->local().households().empty());

  // A fresh server (a restore, say) never issued that cursor, and has none of those households.
  ASSERT_OK_AND_ASSIGN(std::unique_ptr<RasoatdProcess> other,
                       RasoatdProcess::Start(dir_.Sub("other-data")));
  auto channel = other->NewChannel();
  ASSERT_OK_AND_ASSIGN(std::unique_ptr<SimulatedTablet> after,
                       SimulatedTablet::Open(before->options(), channel));
  EXPECT_EQ(after->local().households().size(), before->local().households().size());
  ASSERT_OK_AND_ASSIGN(int pulled, after->Pull());
  EXPECT_EQ(pulled, 0);
  EXPECT_THAT(after->last_error(), HasSubstr("cursor refused"));
  EXPECT_TRUE(after->local().households().empty());

  // It works on there as any tablet does.
  after->EditOffline();
  ASSERT_TRUE(after->Sync(/*may_go_offline=*/false)) << after->last_error();
  ASSERT_OK_AND_ASSIGN(ConsistencyReport check, Check({after.get()}, other.get()));
  EXPECT_THAT(check.problems, IsEmpty());
  EXPECT_GT(check.copies_compared, 0u);
}

TEST_F(TabletFleetE2eTest, TheBinaryRunsAFleetAndSaysConsistent) {
  const ProgramResult run =
      RunProgram({RASOAT_TABLET_PATH, absl::StrCat("--server=", server_->address()),
                  absl::StrCat("--token_file=", dir_.Sub("data"), "/admin.token"), "--tablets=8",
                  "--seconds=2", absl::StrCat("--state_dir=", dir_.Sub("binary-tablets"))});
  EXPECT_EQ(run.exit_code, 0) << run;
  EXPECT_THAT(run.out, HasSubstr("consistent: ")) << run;
  EXPECT_THAT(run.out, HasSubstr("8 tablets in 2 villages")) << run;
  EXPECT_THAT(run.err, HasSubstr("edits=")) << run;  // the progress lines
}

TEST_F(TabletFleetE2eTest, TheBinaryRefusesBadFlagsWithExitCodeTwo) {
  for (const char* flag : {"--tablets=0", "--offline=1.5", "--no_such_flag=1", "--seconds"}) {
    const ProgramResult run =
        RunProgram({RASOAT_TABLET_PATH, absl::StrCat("--server=", server_->address()), flag});
    EXPECT_EQ(run.exit_code, 2) << flag << "\n" << run;
    EXPECT_THAT(run.err, HasSubstr("rasoat-tablet: ")) << run;
  }
}

}  // namespace
}  // namespace rasoat::testing
