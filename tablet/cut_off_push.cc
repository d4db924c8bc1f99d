#include "tablet/cut_off_push.h"

#include <condition_variable>
#include <mutex>

#include <grpcpp/client_context.h>

namespace rasoat::tablet {

PushCall PushWithCutOff(v1::SyncService::Stub* stub, const v1::PushRequest& request,
                        std::chrono::milliseconds deadline,
                        std::optional<std::chrono::milliseconds> cut_after,
                        v1::PushResponse* response) {
  std::mutex mu;
  std::condition_variable done_cv;
  bool done = false;
  PushCall call;
  grpc::ClientContext context;
  context.set_deadline(std::chrono::system_clock::now() + deadline);
  stub->async()->Push(&context, &request, response,
                      [&mu, &done_cv, &done, &call](grpc::Status status) {
                        // Notified under the lock: the waiter cannot return and destroy these
                        // before the callback is done with them.
                        std::lock_guard<std::mutex> lock(mu);
                        call.status = std::move(status);
                        done = true;
                        done_cv.notify_one();
                      });
  std::unique_lock<std::mutex> lock(mu);
  if (cut_after.has_value() && !done_cv.wait_for(lock, *cut_after, [&done] { return done; })) {
    context.TryCancel();
    call.cut_off = true;
  }
  done_cv.wait(lock, [&done] { return done; });
  return call;
}

}  // namespace rasoat::tablet
