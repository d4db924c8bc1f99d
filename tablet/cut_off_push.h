// A SyncService.Push that the tablet can cut off mid-flight, as when it loses the network: the
// call is cancelled after a delay unless the answer came first. The server may or may not have
// applied the batch; the tablet cannot tell, so it resends it with the same mutation ids.
//
// Thread-safety: a function; concurrent calls on one stub are safe.
#pragma once

#include <chrono>
#include <optional>

#include <grpcpp/support/status.h>

#include "rasoat/v1/sync.grpc.pb.h"

namespace rasoat::tablet {

struct PushCall {
  // The call's status: OK with `response` filled, or why it failed (CANCELLED when cut off).
  grpc::Status status;
  // Whether the tablet cancelled the call (it may still have finished first: see status).
  bool cut_off = false;
};

// Pushes `request` on `stub` (not owned) with a deadline of `deadline` from now. With
// `cut_after`, cancels the call if no answer came within that time (0: at once). `response`
// is not owned.
PushCall PushWithCutOff(v1::SyncService::Stub* stub, const v1::PushRequest& request,
                        std::chrono::milliseconds deadline,
                        std::optional<std::chrono::milliseconds> cut_after,
                        v1::PushResponse* response);

}  // namespace rasoat::tablet
