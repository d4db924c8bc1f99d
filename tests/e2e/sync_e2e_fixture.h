// A fixture with a real rasoatd on loopback over a fresh data directory, and a stub to it.
//
// Thread-safety: the fixture is set up and torn down on the test's thread; the stub is
// thread-safe, and tests make one per thread with server_->NewSyncStub().
#pragma once

#include <memory>

#include <gtest/gtest.h>

#include "tests/e2e/rasoatd_process.h"
#include "tests/support/temp_dir.h"

namespace rasoat::testing {

class SyncE2eTest : public ::testing::Test {
 protected:
  void SetUp() override { StartServer(); }

  void StartServer(const std::vector<std::string>& flags = {}) {
    absl::StatusOr<std::unique_ptr<RasoatdProcess>> server =
        RasoatdProcess::Start(dir_.Sub("data"), flags);
    ASSERT_TRUE(server.ok()) << server.status();
    server_ = std::move(*server);
    stub_ = server_->NewSyncStub();
  }

  // SIGTERM, and the exit code must say a clean stop. Our connection closes first, so the
  // server does not wait for it.
  void StopServer() {
    stub_.reset();
    ASSERT_EQ(server_->Terminate(), 0);
    server_.reset();
  }

  TempDir dir_;
  std::unique_ptr<RasoatdProcess> server_;
  std::unique_ptr<v1::SyncService::Stub> stub_;
};

}  // namespace rasoat::testing
