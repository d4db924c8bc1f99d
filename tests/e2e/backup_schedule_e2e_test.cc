// rasoatd's scheduled backups (--backup_every): at start, with no backup in --backup_dir yet, one
// is due and made at once; its "backup" event names it in the log, ListBackups shows it, and the
// audit log records it as rasoatd's own (no login). rasoatd's stderr is read through a FIFO, so
// the test waits on the event itself, not on a time.
#include <fstream>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include <gmock/gmock.h>
#include <grpcpp/client_context.h>
#include <gtest/gtest.h>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "rasoat/v1/admin.grpc.pb.h"
#include "sync/base/mutex.h"
#include "tests/e2e/rasoatd_process.h"
#include "tests/e2e/sync_client.h"
#include "tests/support/households.h"
#include "tests/support/status_matchers.h"
#include "tests/support/temp_dir.h"
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace rasoat::testing {
namespace {

using ::testing::HasSubstr;
using ::testing::SizeIs;

// The lines a process writes into a FIFO, read on a thread of their own to the end.
class FifoLines {
 public:
  explicit FifoLines(std::string path) : path_(std::move(path)) {
    thread_ = std::thread([this] {
      std::ifstream in(path_);  // blocks until rasoatd opens the FIFO to write
      for (std::string line; std::getline(in, line);) {
        MutexLock lock(&mu_);
        lines_.push_back(line);
      }
    });
  }
  // Once the writer has gone (or never came: a writer of our own, opened and closed, ends the
  // reader's wait for one), joins the reader.
  ~FifoLines() {
    if (const int writer = open(path_.c_str(), O_WRONLY | O_NONBLOCK); writer >= 0) close(writer);
    thread_.join();
  }

  // Waits for a line holding `text` and returns it.
  std::string Await(const std::string& text) {
    MutexLock lock(&mu_);
    std::string found;
    mu_.Await([&]() ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_) {
      for (const std::string& line : lines_) {
        if (absl::StrContains(line, text)) found = line;
      }
      return !found.empty();
    });
    return found;
  }

 private:
  const std::string path_;
  Mutex mu_;
  std::vector<std::string> lines_ ABSL_GUARDED_BY(mu_);
  std::thread thread_;
};

TEST(BackupScheduleE2eTest, ADueBackupIsMadeAtStartLoggedListedAndAudited) {
  TempDir dir;
  const std::string fifo = dir.Sub("stderr.fifo");
  ASSERT_EQ(mkfifo(fifo.c_str(), 0600), 0);
  FifoLines log(fifo);
  ASSERT_OK_AND_ASSIGN(
      std::unique_ptr<RasoatdProcess> server,
      RasoatdProcess::Start(dir.Sub("data"),
                            {"--backup_dir=" + dir.Sub("backups"), "--backup_every=24h"},
                            {"/bin/sh", "-c", absl::StrCat("exec \"$0\" \"$@\" 2>", fifo)}));

  const std::string event = log.Await("\"event\":\"backup\"");
  EXPECT_THAT(event, HasSubstr("\"level\":\"info\""));
  EXPECT_THAT(event, HasSubstr("\"backup_id\":1"));

  std::unique_ptr<v1::AdminService::Stub> admin = server->NewAdminStub();
  grpc::ClientContext list_context;
  v1::ListBackupsResponse listed;
  ASSERT_TRUE(admin->ListBackups(&list_context, v1::ListBackupsRequest(), &listed).ok());
  ASSERT_THAT(listed.backups(), SizeIs(1));
  EXPECT_EQ(listed.backups(0).backup_id(), 1u);

  grpc::ClientContext audit_context;
  v1::ListAuditResponse audit;
  ASSERT_TRUE(admin->ListAudit(&audit_context, v1::ListAuditRequest(), &audit).ok());
  int recorded = 0;
  for (const v1::AuditEntry& entry : audit.entries()) {
    if (entry.action() != v1::AUDIT_ACTION_BACKUP_CREATED) continue;
    ++recorded;
    EXPECT_EQ(entry.actor().login(), "") << entry.DebugString();
  }
  EXPECT_EQ(recorded, 1);
  admin.reset();
  EXPECT_EQ(server->Terminate(), 0);
}

}  // namespace
}  // namespace rasoat::testing
