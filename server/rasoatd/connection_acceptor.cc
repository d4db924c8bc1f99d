#include "server/rasoatd/connection_acceptor.h"

#include <cerrno>
#include <cstring>
#include <iostream>

#include <grpcpp/server_builder.h>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include <fcntl.h>
#include <netdb.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

namespace rasoat {
namespace {

// How long the accept thread waits before it looks again at a full descriptor table.
constexpr int kFullTableRetryMs = 100;

struct HostPort {
  std::string host;
  std::string port;
};

absl::StatusOr<HostPort> SplitAddress(const std::string& address) {
  const size_t colon = address.rfind(':');
  int port = 0;
  if (colon == std::string::npos || !absl::SimpleAtoi(address.substr(colon + 1), &port) ||
      port < 0 || port > 65535) {
    return absl::InvalidArgumentError(
        absl::StrCat("cannot listen on \"", address, "\": give HOST:PORT, e.g. 127.0.0.1:50051"));
  }
  std::string host = address.substr(0, colon);
  if (host.size() >= 2 && host.front() == '[' && host.back() == ']') {
    host = host.substr(1, host.size() - 2);
  }
  return HostPort{host, address.substr(colon + 1)};
}

// The first address `host` resolves to, IPv4 first (as tablets configured with a name reach
// it), or the wildcard for an empty host.
absl::StatusOr<sockaddr_storage> Resolve(const HostPort& where, socklen_t* length) {
  addrinfo hints{};
  hints.ai_socktype = SOCK_STREAM;
  hints.ai_flags = AI_PASSIVE | AI_NUMERICSERV;
  addrinfo* found = nullptr;
  const int error = getaddrinfo(where.host.empty() ? nullptr : where.host.c_str(),
                                where.port.c_str(), &hints, &found);
  if (error != 0) {
    return absl::InvalidArgumentError(
        absl::StrCat("cannot listen on ", where.host, ":", where.port, ": ", gai_strerror(error)));
  }
  const addrinfo* chosen = found;
  for (const addrinfo* entry = found; entry != nullptr; entry = entry->ai_next) {
    if (entry->ai_family == AF_INET) {
      chosen = entry;
      break;
    }
  }
  sockaddr_storage address{};
  std::memcpy(&address, chosen->ai_addr, chosen->ai_addrlen);
  *length = chosen->ai_addrlen;
  freeaddrinfo(found);
  return address;
}

}  // namespace

absl::StatusOr<std::unique_ptr<ConnectionAcceptor>> ConnectionAcceptor::Listen(
    const ConnectionAcceptorOptions& options) {
  absl::StatusOr<HostPort> where = SplitAddress(options.address);
  if (!where.ok()) return where.status();
  socklen_t length = 0;
  absl::StatusOr<sockaddr_storage> address = Resolve(*where, &length);
  if (!address.ok()) return address.status();

  const int fd = socket(address->ss_family, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
  if (fd < 0) {
    return absl::UnavailableError(
        absl::StrCat("cannot listen on ", options.address, ": ", std::strerror(errno)));
  }
  // SO_REUSEADDR lets a restarted rasoatd bind while its old connections are in TIME_WAIT; it
  // never lets two listeners share a port (that is SO_REUSEPORT, left off).
  const int on = 1;
  setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &on, sizeof on);
  if (address->ss_family == AF_INET6) {
    const int off = 0;  // [::] takes IPv4 tablets too
    setsockopt(fd, IPPROTO_IPV6, IPV6_V6ONLY, &off, sizeof off);
  }
  if (bind(fd, reinterpret_cast<const sockaddr*>(&*address), length) != 0 ||
      listen(fd, SOMAXCONN) != 0) {
    const int error = errno;
    close(fd);
    if (error == EADDRINUSE) {
      return absl::FailedPreconditionError(absl::StrCat(
          "cannot listen on ", options.address, ": port ", where->port,
          " is in use by another process (another rasoatd?); stop it or choose another "
          "--listen"));
    }
    return absl::UnavailableError(
        absl::StrCat("cannot listen on ", options.address, ": ", std::strerror(error)));
  }
  sockaddr_storage bound{};
  socklen_t bound_length = sizeof bound;
  getsockname(fd, reinterpret_cast<sockaddr*>(&bound), &bound_length);
  const int port =
      ntohs(bound.ss_family == AF_INET6 ? reinterpret_cast<const sockaddr_in6*>(&bound)->sin6_port
                                        : reinterpret_cast<const sockaddr_in*>(&bound)->sin_port);
  return std::unique_ptr<ConnectionAcceptor>(
      new ConnectionAcceptor(fd, port, options.max_descriptor));
}

ConnectionAcceptor::ConnectionAcceptor(int listen_fd, int port, int max_descriptor)
    : listen_fd_(listen_fd), port_(port), max_descriptor_(max_descriptor) {
  reserve_fd_ = open("/dev/null", O_RDONLY | O_CLOEXEC);
  pipe2(stop_fds_, O_CLOEXEC);
}

ConnectionAcceptor::~ConnectionAcceptor() {
  Stop();
  for (int fd : {listen_fd_, reserve_fd_, stop_fds_[0], stop_fds_[1]}) {
    if (fd >= 0) close(fd);
  }
}

void ConnectionAcceptor::Start(grpc::experimental::ExternalConnectionAcceptor* handoff) {
  thread_ = std::thread([this, handoff] { Run(handoff); });
}

void ConnectionAcceptor::Stop() {
  if (!thread_.joinable()) return;
  const char byte = 0;
  while (write(stop_fds_[1], &byte, 1) < 0 && errno == EINTR) {
  }
  thread_.join();
}

bool ConnectionAcceptor::HasDescriptorToSpare() const {
  // The lowest free descriptor is what the next accept would get.
  const int probe = fcntl(listen_fd_, F_DUPFD_CLOEXEC, 0);
  if (probe < 0) return false;
  close(probe);
  return probe < max_descriptor_;
}

void ConnectionAcceptor::ShedOne() {
  if (reserve_fd_ >= 0) close(reserve_fd_);
  const int fd = accept4(listen_fd_, nullptr, nullptr, SOCK_CLOEXEC);
  if (fd >= 0) close(fd);
  reserve_fd_ = open("/dev/null", O_RDONLY | O_CLOEXEC);
}

bool ConnectionAcceptor::StopRequested(int milliseconds) const {
  pollfd stop{stop_fds_[0], POLLIN, 0};
  return poll(&stop, 1, milliseconds) > 0;
}

void ConnectionAcceptor::Run(grpc::experimental::ExternalConnectionAcceptor* handoff) {
  bool paused = false;
  for (;;) {
    if (!HasDescriptorToSpare()) {
      if (!paused) {
        std::cout << "rasoatd: every descriptor below " << max_descriptor_
                  << " is in use; new connections wait until some close" << std::endl;
        paused = true;
      }
      if (StopRequested(kFullTableRetryMs)) return;
      continue;
    }
    if (paused) {
      std::cout << "rasoatd: descriptors free again; accepting connections" << std::endl;
      paused = false;
    }
    pollfd fds[2] = {{listen_fd_, POLLIN, 0}, {stop_fds_[0], POLLIN, 0}};
    if (poll(fds, 2, -1) < 0) continue;  // EINTR
    if (fds[1].revents != 0) return;
    const int fd = accept4(listen_fd_, nullptr, nullptr, SOCK_NONBLOCK | SOCK_CLOEXEC);
    if (fd < 0) {
      if (errno == EMFILE || errno == ENFILE) {
        ShedOne();
        if (StopRequested(kFullTableRetryMs)) return;
      } else if (errno == ENOBUFS || errno == ENOMEM) {
        if (StopRequested(kFullTableRetryMs)) return;
      }
      continue;  // EAGAIN, EINTR, ECONNABORTED and the like: the next one
    }
    const int on = 1;  // small replies go out at once, not after a delayed ACK
    setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &on, sizeof on);
    grpc::experimental::ExternalConnectionAcceptor::NewConnectionParameters connection;
    connection.listener_fd = listen_fd_;
    connection.fd = fd;  // the server's from here on
    handoff->HandleNewConnection(&connection);
  }
}

}  // namespace rasoat
