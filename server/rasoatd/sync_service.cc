#include "server/rasoatd/sync_service.h"

#include "absl/strings/str_cat.h"
#include "server/rasoatd/grpc_status.h"
#include "server/rasoatd/memory_trimmer.h"
#include "server/rasoatd/pull_reactor.h"
#include "server/rasoatd/raw_unary_call.h"

namespace rasoat {
namespace {

// Pushes at least this large give their memory back to the system once applied, not at the
// next of the MemoryTrimmer's rounds: a flood of them fills many arenas within a second. A
// tablet's daily batch is well under it; trimming costs a walk of the heap.
constexpr size_t kTrimAfterPushBytes = 8 << 20;

// Once a push of `bytes` is applied: its bytes back to `budget` (if any) and, for a large push,
// its memory back to the system. Otherwise it would stay in the malloc arena of the worker
// that ran it, and with 32 workers a flood of large pushes would hold many times the budget.
void PushApplied(ByteBudget* budget, size_t bytes) {
  if (budget != nullptr) budget->Give(bytes);
  if (bytes >= kTrimAfterPushBytes) ReturnFreeMemory();
}

}  // namespace

grpc::ServerUnaryReactor* SyncServiceImpl::Push(grpc::CallbackServerContext* context,
                                                const grpc::ByteBuffer* request,
                                                grpc::ByteBuffer* response) {
  const size_t bytes = request->Length();
  if (push_bytes_ != nullptr && !push_bytes_->TryTake(bytes)) {
    grpc::ServerUnaryReactor* reactor = context->DefaultReactor();
    reactor->Finish(grpc::Status(
        grpc::StatusCode::RESOURCE_EXHAUSTED,
        absl::StrCat("rasoatd is applying ", push_bytes_->taken() >> 20,
                     " MB of pushes, what its memory budget allows at once; send this push "
                     "again in a few seconds")));
    return reactor;
  }
  return RunRawUnaryCall<v1::PushRequest, v1::PushResponse>(
      context, write_pool_, gate_, "/rasoat.v1.SyncService/Push", request, response,
      [this](const identity::Principal& caller, const v1::PushRequest& push,
             v1::PushResponse* result) {
        absl::Status pushed = push_->Push(caller, push, result);
        if (pushed.ok() && metrics_ != nullptr) metrics_->Pushed(*result);
        return pushed;
      },
      [budget = push_bytes_, bytes] { PushApplied(budget, bytes); });
}

grpc::ServerWriteReactor<grpc::ByteBuffer>* SyncServiceImpl::Pull(
    grpc::CallbackServerContext* context, const grpc::ByteBuffer* request) {
  // gRPC hands the request over as const but holds it only to free it (raw_unary_call.h).
  return new PullReactor(pull_, gate_, read_pool_, metrics_, context,
                         const_cast<grpc::ByteBuffer*>(request));
}

}  // namespace rasoat
