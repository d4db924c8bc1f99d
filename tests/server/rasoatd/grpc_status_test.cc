// The one place an absl::Status becomes a grpc::Status: every code keeps its number and the
// message is kept as is, so what sync/ says reaches the tablet or the reviewer unchanged.
#include "server/rasoatd/grpc_status.h"

#include <gtest/gtest.h>

namespace rasoat {
namespace {

TEST(GrpcStatusTest, OkIsOk) { EXPECT_TRUE(ToGrpcStatus(absl::OkStatus()).ok()); }

TEST(GrpcStatusTest, EveryCodeAndTheMessageCarryOver) {
  const std::pair<absl::Status, grpc::StatusCode> cases[] = {
      {absl::InvalidArgumentError("device_id: required"), grpc::StatusCode::INVALID_ARGUMENT},
      {absl::NotFoundError("household h1 of round 2026: not found"), grpc::StatusCode::NOT_FOUND},
      {absl::FailedPreconditionError("version: stale"), grpc::StatusCode::FAILED_PRECONDITION},
      {absl::AlreadyExistsError("mutation id reused"), grpc::StatusCode::ALREADY_EXISTS},
      {absl::PermissionDeniedError("not your village"), grpc::StatusCode::PERMISSION_DENIED},
      {absl::UnauthenticatedError("no token"), grpc::StatusCode::UNAUTHENTICATED},
      {absl::ResourceExhaustedError("too many"), grpc::StatusCode::RESOURCE_EXHAUSTED},
      {absl::UnavailableError("commit: disk full"), grpc::StatusCode::UNAVAILABLE},
      {absl::DataLossError("household head of h1: corrupt"), grpc::StatusCode::DATA_LOSS},
      {absl::InternalError("bug"), grpc::StatusCode::INTERNAL},
      {absl::CancelledError("gone"), grpc::StatusCode::CANCELLED},
      {absl::DeadlineExceededError("late"), grpc::StatusCode::DEADLINE_EXCEEDED},
  };
  for (const auto& [status, code] : cases) {
    const grpc::Status mapped = ToGrpcStatus(status);
    EXPECT_EQ(mapped.error_code(), code) << status;
    EXPECT_EQ(mapped.error_message(), std::string(status.message()));
  }
}

TEST(GrpcStatusTest, VietnameseMessagesAreKeptByteForByte) {
  const grpc::Status mapped =
      ToGrpcStatus(absl::InvalidArgumentError("comment: thiếu số CCCD của chủ hộ"));
  EXPECT_EQ(mapped.error_message(), "comment: thiếu số CCCD của chủ hộ");
}

}  // namespace
}  // namespace rasoat
