// rasoatd's services on an in-process gRPC server over a real engine: a reaction never blocks.
// With the read pool held up, a push still completes (it runs on the write pool) while a pull
// and a household's history wait, since their reads run on the read pool and never on gRPC's
// callback threads; once the pool is free they complete.
#include <chrono>
#include <future>
#include <memory>

#include <gmock/gmock.h>
#include <grpcpp/grpcpp.h>
#include <gtest/gtest.h>

#include "server/rasoatd/review_service.h"
#include "server/rasoatd/sync_service.h"
#include "server/rasoatd/worker_pool.h"
#include "tests/server/rasoatd/admin_channel.h"
#include "tests/support/engine_fixture.h"
#include "tests/support/households.h"

namespace rasoat::testing {
namespace {

class ServicesTest : public EngineTest {
 protected:
  void SetUp() override {
    Open();
    gate_ = std::make_unique<CallGate>(&engine_->authenticator(), nullptr);
    sync_ = std::make_unique<SyncServiceImpl>(&engine_->push(), &engine_->pull(), gate_.get(),
                                              &write_pool_, &read_pool_, &push_bytes_);
    review_ = std::make_unique<ReviewServiceImpl>(&engine_->review(), gate_.get(), &write_pool_,
                                                  &read_pool_);
    grpc::ServerBuilder builder;
    int port = 0;
    builder.AddListeningPort("127.0.0.1:0", grpc::InsecureServerCredentials(), &port);
    builder.RegisterService(sync_.get());
    builder.RegisterService(review_.get());
    server_ = builder.BuildAndStart();
    ASSERT_NE(server_, nullptr);
    auto channel = AdminChannel(*engine_, port);
    sync_stub_ = v1::SyncService::NewStub(channel);
    review_stub_ = v1::ReviewService::NewStub(channel);
  }

  void TearDown() override {
    server_->Shutdown(std::chrono::system_clock::now());
    server_.reset();
  }

  // Holds the read pool's only worker until the returned promise is set.
  std::promise<void> HoldReadPool() {
    std::promise<void> release;
    std::promise<void> held;
    read_pool_.Schedule([&held, wait = release.get_future().share()] {
      held.set_value();
      wait.wait();
    });
    held.get_future().wait();
    return release;
  }

  grpc::Status PushOne(const std::string& household) {
    v1::PushRequest request =
        PushRequestOf("tab-1", {MakeMutation(household, household, 0, MakeHousehold(1))});
    v1::PushResponse response;
    grpc::ClientContext context;
    return sync_stub_->Push(&context, request, &response);
  }

  // A pull of commune 00001 with `deadline`; the households it received.
  grpc::Status Pull(std::chrono::milliseconds deadline, int* households) {
    v1::PullRequest request;
    request.set_round_id("2026");
    *request.add_scopes() = ScopeOf("00001");
    grpc::ClientContext context;
    context.set_deadline(std::chrono::system_clock::now() + deadline);
    std::unique_ptr<grpc::ClientReader<v1::PullResponse>> reader =
        sync_stub_->Pull(&context, request);
    *households = 0;
    for (v1::PullResponse page; reader->Read(&page);) *households += page.households_size();
    return reader->Finish();
  }

  grpc::Status GetHousehold(std::chrono::milliseconds deadline) {
    v1::GetHouseholdRequest request;
    *request.mutable_key() = KeyOf("h1");
    v1::GetHouseholdResponse response;
    grpc::ClientContext context;
    context.set_deadline(std::chrono::system_clock::now() + deadline);
    return review_stub_->GetHousehold(&context, request, &response);
  }

