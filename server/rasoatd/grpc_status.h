// The one place an absl::Status becomes a grpc::Status. The codes are the same numbers, so the
// mapping is mechanical; the message is kept as is.
//
// Thread-safety: pure function.
#pragma once

#include <grpcpp/support/status.h>

#include "absl/status/status.h"

namespace rasoat {

grpc::Status ToGrpcStatus(const absl::Status& status);

}  // namespace rasoat
