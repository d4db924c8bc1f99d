// For the in-process tests of rasoatd's services: the engine's first admin, made as rasoatd's
// first start makes it, and a channel to the test's server that presents its token.
//
// Thread-safety: call from the test's thread.
#pragma once

#include <memory>
#include <string>
#include <string_view>

#include <grpcpp/channel.h>

#include "proto/client/client_channel.h"
#include "sync/engine.h"
#include "tests/support/status_matchers.h"

namespace rasoat::testing {

// Bootstraps `engine`'s admin and returns a channel to 127.0.0.1:`port` with its token.
inline std::shared_ptr<grpc::Channel> AdminChannel(Engine& engine, int port) {
  std::string token;
  EXPECT_OK(engine.identity().BootstrapAdmin([&token](std::string_view made) {
    token = std::string(made);
    return absl::OkStatus();
  }));
  ClientChannelOptions options;
  options.server = "127.0.0.1:" + std::to_string(port);
  options.token = token;
  return *NewClientChannel(options);
}

}  // namespace rasoat::testing
