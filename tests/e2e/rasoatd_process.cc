#include "tests/e2e/rasoatd_process.h"

#include <algorithm>
#include <chrono>
#include <cstring>
#include <future>

#include <grpcpp/create_channel.h>
#include <grpcpp/generic/generic_stub.h>

#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "proto/client/client_channel.h"
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
constexpr absl::string_view kConsolePrefix = "rasoatd: console on ";

// Reads lines from `fd` until one starts with kServingPrefix; returns the address after it.
// Every line read, that one included, is appended to `output`, and what was read after it to
// `rest`.
absl::StatusOr<std::string> AwaitServingLine(int fd, std::string* output, std::string* rest) {
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
      output->append(line).push_back('\n');
      if (absl::StartsWith(line, kServingPrefix)) {
        rest->append(buffer);
        std::string address = line.substr(kServingPrefix.size());
        return address.substr(0, address.find(' '));
      }
    }
  }
}

// Pages of up to 64 MiB, and a fresh connection per stub, so test clients do not share one
// HTTP/2 connection.
grpc::ChannelArguments SyncChannelArguments() {
  grpc::ChannelArguments args;
  args.SetMaxReceiveMessageSize(64 << 20);
  args.SetInt(GRPC_ARG_USE_LOCAL_SUBCHANNEL_POOL, 1);
  return args;
}

}  // namespace

