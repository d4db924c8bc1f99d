// rasoatd on an operator's bad day: a port already taken, a data directory others can read, a
// low limit on open files, and a flood of connections that never send anything.
#include <chrono>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "tests/e2e/program_run.h"
#include "tests/e2e/rasoatd_process.h"
#include "tests/e2e/sync_client.h"
#include "tests/support/households.h"
#include "tests/support/status_matchers.h"
#include "tests/support/temp_dir.h"
#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <unistd.h>

namespace rasoat::testing {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

int PortOf(const RasoatdProcess& server) {
  return std::stoi(server.address().substr(server.address().rfind(':') + 1));
}

// Opens a TCP connection to 127.0.0.1:port without waiting for the handshake; -1 if the
// socket could not be made.
int ConnectWithoutWaiting(int port) {
  const int fd = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
  if (fd < 0) return -1;
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_port = htons(static_cast<uint16_t>(port));
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  connect(fd, reinterpret_cast<const sockaddr*>(&address), sizeof address);  // EINPROGRESS
  return fd;
}

int OpenDescriptors(pid_t pid) {
  int count = 0;
  std::error_code error;
  for (std::filesystem::directory_iterator it(absl::StrCat("/proc/", pid, "/fd"), error), end;
       !error && it != end; it.increment(error)) {
    ++count;
  }
  return count;
}

mode_t ModeOf(const std::string& path) {
  struct stat status {};
  stat(path.c_str(), &status);
  return status.st_mode & 07777;
}

// The line of /proc/PID/limits about open files: "Max open files  SOFT  HARD  files".
std::string OpenFilesLimitLine(pid_t pid) {
  std::ifstream limits(absl::StrCat("/proc/", pid, "/limits"));
  for (std::string line; std::getline(limits, line);) {
    if (line.rfind("Max open files", 0) == 0) return line;
  }
  return "";
}

absl::StatusOr<v1::PushResponse> PushOne(const RasoatdProcess& server,
                                         const std::string& household_id) {
  return Push(server.NewSyncStub().get(), "tab-1",
              {MakeMutation(household_id, absl::StrCat("m-", household_id), 0, MakeHousehold(1))});
}

TEST(HostileE2eTest, ASecondRasoatdOnATakenPortRefusesToStartNamingThePort) {
  TempDir dir;
  ASSERT_OK_AND_ASSIGN(std::unique_ptr<RasoatdProcess> first,
                       RasoatdProcess::Start(dir.Sub("first")));
  const int port = PortOf(*first);

  // Before, the second one served beside the first, so `timeout` ended it (exit 124).
  const ProgramResult second =
      RunProgram({"/usr/bin/timeout", "30", RASOATD_PATH, absl::StrCat("--listen=127.0.0.1:", port),
                  absl::StrCat("--data_dir=", dir.Sub("second"))});
  EXPECT_EQ(second.exit_code, 1) << second;
  EXPECT_THAT(second.err, HasSubstr(absl::StrCat("port ", port, " is in use"))) << second;

  ASSERT_OK_AND_ASSIGN(v1::PushResponse push, PushOne(*first, "h1"));
  EXPECT_EQ(push.results(0).outcome(), v1::MUTATION_OUTCOME_APPLIED);
}

TEST(HostileE2eTest, WhatRasoatdWritesIsReadableByItsUserOnly) {
  TempDir dir;
  const mode_t before = umask(022);  // the usual umask, under which files come out 0644
  absl::StatusOr<std::unique_ptr<RasoatdProcess>> server = RasoatdProcess::Start(dir.Sub("data"));
  umask(before);
  ASSERT_OK(server.status());
  ASSERT_OK(PushOne(**server, "h1"));
  ASSERT_EQ((*server)->Terminate(), 0);

  EXPECT_EQ(ModeOf(dir.Sub("data")), 0700u);
  int files = 0;
  for (const auto& entry : std::filesystem::recursive_directory_iterator(dir.Sub("data"))) {
    ++files;
    EXPECT_EQ(ModeOf(entry.path()) & 077, 0u)
        << entry.path() << absl::StrFormat(" is mode %04o", ModeOf(entry.path()));
  }
  EXPECT_GT(files, 3);  // the WAL, the manifest, the LOG, program.db
}

TEST(HostileE2eTest, AnExposedDataDirectoryOrProgramStoreIsWarnedAboutAtStart) {
  TempDir dir;
  const std::string data = dir.Sub("data");
  ASSERT_EQ(mkdir(data.c_str(), 0755), 0);
  chmod(data.c_str(), 0755);
  const std::string program_db = dir.Sub("data/program.db");
  std::ofstream(program_db).close();  // an empty file is an empty SQLite database
  chmod(program_db.c_str(), 0604);

  ASSERT_OK_AND_ASSIGN(std::unique_ptr<RasoatdProcess> server, RasoatdProcess::Start(data));
  EXPECT_THAT(server->startup_output(),
              HasSubstr(absl::StrCat("warning: data directory ", data, " is mode 0755")));
  EXPECT_THAT(server->startup_output(), HasSubstr(absl::StrCat("chmod 700 ", data)));
  EXPECT_THAT(server->startup_output(),
              HasSubstr(absl::StrCat("warning: program store ", program_db, " is mode 0604")));
}

TEST(HostileE2eTest, APrivateDataDirectoryIsNotWarnedAbout) {
  TempDir dir;
  ASSERT_OK_AND_ASSIGN(std::unique_ptr<RasoatdProcess> server,
                       RasoatdProcess::Start(dir.Sub("data")));
  ASSERT_EQ(server->Terminate(), 0);
  ASSERT_OK_AND_ASSIGN(server, RasoatdProcess::Start(dir.Sub("data")));
  EXPECT_THAT(server->startup_output(), Not(HasSubstr("warning")));
}

TEST(HostileE2eTest, TheSoftLimitOnOpenFilesIsRaisedToTheHardOneAndBothAreLogged) {
  TempDir dir;
  ASSERT_OK_AND_ASSIGN(
      std::unique_ptr<RasoatdProcess> server,
      RasoatdProcess::Start(dir.Sub("data"), {}, {"/usr/bin/prlimit", "--nofile=256:2048"}));
  EXPECT_THAT(server->startup_output(),
              HasSubstr("open files: soft limit 2048 (was 256), hard limit 2048"));
  EXPECT_THAT(OpenFilesLimitLine(server->pid()), ::testing::ContainsRegex("2048 +2048"));
}

TEST(HostileE2eTest, AnIdleConnectionIsClosedByTheServer) {
  TempDir dir;
  ASSERT_OK_AND_ASSIGN(std::unique_ptr<RasoatdProcess> server,
                       RasoatdProcess::Start(dir.Sub("data"), {"--max_connection_idle_seconds=1"}));
  const int fd = ConnectWithoutWaiting(PortOf(*server));
  ASSERT_GE(fd, 0);
  // The server says GOAWAY and closes; before, the connection stayed open for ever.
  bool closed = false;
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(30);
  while (!closed && std::chrono::steady_clock::now() < deadline) {
    pollfd readable{fd, POLLIN, 0};
    if (poll(&readable, 1, 1000) <= 0) continue;
    char bytes[256];
    const ssize_t n = read(fd, bytes, sizeof bytes);
    closed = n == 0 || (n < 0 && errno != EAGAIN && errno != EINTR);
  }
  close(fd);
  EXPECT_TRUE(closed) << "the idle connection was still open after 30 s";
}

TEST(HostileE2eTest, AfterAFloodOfIdleConnectionsEndsAPushSucceedsWithoutARestart) {
  // This process holds the flood's sockets: let it open them.
  rlimit own{};
  getrlimit(RLIMIT_NOFILE, &own);
  own.rlim_cur = own.rlim_max;
  setrlimit(RLIMIT_NOFILE, &own);
  ASSERT_GE(own.rlim_cur, 700u) << "this test needs 700 descriptors of its own";

  TempDir dir;
  ASSERT_OK_AND_ASSIGN(
      std::unique_ptr<RasoatdProcess> server,
      RasoatdProcess::Start(dir.Sub("data"), {}, {"/usr/bin/prlimit", "--nofile=256:256"}));
  ASSERT_OK(PushOne(*server, "before"));

  std::vector<int> flood;
  for (int i = 0; i < 600; ++i) flood.push_back(ConnectWithoutWaiting(PortOf(*server)));
  // The flood has taken what rasoatd allows connections (before: every descriptor it had).
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(30);
  while (OpenDescriptors(server->pid()) < 190 && std::chrono::steady_clock::now() < deadline) {
    pollfd none{};
    poll(&none, 0, 10);
  }
  ASSERT_GE(OpenDescriptors(server->pid()), 190);
  for (int fd : flood) close(fd);

  ASSERT_OK_AND_ASSIGN(v1::PushResponse push, PushOne(*server, "after"));
  EXPECT_EQ(push.results(0).outcome(), v1::MUTATION_OUTCOME_APPLIED);
}

}  // namespace
}  // namespace rasoat::testing