  ByteBudget push_bytes_{1 << 20};
  WorkerPool write_pool_{2};
  WorkerPool read_pool_{1};
  std::unique_ptr<CallGate> gate_;
  std::unique_ptr<SyncServiceImpl> sync_;
  std::unique_ptr<ReviewServiceImpl> review_;
  std::unique_ptr<grpc::Server> server_;
  std::unique_ptr<v1::SyncService::Stub> sync_stub_;
  std::unique_ptr<v1::ReviewService::Stub> review_stub_;
};

TEST_F(ServicesTest, PullsAndHistoriesAreReadOnTheReadPoolNeverOnGrpcsThreads) {
  ASSERT_TRUE(PushOne("h1").ok());
  std::promise<void> release = HoldReadPool();

  // The write pool is free: a push completes while every read waits for the read pool.
  const grpc::Status push = PushOne("h2");
  EXPECT_TRUE(push.ok()) << push.error_message();
  int households = -1;
  EXPECT_EQ(Pull(std::chrono::milliseconds(300), &households).error_code(),
            grpc::StatusCode::DEADLINE_EXCEEDED)
      << "the pull was answered without the read pool: its pages are read on gRPC's threads";
  EXPECT_EQ(GetHousehold(std::chrono::milliseconds(300)).error_code(),
            grpc::StatusCode::DEADLINE_EXCEEDED)
      << "GetHousehold was answered without the read pool: it runs on gRPC's threads";

  release.set_value();
  const grpc::Status pull = Pull(std::chrono::seconds(60), &households);
  EXPECT_TRUE(pull.ok()) << pull.error_message();
  EXPECT_EQ(households, 2);
  EXPECT_TRUE(GetHousehold(std::chrono::seconds(60)).ok());
}

TEST_F(ServicesTest, APullPagesThroughManyHouseholdsFromThePool) {
  for (int i = 0; i < 30; ++i) ASSERT_TRUE(PushOne("h" + std::to_string(i)).ok());
  v1::PullRequest request;
  request.set_round_id("2026");
  *request.add_scopes() = ScopeOf("00001");
  request.set_page_size(4);
  grpc::ClientContext context;
  std::unique_ptr<grpc::ClientReader<v1::PullResponse>> reader =
      sync_stub_->Pull(&context, request);
  int pages = 0;
  int households = 0;
  bool caught_up = false;
  for (v1::PullResponse page; reader->Read(&page);) {
    ++pages;
    households += page.households_size();
    caught_up = page.caught_up();
  }
  EXPECT_TRUE(reader->Finish().ok());
  EXPECT_EQ(households, 30);
  EXPECT_EQ(pages, 8);  // 7 full pages of 4 and the last of 2
  EXPECT_TRUE(caught_up);
}

TEST_F(ServicesTest, APullTheClientCancelsMidStreamEndsAndTheNextPullIsWhole) {
  // A client that goes away must end the call whatever is in flight (a page being sent, or
  // read on the pool), and leave nothing behind (ASan's leak check sees a reactor that never
  // deleted itself).
  for (int i = 0; i < 30; ++i) ASSERT_TRUE(PushOne("h" + std::to_string(i)).ok());
  v1::PullRequest request;
  request.set_round_id("2026");
  *request.add_scopes() = ScopeOf("00001");
  request.set_page_size(2);
  for (int attempt = 0; attempt < 20; ++attempt) {
    grpc::ClientContext context;
    std::unique_ptr<grpc::ClientReader<v1::PullResponse>> reader =
        sync_stub_->Pull(&context, request);
    v1::PullResponse page;
    ASSERT_TRUE(reader->Read(&page));
    EXPECT_EQ(page.households_size(), 2);
    context.TryCancel();
    while (reader->Read(&page)) {
    }
    EXPECT_EQ(reader->Finish().error_code(), grpc::StatusCode::CANCELLED);
  }
  int households = 0;
  const grpc::Status pull = Pull(std::chrono::seconds(60), &households);
  EXPECT_TRUE(pull.ok()) << pull.error_message();
  EXPECT_EQ(households, 30);
}

TEST_F(ServicesTest, ABadPullIsRefusedWithTheSyncStatus) {
  v1::PullRequest request;
  request.set_round_id("1999");
  grpc::ClientContext context;
  std::unique_ptr<grpc::ClientReader<v1::PullResponse>> reader =
      sync_stub_->Pull(&context, request);
  v1::PullResponse page;
  EXPECT_FALSE(reader->Read(&page));
  const grpc::Status status = reader->Finish();
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_NE(status.error_message().find("round_id: unknown round '1999'"), std::string::npos)
      << status.error_message();
}

TEST_F(ServicesTest, APushThatDoesNotFitBesideThoseBeingAppliedIsRefusedAndStoresNothing) {
  constexpr size_t kApplied = (1 << 20) - 100;  // as if other pushes were being applied
  ASSERT_TRUE(push_bytes_.TryTake(kApplied));
  const grpc::Status refused = PushOne("h1");
  EXPECT_EQ(refused.error_code(), grpc::StatusCode::RESOURCE_EXHAUSTED);
  EXPECT_THAT(refused.error_message(), ::testing::HasSubstr("send this push again"));
  EXPECT_EQ(push_bytes_.taken(), kApplied);

  push_bytes_.Give(kApplied);
  v1::PushRequest request = PushRequestOf("tab-1", {MakeMutation("h1", "h1", 0, MakeHousehold(1))});
  v1::PushResponse response;
  grpc::ClientContext context;
  ASSERT_TRUE(sync_stub_->Push(&context, request, &response).ok());
  EXPECT_EQ(response.results(0).outcome(), v1::MUTATION_OUTCOME_APPLIED);  // not a duplicate
  EXPECT_EQ(push_bytes_.taken(), 0u);  // given back before the answer
}

}  // namespace
}  // namespace rasoat::testing
