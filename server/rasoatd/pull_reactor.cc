#include "server/rasoatd/pull_reactor.h"

#include <utility>

#include "server/rasoatd/grpc_status.h"

namespace rasoat {

PullReactor::PullReactor(const PullService* pull, WorkerPool* pool, const v1::PullRequest* request)
    : pool_(pool) {
  pool_->Schedule([this, pull, request] { Start(pull, request); });
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

void PullReactor::Start(const PullService* pull, const v1::PullRequest* request) {
  absl::StatusOr<std::unique_ptr<PullSession>> session = pull->StartPull(*request);
  if (!session.ok()) {
    Finish(ToGrpcStatus(session.status()));
    return;
  }
  session_ = *std::move(session);
  Send(session_->NextPage(&page_));
}

void PullReactor::Send(const absl::Status& read) {
  if (!read.ok()) {
    Finish(ToGrpcStatus(read));
  } else if (session_->done()) {
    StartWriteAndFinish(&page_, grpc::WriteOptions(), grpc::Status::OK);
  } else {
    StartWrite(&page_);
  }
}

}  // namespace rasoat
