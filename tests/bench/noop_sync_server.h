// NoopSyncServer is the gRPC baseline of the benchmark: a SyncService in this process, on
// loopback, whose Push answers at once without reading the mutations and whose Pull streams
// pages prepared in memory (an empty page for a pull with a cursor). Whatever rasoatd spends
// beyond it is rasoat's own work: decoding, merging, validating, writing, syncing.
//
// Thread-safety: SetPullPages before the pulls it serves; the service itself is thread-safe.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include <grpcpp/grpcpp.h>

#include "absl/status/statusor.h"
#include "rasoat/v1/sync.grpc.pb.h"

namespace rasoat::bench {

class NoopSyncServer {
 public:
  // Listens on 127.0.0.1 at a free port.
  static absl::StatusOr<std::unique_ptr<NoopSyncServer>> Start();
  ~NoopSyncServer();

  const std::string& address() const { return address_; }

  // What a pull without a cursor receives, page by page.
  void SetPullPages(std::vector<v1::PullResponse> pages);

 private:
  class Service;

  NoopSyncServer();

  std::unique_ptr<Service> service_;
  std::unique_ptr<grpc::Server> server_;
  std::string address_;
};

}  // namespace rasoat::bench
