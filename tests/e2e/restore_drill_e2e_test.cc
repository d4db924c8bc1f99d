// The restore drill (deploy/README.md "Backups"), against real rasoatd processes: tablets push
// while an admin calls AdminService.CreateBackup; the backup is restored offline into a new
// directory (rasoatd --restore_from), and a rasoatd started on it holds every household
// acknowledged before the backup began at its acknowledged version, its audit chain verifies,
// and a tablet whose cursor was issued after the backup is told to pull from the beginning.
#include <atomic>
#include <filesystem>
#include <map>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include <gmock/gmock.h>
#include <grpcpp/client_context.h>
#include <gtest/gtest.h>

#include "absl/strings/str_cat.h"
#include "rasoat/v1/admin.grpc.pb.h"
#include "sync/base/mutex.h"
#include "tests/e2e/program_run.h"
#include "tests/e2e/rasoatd_process.h"
#include "tests/e2e/sync_client.h"
#include "tests/support/households.h"
#include "tests/support/status_matchers.h"
#include "tests/support/temp_dir.h"

namespace rasoat::testing {
namespace {

using ::testing::HasSubstr;

constexpr char kCommune[] = "00001";
constexpr int kLoadTablets = 4;

// What the load's tablets were told: each household's acknowledged version.
class Acknowledged {
 public:
  void Add(const std::string& household_id, uint64_t version) {
    MutexLock lock(&mu_);
    versions_[household_id] = version;
  }
  // Returns once `count` households are acknowledged in all.
  void AwaitAtLeast(size_t count) const {
    MutexLock lock(&mu_);
    mu_.Await([&]() ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_) { return versions_.size() >= count; });
  }
  std::map<std::string, uint64_t> Now() const {
    MutexLock lock(&mu_);
    return versions_;
  }

