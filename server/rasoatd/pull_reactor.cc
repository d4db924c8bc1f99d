#include "server/rasoatd/pull_reactor.h"

#include <utility>

#include "server/rasoatd/grpc_status.h"
#include "server/rasoatd/raw_messages.h"

namespace rasoat {

PullReactor::PullReactor(const PullService* pull, const CallGate* gate, WorkerPool* pool,
                         SyncMetrics* metrics, grpc::CallbackServerContext* context,
                         grpc::ByteBuffer* request_bytes)
    : pool_(pool), metrics_(metrics) {
  pool_->Schedule(
      [this, pull, gate, context, request_bytes] { Start(pull, gate, context, request_bytes); });
}

void PullReactor::OnWriteDone(bool ok) {
  if (!ok) {
    Finish(grpc::Status(grpc::StatusCode::CANCELLED, "pull: the client went away"));
    return;
  }
  absl::StatusOr<bool> read = session_->NextPageFromMemory(&page_);
  if (read.ok() && !*read) {
    pool_->Schedule([this] { Send(session_->FinishPage(&page_)); });
    return;
  }
  Send(read.status());
}

void PullReactor::Start(const PullService* pull, const CallGate* gate,
                        grpc::CallbackServerContext* context, grpc::ByteBuffer* request_bytes) {
  absl::StatusOr<identity::Principal> caller = gate->Admit(context, "/rasoat.v1.SyncService/Pull");
  if (!caller.ok()) {
    Finish(ToGrpcStatus(caller.status()));
    return;
  }
  v1::PullRequest request;
  if (absl::Status parsed = ParseRequest(request_bytes, &request); !parsed.ok()) {
    Finish(ToGrpcStatus(parsed));
    return;
  }
  absl::StatusOr<std::unique_ptr<PullSession>> session = pull->StartPull(*caller, request);
  if (!session.ok()) {
    Finish(ToGrpcStatus(session.status()));
    return;
  }
  session_ = *std::move(session);
  Send(pull->ReadFirstPage(*caller, request, session_.get(), &page_));
}

void PullReactor::Send(const absl::Status& read) {
  absl::Status status = read;
  if (status.ok()) status = SerializeResponse(page_, &page_bytes_);
  if (status.ok() && metrics_ != nullptr)
    metrics_->PulledPage(page_.households_size(), page_bytes_.Length());
  if (!status.ok()) {
    Finish(ToGrpcStatus(status));
  } else if (session_->done()) {
    StartWriteAndFinish(&page_bytes_, grpc::WriteOptions(), grpc::Status::OK);
  } else {
    StartWrite(&page_bytes_);
  }
}

}  // namespace rasoat
