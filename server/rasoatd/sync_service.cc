#include "server/rasoatd/sync_service.h"

#include <memory>

#include "server/rasoatd/grpc_status.h"

namespace rasoat {
namespace {

// Streams the pages of one pull; deletes itself when the call is done. Like the reactors of
// grpc's route_guide callback example, but no reaction reads the store: each page is read on
// the read pool and its write started from there, so a slow pull never holds a gRPC thread.
// Between a write's start and its OnWriteDone nothing else touches the session, so the
// session is used by one thread at a time.
class PullReactor final : public grpc::ServerWriteReactor<v1::PullResponse> {
 public:
  PullReactor(const PullService* pull, WorkerPool* pool, const v1::PullRequest* request)
      : pool_(pool) {
    pool_->Schedule([this, pull, request] {
      absl::StatusOr<std::unique_ptr<PullSession>> session = pull->StartPull(*request);
      if (!session.ok()) {
        Finish(ToGrpcStatus(session.status()));
        return;
      }
      session_ = std::move(*session);
      WriteNextPage();
    });
  }

  void OnWriteDone(bool ok) override {
    if (!ok) {
      Finish(grpc::Status(grpc::StatusCode::CANCELLED, "pull: the client went away"));
      return;
    }
    pool_->Schedule([this] { WriteNextPage(); });
  }

  void OnDone() override { delete this; }

 private:
  // On the pool. Starting a write or finishing is the last thing it does: after either, the
  // reactor may be deleted at any moment.
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

  WorkerPool* const pool_;  // not owned
  std::unique_ptr<PullSession> session_;
  v1::PullResponse page_;
};

}  // namespace

grpc::ServerUnaryReactor* SyncServiceImpl::Push(grpc::CallbackServerContext* context,
                                                const v1::PushRequest* request,
                                                v1::PushResponse* response) {
  grpc::ServerUnaryReactor* reactor = context->DefaultReactor();
  write_pool_->Schedule([this, reactor, request, response] {
    reactor->Finish(ToGrpcStatus(push_->Push(*request, response)));
  });
  return reactor;
}

grpc::ServerWriteReactor<v1::PullResponse>* SyncServiceImpl::Pull(
    grpc::CallbackServerContext* /*context*/, const v1::PullRequest* request) {
  return new PullReactor(pull_, read_pool_, request);
}

}  // namespace rasoat
