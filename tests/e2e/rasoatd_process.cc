#include "tests/e2e/rasoatd_process.h"

#include <chrono>
#include <cstring>

#include <grpcpp/create_channel.h>

#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

extern char** environ;

namespace rasoat::testing {
namespace {

constexpr absl::string_view kServingPrefix = "rasoatd: serving on ";

// Reads lines from `fd` until one starts with kServingPrefix; returns the address after it.
absl::StatusOr<std::string> AwaitServingLine(int fd) {
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(30);
  std::string buffer;
  for (;;) {
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
        deadline - std::chrono::steady_clock::now());
    if (left.count() <= 0) return absl::UnavailableError("rasoatd did not start within 30 s");
    pollfd poll_fd{fd, POLLIN, 0};
    if (poll(&poll_fd, 1, static_cast<int>(left.count())) <= 0) continue;
    char chunk[512];
    const ssize_t n = read(fd, chunk, sizeof chunk);
    if (n <= 0) return absl::UnavailableError("rasoatd exited before serving");
    buffer.append(chunk, static_cast<size_t>(n));
    size_t newline;
    while ((newline = buffer.find('\n')) != std::string::npos) {
      std::string line = buffer.substr(0, newline);
      buffer.erase(0, newline + 1);
      if (absl::StartsWith(line, kServingPrefix)) {
        std::string rest = line.substr(kServingPrefix.size());
        return rest.substr(0, rest.find(' '));
      }
    }
  }
}

}  // namespace

absl::StatusOr<std::unique_ptr<RasoatdProcess>> RasoatdProcess::Start(
    const std::string& data_dir, const std::vector<std::string>& flags) {
  std::vector<std::string> args = {RASOATD_PATH, "--listen=127.0.0.1:0",
                                   absl::StrCat("--data_dir=", data_dir)};
  args.insert(args.end(), flags.begin(), flags.end());
  std::vector<char*> argv;
  for (std::string& arg : args) argv.push_back(arg.data());
  argv.push_back(nullptr);

  int pipe_fds[2];
  if (pipe2(pipe_fds, O_CLOEXEC) != 0) return absl::InternalError("pipe failed");
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_adddup2(&actions, pipe_fds[1], STDOUT_FILENO);
  std::unique_ptr<RasoatdProcess> process(new RasoatdProcess());
  const int error =
      posix_spawn(&process->pid_, RASOATD_PATH, &actions, nullptr, argv.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  close(pipe_fds[1]);
  process->stdout_fd_ = pipe_fds[0];
  if (error != 0) {
    process->pid_ = -1;
    return absl::InternalError(absl::StrCat("spawn rasoatd: ", std::strerror(error)));
  }
  absl::StatusOr<std::string> address = AwaitServingLine(process->stdout_fd_);
  if (!address.ok()) return address.status();
  process->address_ = *address;
  return process;
}

RasoatdProcess::~RasoatdProcess() {
  if (pid_ > 0) Kill();
  if (stdout_fd_ >= 0) close(stdout_fd_);
}

std::unique_ptr<v1::SyncService::Stub> RasoatdProcess::NewSyncStub() const {
  grpc::ChannelArguments args;
  args.SetMaxReceiveMessageSize(64 << 20);
  // A fresh connection per stub, so test clients do not share one HTTP/2 connection.
  args.SetInt(GRPC_ARG_USE_LOCAL_SUBCHANNEL_POOL, 1);
  return v1::SyncService::NewStub(
      grpc::CreateCustomChannel(address_, grpc::InsecureChannelCredentials(), args));
}

std::unique_ptr<v1::ReviewService::Stub> RasoatdProcess::NewReviewStub() const {
  return v1::ReviewService::NewStub(
      grpc::CreateChannel(address_, grpc::InsecureChannelCredentials()));
}

std::unique_ptr<v1::AdminService::Stub> RasoatdProcess::NewAdminStub() const {
  return v1::AdminService::NewStub(
      grpc::CreateChannel(address_, grpc::InsecureChannelCredentials()));
}

int RasoatdProcess::Wait() {
  int status = 0;
  while (waitpid(pid_, &status, 0) < 0 && errno == EINTR) {
  }
  pid_ = -1;
  if (WIFEXITED(status)) return WEXITSTATUS(status);
  return WIFSIGNALED(status) ? -WTERMSIG(status) : -1;
}

void RasoatdProcess::Signal(int signal) { kill(pid_, signal); }

int RasoatdProcess::Terminate() {
  kill(pid_, SIGTERM);
  return Wait();
}

void RasoatdProcess::Kill() {
  kill(pid_, SIGKILL);
  Wait();
}

}  // namespace rasoat::testing
