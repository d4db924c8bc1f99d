// The fixture of the publishing tests end to end: a real rasoatd publishing to a real, throwaway
// PostgreSQL cluster (PublishE2eTest) or to its embedded SQLite store (PublishSqliteE2eTest),
// with helpers to push and approve households h<i>, read the publish status and the store's
// rows through AdminService, and run rasoatctl.
//
// Thread-safety: set up and torn down on the test's thread; the stubs are thread-safe.
#pragma once

#include <cstdio>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include <gmock/gmock.h>
#include <grpcpp/client_context.h>
#include <gtest/gtest.h>

#include "absl/strings/str_cat.h"
#include "tests/e2e/postgres_cluster.h"
#include "tests/e2e/procedure_client.h"
#include "tests/e2e/sync_client.h"
#include "tests/e2e/sync_e2e_fixture.h"
#include "tests/support/households.h"
#include "tests/support/status_matchers.h"
#include "tests/support/versioned_mutations.h"

namespace rasoat::testing {

inline constexpr char kCommune[] = "00001";

class PublishE2eTest : public SyncE2eTest {
 protected:
  void SetUp() override {
    ASSERT_OK_AND_ASSIGN(postgres_, PostgresCluster::Create(dir_.Sub("pg")));
    StartPublishing();
  }

  // Starts rasoatd publishing to the cluster, or, without one, to its SQLite program store;
  // `flags` are added to the command line.
  void StartPublishing(std::vector<std::string> flags = {}) {
    flags.push_back("--publish_max_backoff_ms=200");
    if (postgres_ != nullptr) flags.push_back("--program_store=" + postgres_->uri());
    ASSERT_NO_FATAL_FAILURE(StartServer(flags));
    review_ = server_->NewReviewStub();
    admin_ = server_->NewAdminStub();
  }

  // Pushes households h<first>.. as version `version` and takes them through the procedure to
  // their recognition, which publishes them.
  void PushAndRecognise(int first, int count, uint64_t version) {
    std::vector<HouseholdAt> households;
    for (int start = first; start < first + count; start += 100) {
      std::vector<v1::Mutation> mutations =
          VersionedMutations(start, std::min(first + count, start + 100), version);
      ASSERT_TRUE(Push(stub_.get(), "tab-1", mutations).ok());
    }
    for (int i = first; i < first + count; ++i) {
      households.push_back({absl::StrCat("h", i), version});
    }
    ASSERT_OK(TakeThroughProcedure(review_.get(), "thon-1", households));
  }

  v1::GetPublishStatusResponse PublishStatus(uint32_t wait_drained_seconds = 0) {
    v1::GetPublishStatusRequest request;
    request.set_wait_drained_seconds(wait_drained_seconds);
    v1::GetPublishStatusResponse response;
    grpc::ClientContext context;
    const grpc::Status status = admin_->GetPublishStatus(&context, request, &response);
    EXPECT_TRUE(status.ok()) << status.error_message();
    return response;
  }

  // The store's rows of the commune, by household id: each household at most once.
  std::map<std::string, v1::PublishedHousehold> Published() {
    std::map<std::string, v1::PublishedHousehold> rows;
    v1::ListPublishedRequest request;
    request.set_round_id("2026");
    request.set_commune_code(kCommune);
    do {
      v1::ListPublishedResponse page;
      grpc::ClientContext context;
      const grpc::Status status = admin_->ListPublished(&context, request, &page);
      EXPECT_TRUE(status.ok()) << status.error_message();
      if (!status.ok()) break;
      for (const v1::PublishedHousehold& row : page.households()) {
        EXPECT_TRUE(rows.emplace(row.household_id(), row).second) << row.household_id();
      }
      request.set_page_token(page.next_page_token());
    } while (!request.page_token().empty());
    return rows;
  }

  // Every household h<i> for i < count at `expected(i)`.
  void ExpectPublished(int count, const std::function<uint64_t(int)>& expected) {
    const std::map<std::string, v1::PublishedHousehold> rows = Published();
    ASSERT_THAT(rows, ::testing::SizeIs(count));
    for (int i = 0; i < count; ++i) {
      const v1::PublishedHousehold& row = rows.at(absl::StrCat("h", i));
      EXPECT_EQ(row.approved_version(), expected(i)) << i;
      EXPECT_EQ(row.record().collaborator_note(), absl::StrCat("phiên bản ", expected(i))) << i;
    }
  }

  // rasoatctl's stdout for `args`, which must exit 0.
  std::string Rasoatctl(const std::string& args) {
    const std::string command =
        absl::StrCat(RASOATCTL_PATH, " --server=", server_->address(),
                     " --token_file=", dir_.Sub("data"), "/admin.token ", args);
    FILE* pipe = popen(command.c_str(), "r");
    EXPECT_NE(pipe, nullptr);
    if (pipe == nullptr) return "";
    std::string out;
    char buffer[4096];
    for (size_t n; (n = fread(buffer, 1, sizeof buffer, pipe)) > 0;) out.append(buffer, n);
    EXPECT_EQ(pclose(pipe), 0) << command;
    return out;
  }

  void StopAll() {
    review_.reset();
    admin_.reset();
    StopServer();
  }

  std::unique_ptr<PostgresCluster> postgres_;
  std::unique_ptr<v1::ReviewService::Stub> review_;
  std::unique_ptr<v1::AdminService::Stub> admin_;
};

// The same against rasoatd's embedded SQLite program store (program.db in its data directory).
class PublishSqliteE2eTest : public PublishE2eTest {
 protected:
  void SetUp() override { StartPublishing(); }
};

}  // namespace rasoat::testing
