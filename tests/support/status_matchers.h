// GoogleTest matchers for absl::Status and absl::StatusOr, which Debian 12's abseil lacks:
//   EXPECT_THAT(status, StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("device_id")));
//   ASSERT_OK(status);  ASSERT_OK_AND_ASSIGN(auto value, StatusOrExpr());
//
// Thread-safety: matchers and macros only; usable from any test thread, as GoogleTest is.
#pragma once

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "absl/status/status.h"
#include "absl/status/statusor.h"

namespace rasoat::testing {

inline const absl::Status& GetStatus(const absl::Status& status) { return status; }
template <typename T>
const absl::Status& GetStatus(const absl::StatusOr<T>& status_or) {
  return status_or.status();
}

MATCHER_P2(StatusIs, code, message_matcher, "") {
  const absl::Status& status = GetStatus(arg);
  *result_listener << "status is " << status;
  return status.code() == code &&
         ::testing::ExplainMatchResult(message_matcher, std::string(status.message()),
                                       result_listener);
}

}  // namespace rasoat::testing

#define RASOAT_TEST_CONCAT_INNER(a, b) a##b
#define RASOAT_TEST_CONCAT(a, b) RASOAT_TEST_CONCAT_INNER(a, b)

#define ASSERT_OK(expr) ASSERT_TRUE((expr).ok()) << ::rasoat::testing::GetStatus(expr)
#define EXPECT_OK(expr) EXPECT_TRUE((expr).ok()) << ::rasoat::testing::GetStatus(expr)

#define ASSERT_OK_AND_ASSIGN(lhs, rexpr) \
  ASSERT_OK_AND_ASSIGN_IMPL(RASOAT_TEST_CONCAT(statusor_, __LINE__), lhs, rexpr)
#define ASSERT_OK_AND_ASSIGN_IMPL(statusor, lhs, rexpr) \
  auto statusor = (rexpr);                              \
  ASSERT_TRUE(statusor.ok()) << statusor.status();      \
  lhs = std::move(statusor).value()