 private:
  mutable Mutex mu_;
  std::map<std::string, uint64_t> versions_ ABSL_GUARDED_BY(mu_);
};

TEST(RestoreDrillE2eTest, ARestoredBackupHoldsWhatWasAcknowledgedBeforeItAndRefusesLaterCursors) {
  TempDir dir;
  const std::string backups = dir.Sub("backups");
  ASSERT_OK_AND_ASSIGN(std::unique_ptr<RasoatdProcess> server,
                       RasoatdProcess::Start(dir.Sub("data"), {"--backup_dir=" + backups}));
  Acknowledged acknowledged;

  // Before the load: ten households, five of them changed once (version 2).
  {
    std::unique_ptr<v1::SyncService::Stub> sync = server->NewSyncStub();
    for (int i = 0; i < 10; ++i) {
      const std::string id = absl::StrCat("early-", i);
      ASSERT_OK_AND_ASSIGN(
          v1::PushResponse created,
          Push(sync.get(), "tab-early", {MakeMutation(id, id, 0, MakeHousehold(i))}));
      acknowledged.Add(id, created.results(0).version());
      if (i % 2 == 0) {
        v1::Household changed = MakeHousehold(i);
        changed.set_collaborator_note("đã sửa");
        ASSERT_OK_AND_ASSIGN(
            v1::PushResponse updated,
            Push(sync.get(), "tab-early", {MakeMutation(id, id + "-2", 1, changed)}));
        acknowledged.Add(id, updated.results(0).version());
      }
    }
  }

  // The load: tablets creating households, each acknowledged one recorded, until told to stop.
  std::atomic<bool> stop{false};
  std::vector<std::thread> tablets;
  for (int t = 0; t < kLoadTablets; ++t) {
    tablets.emplace_back([&, t] {
      std::unique_ptr<v1::SyncService::Stub> sync = server->NewSyncStub();
      for (int n = 0; !stop.load(); ++n) {
        const std::string id = absl::StrCat("load-", t, "-", n);
        absl::StatusOr<v1::PushResponse> response = Push(
            sync.get(), absl::StrCat("tab-load-", t), {MakeMutation(id, id, 0, MakeHousehold(n))});
        if (response.ok() && response->results(0).outcome() == v1::MUTATION_OUTCOME_APPLIED) {
          acknowledged.Add(id, response->results(0).version());
        }
      }
    });
  }
  // The backup, once the load is under way; what was acknowledged before it began must be in it.
  acknowledged.AwaitAtLeast(30);
  const std::map<std::string, uint64_t> before_backup = acknowledged.Now();
  std::unique_ptr<v1::AdminService::Stub> admin = server->NewAdminStub();
  v1::CreateBackupResponse backup;
  {
    grpc::ClientContext context;
    ASSERT_TRUE(admin->CreateBackup(&context, v1::CreateBackupRequest(), &backup).ok());
  }
  EXPECT_EQ(backup.backup().backup_id(), 1u);
  EXPECT_GT(backup.backup().size_bytes(), 0u);
  acknowledged.AwaitAtLeast(acknowledged.Now().size() + 20);
  stop = true;
  for (std::thread& tablet : tablets) tablet.join();

  // A tablet syncs after the backup: its cursor names what the backup does not hold.
  std::string later_cursor;
  {
    std::unique_ptr<v1::SyncService::Stub> sync = server->NewSyncStub();
    ASSERT_OK_AND_ASSIGN(PullResult pulled, PullAll(sync.get(), "2026", {CommuneScope(kCommune)}));
    later_cursor = pulled.page_cursors.back();
  }
  {
    grpc::ClientContext context;
    v1::ListBackupsResponse listed;
    ASSERT_TRUE(admin->ListBackups(&context, v1::ListBackupsRequest(), &listed).ok());
    ASSERT_EQ(listed.backups_size(), 1);
    grpc::ClientContext verify_context;
    v1::VerifyBackupRequest verify;
    verify.set_backup_id(1);
    v1::VerifyBackupResponse verified;
    ASSERT_TRUE(admin->VerifyBackup(&verify_context, verify, &verified).ok());
    EXPECT_TRUE(verified.intact()) << verified.problem();
  }
  admin.reset();
  ASSERT_EQ(server->Terminate(), 0);
  server.reset();

  // The restore, offline, into a new directory; a second restore over it is refused.
  const std::string restored = dir.Sub("restored");
  const ProgramResult restore = RunProgram(
      {RASOATD_PATH, "--restore_from=" + backups, "--data_dir=" + restored, "--http_listen="});
  ASSERT_EQ(restore.exit_code, 0) << restore;
  EXPECT_THAT(restore.out, HasSubstr("restored backup 1"));
  const ProgramResult again = RunProgram(
      {RASOATD_PATH, "--restore_from=" + backups, "--data_dir=" + restored, "--http_listen="});
  EXPECT_EQ(again.exit_code, 1) << again;
  EXPECT_THAT(again.err, HasSubstr("not empty"));

  // The store holds the admin's token as it was; the token file beside it is not in the backup.
  std::filesystem::copy_file(dir.Sub("data") + "/admin.token", restored + "/admin.token");
  ASSERT_OK_AND_ASSIGN(server, RasoatdProcess::Start(restored));
  std::unique_ptr<v1::SyncService::Stub> sync = server->NewSyncStub();
  ASSERT_OK_AND_ASSIGN(PullResult all, PullAll(sync.get(), "2026", {CommuneScope(kCommune)}));
  std::map<std::string, uint64_t> held;
  for (const v1::HouseholdState& state : all.households) {
    held[state.key().household_id()] = state.version();
  }
  int missing = 0;
  for (const auto& [id, version] : before_backup) {
    const auto found = held.find(id);
    if (found == held.end() || found->second != version) ++missing;
  }
  EXPECT_EQ(missing, 0) << "of " << before_backup.size() << " acknowledged before the backup";
  EXPECT_GE(held.size(), before_backup.size());
  EXPECT_LT(held.size(), acknowledged.Now().size()) << "the backup holds what came after it";

  std::unique_ptr<v1::AdminService::Stub> restored_admin = server->NewAdminStub();
  grpc::ClientContext audit_context;
  v1::VerifyAuditResponse audit;
  ASSERT_TRUE(restored_admin->VerifyAudit(&audit_context, v1::VerifyAuditRequest(), &audit).ok());
  EXPECT_TRUE(audit.intact()) << audit.DebugString();

  EXPECT_THAT(PullAll(sync.get(), "2026", {CommuneScope(kCommune)}, later_cursor),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("from the beginning")));
}

}  // namespace
}  // namespace rasoat::testing
