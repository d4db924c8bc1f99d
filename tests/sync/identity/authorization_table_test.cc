// The authorization table: every method of every service rasoatd serves has an entry (a new rpc
// without one fails here, and at run time is refused), every entry names a method that exists,
// and the role check refuses what a role may not call.
#include "sync/identity/authorization_table.h"

#include <set>
#include <string>

#include <gmock/gmock.h>
#include <google/protobuf/descriptor.h>
#include <gtest/gtest.h>

#include "rasoat/v1/admin.pb.h"
#include "rasoat/v1/report.pb.h"
#include "rasoat/v1/review.pb.h"
#include "rasoat/v1/sync.pb.h"
#include "tests/support/status_matchers.h"

namespace rasoat::identity {
namespace {

using ::rasoat::testing::StatusIs;
using ::testing::HasSubstr;
using ::testing::IsEmpty;

// Every method of every service in the files of rasoat's wire contract, as gRPC names it.
std::set<std::string> ContractMethods() {
  std::set<std::string> methods;
  for (const google::protobuf::FileDescriptor* file :
       {v1::PushRequest::descriptor()->file(), v1::ListQueueRequest::descriptor()->file(),
        v1::GetPublishStatusRequest::descriptor()->file(),
        v1::CommuneReportRequest::descriptor()->file()}) {
    for (int s = 0; s < file->service_count(); ++s) {
      const google::protobuf::ServiceDescriptor* service = file->service(s);
      for (int m = 0; m < service->method_count(); ++m) {
        methods.insert("/" + service->full_name() + "/" + service->method(m)->name());
      }
    }
  }
  return methods;
}

// The standard services rasoatd also serves, which are not in the contract's files.
const std::set<std::string> kStandardMethods = {
    "/grpc.health.v1.Health/Check",
    "/grpc.health.v1.Health/Watch",
    "/grpc.reflection.v1alpha.ServerReflection/ServerReflectionInfo",
};

TEST(AuthorizationTableTest, EveryMethodOfEveryServiceHasAnEntry) {
  const std::set<std::string> methods = ContractMethods();
  ASSERT_GE(methods.size(), 33u);  // Sync 2, Review 11, Report 3, Admin 17, and more to come
  std::set<std::string> missing;
  for (const std::string& method : methods) {
    if (FindMethodRule(method) == nullptr) missing.insert(method);
  }
  for (const std::string& method : kStandardMethods) {
    if (FindMethodRule(method) == nullptr) missing.insert(method);
  }
  EXPECT_THAT(missing, IsEmpty());
}

TEST(AuthorizationTableTest, EveryEntryNamesAServedMethodOnceInOrder) {
  std::set<std::string> served = ContractMethods();
  served.insert(kStandardMethods.begin(), kStandardMethods.end());
  std::string previous;
  for (const MethodRule& rule : AuthorizationTable()) {
    EXPECT_TRUE(served.count(std::string(rule.method))) << rule.method;
    EXPECT_LT(previous, std::string(rule.method)) << "not sorted, or twice: " << rule.method;
    previous = std::string(rule.method);
    if (rule.scope != ScopeRule::kOpen) {
      EXPECT_NE(rule.roles & RoleBit(v1::ROLE_ADMIN), 0u) << "admins may do everything";
    }
  }
}

TEST(AuthorizationTableTest, OnlyHealthReflectionAndLoginAreOpen) {
  std::set<std::string> open;
  for (const MethodRule& rule : AuthorizationTable()) {
    if (rule.scope == ScopeRule::kOpen) open.insert(std::string(rule.method));
  }
  std::set<std::string> expected = kStandardMethods;
  expected.insert("/rasoat.v1.AdminService/Login");
  EXPECT_EQ(open, expected);
}

TEST(AuthorizationTableTest, ARoleIsRefusedWhatItMayNotCallAndNamedInTheMessage) {
  Principal collaborator;
  collaborator.login = "ctv.hoa";
  collaborator.role = v1::ROLE_COLLABORATOR;
  Principal reviewer = collaborator;
  reviewer.role = v1::ROLE_REVIEWER;
  Principal none = collaborator;
  none.role = v1::ROLE_UNSPECIFIED;

  const MethodRule* approve = FindMethodRule("/rasoat.v1.ReviewService/Approve");
  const MethodRule* push = FindMethodRule("/rasoat.v1.SyncService/Push");
  const MethodRule* users = FindMethodRule("/rasoat.v1.AdminService/CreateUser");
  ASSERT_NE(approve, nullptr);
  ASSERT_NE(push, nullptr);
  ASSERT_NE(users, nullptr);
  EXPECT_THAT(AuthorizeRole(*approve, collaborator),
              StatusIs(absl::StatusCode::kPermissionDenied,
                       "a collaborator may not call ReviewService/Approve"));
  EXPECT_OK(AuthorizeRole(*approve, reviewer));
  EXPECT_OK(AuthorizeRole(*push, collaborator));
  EXPECT_THAT(AuthorizeRole(*push, reviewer),
              StatusIs(absl::StatusCode::kPermissionDenied, HasSubstr("SyncService/Push")));
  EXPECT_THAT(AuthorizeRole(*users, reviewer),
              StatusIs(absl::StatusCode::kPermissionDenied, ::testing::_));
  EXPECT_THAT(AuthorizeRole(*push, none),
              StatusIs(absl::StatusCode::kPermissionDenied, ::testing::_));
  EXPECT_OK(AuthorizeRole(*users, SystemPrincipal("ops")));
  EXPECT_EQ(FindMethodRule("/rasoat.v1.SyncService/Nope"), nullptr);
}

}  // namespace
}  // namespace rasoat::identity