absl::StatusOr<std::unique_ptr<RasoatdProcess>> RasoatdProcess::Start(
    const std::string& data_dir, const std::vector<std::string>& flags,
    const std::vector<std::string>& launcher) {
  std::vector<std::string> args = launcher;
  args.insert(args.end(),
              {RASOATD_PATH, "--listen=127.0.0.1:0", absl::StrCat("--data_dir=", data_dir)});
  // The tests' clients share the admin's token where a fleet would have one per tablet: no rate
  // limit unless a test sets one.
  if (std::none_of(flags.begin(), flags.end(), [](const std::string& flag) {
        return absl::StartsWith(flag, "--token_requests_per_second=");
      })) {
    args.push_back("--token_requests_per_second=0");
  }
  // A free port for the console, so that tests run side by side.
  if (std::none_of(flags.begin(), flags.end(), [](const std::string& flag) {
        return absl::StartsWith(flag, "--http_listen=");
      })) {
    args.push_back("--http_listen=127.0.0.1:0");
  }
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
  const int error = posix_spawn(&process->pid_, argv[0], &actions, nullptr, argv.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  close(pipe_fds[1]);
  process->stdout_fd_ = pipe_fds[0];
  if (error != 0) {
    process->pid_ = -1;
    return absl::InternalError(absl::StrCat("spawn rasoatd: ", std::strerror(error)));
  }
  absl::StatusOr<std::string> address =
      AwaitServingLine(process->stdout_fd_, &process->startup_output_, &process->later_output_);
  if (!address.ok()) return address.status();
  process->address_ = *address;
  // "rasoatd: console on http://127.0.0.1:PORT/", printed before the serving line.
  if (const size_t at = process->startup_output_.find(std::string(kConsolePrefix));
      at != std::string::npos) {
    const size_t end = process->startup_output_.find('\n', at);
    const std::string url = process->startup_output_.substr(at, end - at);
    const size_t colon = url.rfind(':');
    const size_t slash = url.find('/', colon);
    if (!absl::SimpleAtoi(url.substr(colon + 1, slash - colon - 1), &process->http_port_)) {
      return absl::InternalError(absl::StrCat("rasoatd's console line is not a URL: ", url));
    }
  }
  // The first admin's token, written by rasoatd's first start on this data directory.
  absl::StatusOr<std::string> token = ReadTokenFile(absl::StrCat(data_dir, "/admin.token"));
  if (!token.ok()) return token.status();
  process->admin_token_ = *std::move(token);
  return process;
}

RasoatdProcess::~RasoatdProcess() {
  if (pid_ > 0) Kill();
  if (stdout_fd_ >= 0) close(stdout_fd_);
}

std::unique_ptr<v1::SyncService::Stub> RasoatdProcess::NewSyncStub() const {
  return v1::SyncService::NewStub(NewChannel(SyncChannelArguments()));
}

std::unique_ptr<v1::SyncService::Stub> RasoatdProcess::NewConnectedSyncStub() const {
  std::shared_ptr<grpc::Channel> channel = NewChannel(SyncChannelArguments());
  channel->WaitForConnected(std::chrono::system_clock::now() + std::chrono::seconds(30));
  return v1::SyncService::NewStub(std::move(channel));
}

std::unique_ptr<v1::ReviewService::Stub> RasoatdProcess::NewReviewStub() const {
  return v1::ReviewService::NewStub(NewChannel());
}

std::unique_ptr<v1::AdminService::Stub> RasoatdProcess::NewAdminStub() const {
  return v1::AdminService::NewStub(NewChannel());
}

std::shared_ptr<grpc::Channel> RasoatdProcess::NewChannel(
    grpc::ChannelArguments arguments, const std::optional<std::string>& token) const {
  ClientChannelOptions options;
  options.server = address_;
  options.token = token.value_or(admin_token_);
  options.ca_file = ca_file_;
  options.arguments = std::move(arguments);
  // Only a CA file that cannot be read fails, and the tests' own always can.
  return *NewClientChannel(options);
}

absl::StatusOr<std::string> RasoatdProcess::MakeUserToken(
    const std::string& login, v1::Role role, const std::vector<v1::Scope>& scopes) const {
  std::unique_ptr<v1::AdminService::Stub> admin = NewAdminStub();
  v1::CreateUserRequest user;
  user.mutable_user()->set_login(login);
  user.mutable_user()->set_display_name(login);
  user.mutable_user()->set_role(role);
  for (const v1::Scope& scope : scopes) *user.mutable_user()->add_scopes() = scope;
  v1::CreateUserResponse made;
  grpc::ClientContext create;
  const grpc::Status created = admin->CreateUser(&create, user, &made);
  if (!created.ok() && created.error_code() != grpc::StatusCode::ALREADY_EXISTS) {
    return absl::InternalError(absl::StrCat("CreateUser ", login, ": ", created.error_message()));
  }
  v1::CreateTokenRequest request;
  request.set_login(login);
  request.set_label("test");
  v1::CreateTokenResponse token;
  grpc::ClientContext context;
  const grpc::Status status = admin->CreateToken(&context, request, &token);
  if (!status.ok()) {
    return absl::InternalError(absl::StrCat("CreateToken ", login, ": ", status.error_message()));
  }
  return token.token();
}

int RasoatdProcess::HealthStatus() const {
  grpc::GenericStub stub(grpc::CreateChannel(address_, grpc::InsecureChannelCredentials()));
  grpc::ClientContext context;
  context.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(10));
  // HealthCheckRequest with no service named: zero bytes. The answer is field 1, a varint.
  const grpc::Slice empty;
  grpc::ByteBuffer request(&empty, 1);
  grpc::ByteBuffer response;
  std::promise<grpc::Status> done;
  stub.UnaryCall(&context, "/grpc.health.v1.Health/Check", grpc::StubOptions(), &request, &response,
                 [&done](grpc::Status status) { done.set_value(std::move(status)); });
  if (!done.get_future().get().ok()) return -1;
  std::vector<grpc::Slice> slices;
  if (!response.Dump(&slices).ok()) return -1;
  std::string bytes;
  for (const grpc::Slice& slice : slices) {
    bytes.append(reinterpret_cast<const char*>(slice.begin()), slice.size());
  }
  if (bytes.empty()) return 0;  // UNKNOWN, the field's default
  return bytes.size() == 2 && bytes[0] == 0x08 ? bytes[1] : -1;
}

absl::StatusOr<std::string> RasoatdProcess::AwaitOutput(const std::string& needle) {
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
  for (;;) {
    if (const size_t at = later_output_.find(needle); at != std::string::npos) {
      const size_t end = later_output_.find('\n', at);
      if (end != std::string::npos) return later_output_.substr(0, end + 1);
    }
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
        deadline - std::chrono::steady_clock::now());
    if (left.count() <= 0) {
      return absl::UnavailableError(absl::StrCat("rasoatd did not print \"", needle,
                                                 "\" within 60 s; it printed:\n", later_output_));
    }
    pollfd poll_fd{stdout_fd_, POLLIN, 0};
    if (poll(&poll_fd, 1, static_cast<int>(left.count())) <= 0) continue;
    char chunk[512];
    const ssize_t n = read(stdout_fd_, chunk, sizeof chunk);
    if (n <= 0) {
      return absl::UnavailableError(absl::StrCat("rasoatd exited; it printed:\n", later_output_));
    }
    later_output_.append(chunk, static_cast<size_t>(n));
  }
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
