// The one translation of a gRPC status into an absl::Status in tablet/: the codes are the same
// numbers, so it is mechanical. Thread-safety: a pure function.
#pragma once

#include <grpcpp/support/status.h>

#include "absl/status/status.h"

namespace rasoat::tablet {

inline absl::Status FromGrpc(const grpc::Status& status) {
  return absl::Status(static_cast<absl::StatusCode>(status.error_code()), status.error_message());
}

}  // namespace rasoat::tablet
