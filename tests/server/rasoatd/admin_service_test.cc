// AdminService on an in-process gRPC server over a real engine, whose SQLite program store the
// test holds locked so that the backlog cannot drain: GetPublishStatus calls waiting for it
// hold no thread — not even when they are served from the very pool pushes run on, a push
// still succeeds — past the cap a wait is refused with RESOURCE_EXHAUSTED, a cancelled wait
// frees its place, and once the store is free every wait is answered.
#include "server/rasoatd/admin_service.h"

#include <chrono>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include <gmock/gmock.h>
#include <grpcpp/grpcpp.h>
#include <gtest/gtest.h>

#include "server/rasoatd/sync_service.h"
#include "server/rasoatd/worker_pool.h"
#include "tests/server/rasoatd/admin_channel.h"
#include "tests/support/engine_fixture.h"
#include "tests/support/households.h"
#include <sqlite3.h>

namespace rasoat::testing {
namespace {

constexpr uint32_t kLongWaitSeconds = 300;

// Holds the write lock of a SQLite file from a connection of its own until destroyed.
class SqliteWriteLock {
 public:
  explicit SqliteWriteLock(const std::string& path) {
    EXPECT_EQ(sqlite3_open(path.c_str(), &db_), SQLITE_OK);
    EXPECT_EQ(sqlite3_exec(db_, "BEGIN EXCLUSIVE", nullptr, nullptr, nullptr), SQLITE_OK)
        << sqlite3_errmsg(db_);
  }
  ~SqliteWriteLock() { Release(); }
  void Release() {
    if (db_ == nullptr) return;
    sqlite3_exec(db_, "COMMIT", nullptr, nullptr, nullptr);
    sqlite3_close(db_);
    db_ = nullptr;
  }

 private:
  sqlite3* db_ = nullptr;
};

// One GetPublishStatus waiting on its own thread.
struct StatusCall {
  grpc::ClientContext context;
  v1::GetPublishStatusResponse response;
  grpc::Status status;
  std::thread thread;
};

class AdminServiceTest : public EngineTest {
 protected:
  void SetUp() override {
    options_.publisher.max_drain_waiters = 4;
    Open();
    gate_ = std::make_unique<CallGate>(&engine_->authenticator(), nullptr);
    sync_ = std::make_unique<SyncServiceImpl>(&engine_->push(), &engine_->pull(), gate_.get(),
                                              &write_pool_, &read_pool_);
    // The admin calls share the pushes' pool here, the worst case: a wait must hold no thread.
    admin_ = std::make_unique<AdminServiceImpl>(&engine_->identity(), &engine_->publisher(),
                                                &engine_->published(), &engine_->audit_service(),
                                                gate_.get(), &write_pool_);
    grpc::ServerBuilder builder;
    int port = 0;
    builder.AddListeningPort("127.0.0.1:0", grpc::InsecureServerCredentials(), &port);
    builder.RegisterService(sync_.get());
    builder.RegisterService(admin_.get());
    server_ = builder.BuildAndStart();
    ASSERT_NE(server_, nullptr);
    auto channel = AdminChannel(*engine_, port);
    sync_stub_ = v1::SyncService::NewStub(channel);
    admin_stub_ = v1::AdminService::NewStub(channel);

    // A recognition the locked store cannot take: the backlog stays at 1.
    lock_ = std::make_unique<SqliteWriteLock>(options_.data_dir + "/program.db");
    ASSERT_TRUE(Push("h1").ok());
    RecogniseOk({"h1"}, 1);
  }

  void TearDown() override {
    lock_.reset();
    server_->Shutdown(std::chrono::system_clock::now());
    server_.reset();
  }

  grpc::Status Push(const std::string& household) {
    v1::PushRequest request =
        PushRequestOf("tab-1", {MakeMutation(household, household, 0, MakeHousehold(1))});
    v1::PushResponse response;
    grpc::ClientContext context;
    context.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(60));
    return sync_stub_->Push(&context, request, &response);
  }

  // Starts a GetPublishStatus that waits up to `seconds` for the backlog to drain.
  void StartWaiting(StatusCall* call, uint32_t seconds = kLongWaitSeconds) {
    call->thread = std::thread([this, call, seconds] {
      v1::GetPublishStatusRequest request;
      request.set_wait_drained_seconds(seconds);
      call->status = admin_stub_->GetPublishStatus(&call->context, request, &call->response);
    });
  }

  // Returns once `count` calls wait in the publisher.
  void AwaitWaiting(size_t count) {
    while (engine_->publisher().waiting_for_drain() != count) std::this_thread::yield();
  }

  WorkerPool write_pool_{2};
  WorkerPool read_pool_{1};
  std::unique_ptr<CallGate> gate_;
  std::unique_ptr<SyncServiceImpl> sync_;
  std::unique_ptr<AdminServiceImpl> admin_;
  std::unique_ptr<grpc::Server> server_;
  std::unique_ptr<v1::SyncService::Stub> sync_stub_;
  std::unique_ptr<v1::AdminService::Stub> admin_stub_;
  std::unique_ptr<SqliteWriteLock> lock_;
};

TEST_F(AdminServiceTest, WaitingStatusCallsHoldNoThreadAPushNeeds) {
  // Twice as many waits as the pool has threads.
  std::vector<StatusCall> calls(4);
  for (StatusCall& call : calls) StartWaiting(&call);
  AwaitWaiting(calls.size());

  const grpc::Status push = Push("h2");
  EXPECT_TRUE(push.ok()) << push.error_code() << ": " << push.error_message();

  lock_->Release();
  for (StatusCall& call : calls) {
    call.thread.join();
    EXPECT_TRUE(call.status.ok()) << call.status.error_message();
    EXPECT_EQ(call.response.backlog(), 0u);
  }
}

TEST_F(AdminServiceTest, PastTheCapAWaitIsRefusedAndACancelledWaitFreesItsPlace) {
  std::vector<StatusCall> calls(4);
  for (StatusCall& call : calls) StartWaiting(&call);
  AwaitWaiting(4);

  StatusCall refused;
  StartWaiting(&refused);
  refused.thread.join();
  EXPECT_EQ(refused.status.error_code(), grpc::StatusCode::RESOURCE_EXHAUSTED);
  EXPECT_THAT(refused.status.error_message(), ::testing::HasSubstr("try again later"));

  // A status that does not wait is answered at once, backlog and all.
  {
    v1::GetPublishStatusResponse now;
    grpc::ClientContext context;
    ASSERT_TRUE(admin_stub_->GetPublishStatus(&context, v1::GetPublishStatusRequest(), &now).ok());
    EXPECT_EQ(now.backlog(), 1u);
  }

  calls[0].context.TryCancel();
  calls[0].thread.join();
  EXPECT_EQ(calls[0].status.error_code(), grpc::StatusCode::CANCELLED);
  AwaitWaiting(3);
  StatusCall again;
  StartWaiting(&again);
  AwaitWaiting(4);

  lock_->Release();
  again.thread.join();
  EXPECT_TRUE(again.status.ok()) << again.status.error_message();
  for (size_t i = 1; i < calls.size(); ++i) {
    calls[i].thread.join();
    EXPECT_TRUE(calls[i].status.ok()) << calls[i].status.error_message();
  }
}

}  // namespace
}  // namespace rasoat::testing
