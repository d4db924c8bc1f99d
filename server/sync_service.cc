#include "server/sync_service.h"

#include "server/grpc_status.h"

namespace rasoat {
namespace {

// Streams the pages of one pull; deletes itself when the call is done.
class PullReactor final : public grpc::ServerWriteReactor<v1::PullResponse> {
 public:
  PullReactor(SyncEngine* engine, const v1::PullRequest& request) {
    absl::StatusOr<std::unique_ptr<PullSession>> session = engine->StartPull(request);
    if (!session.ok()) {
      Finish(ToGrpcStatus(session.status()));
      return;
    }
    session_ = std::move(*session);
    WriteNextPage();
  }

  void OnWriteDone(bool ok) override {
    if (!ok) {
      Finish(grpc::Status(grpc::StatusCode::CANCELLED, "pull: the client went away"));
      return;
    }
    WriteNextPage();
  }

  void OnDone() override { delete this; }

 private:
  void WriteNextPage() {
    if (absl::Status status = session_->NextPage(&page_); !status.ok()) {
      Finish(ToGrpcStatus(status));
      return;
    }
    if (session_->done()) {
      StartWriteAndFinish(&page_, grpc::WriteOptions(), grpc::Status::OK);
    } else {
      StartWrite(&page_);
    }
  }

  std::unique_ptr<PullSession> session_;
  v1::PullResponse page_;
};

}  // namespace

grpc::ServerUnaryReactor* SyncServiceImpl::Push(grpc::CallbackServerContext* context,
                                                const v1::PushRequest* request,
                                                v1::PushResponse* response) {
  grpc::ServerUnaryReactor* reactor = context->DefaultReactor();
  pool_->Schedule([this, reactor, request, response] {
    reactor->Finish(ToGrpcStatus(engine_->Push(*request, response)));
  });
  return reactor;
}

grpc::ServerWriteReactor<v1::PullResponse>* SyncServiceImpl::Pull(
    grpc::CallbackServerContext* /*context*/, const v1::PullRequest* request) {
  return new PullReactor(engine_, *request);
}

}  // namespace rasoat
