// ConnectionAcceptor is rasoatd's listening socket for gRPC. gRPC 1.51's own listener binds with
// SO_REUSEPORT, so a second rasoatd on the same port starts and the kernel splits the tablets
// between two stores, and after one accept4 fails with "Too many open files" it never accepts
// again. This one binds without SO_REUSEPORT, so a taken port stops rasoatd at start with a
// message naming it. A thread of its own accepts each connection and hands it to the gRPC
// server. While no descriptor below the cap is free it leaves new connections in the kernel's
// queue, and if accept4 runs out of descriptors anyway it sheds that one connection. So a flood
// of connections costs at most the cap, and rasoatd accepts again as soon as the flood ends.
//
// Thread-safety: Listen, Start, Stop and port are called from one thread (main). The accept
// thread is internal, and it stops in Stop or the destructor.
#pragma once

#include <memory>
#include <string>
#include <thread>

#include "absl/status/statusor.h"

namespace grpc::experimental {
class ExternalConnectionAcceptor;
}

namespace rasoat {

struct ConnectionAcceptorOptions {
  // HOST:PORT to listen on: an IPv4 address, [IPv6] or a name. Port 0 picks a free port.
  std::string address;
  // Connections are accepted while a descriptor below this number is free. The kernel gives out
  // the lowest free descriptor first, so this bounds the descriptors connections may hold.
  // Default: none (the soft limit); rasoatd passes MaxConnectionDescriptors.
  int max_descriptor = 1 << 30;
};

class ConnectionAcceptor {
 public:
  // Binds and listens on options.address, without SO_REUSEPORT.
  // Returns INVALID_ARGUMENT if the address is not HOST:PORT or does not resolve,
  // FAILED_PRECONDITION if the port is in use (the message names it),
  // and UNAVAILABLE for any other failure to listen.
  static absl::StatusOr<std::unique_ptr<ConnectionAcceptor>> Listen(
      const ConnectionAcceptorOptions& options);

  ~ConnectionAcceptor();

  // The port listened on (the one picked, for port 0).
  int port() const { return port_; }

  // Starts accepting connections and handing them to `handoff`, which secures them with its
  // credentials (TLS or plaintext) and serves them.
  // REQUIRES: its server was started; `handoff` is not owned and must outlive Stop().
  void Start(grpc::experimental::ExternalConnectionAcceptor* handoff);

  // Stops accepting and joins the accept thread. Connections already handed over stay with the
  // server. Call before the server shuts down.
  void Stop();

 private:
  ConnectionAcceptor(int listen_fd, int port, int max_descriptor);

  // The accept thread.
  void Run(grpc::experimental::ExternalConnectionAcceptor* handoff);
  // True if a descriptor below max_descriptor_ is free.
  bool HasDescriptorToSpare() const;
  // Accepts one waiting connection and closes it at once, with the descriptor kept in reserve.
  void ShedOne();
  // Waits up to `milliseconds` for Stop(); returns true if it came.
  bool StopRequested(int milliseconds) const;

  const int listen_fd_;
  const int port_;
  const int max_descriptor_;
  int reserve_fd_ = -1;         // /dev/null, given up to accept and shed one connection
  int stop_fds_[2] = {-1, -1};  // Stop() writes to [1]; the accept thread polls [0]
  std::thread thread_;
};

}  // namespace rasoat
