#include "tests/bench/noop_sync_server.h"

#include "absl/strings/str_cat.h"

namespace rasoat::bench {

class NoopSyncServer::Service final : public v1::SyncService::CallbackService {
 public:
  void SetPullPages(std::vector<v1::PullResponse> pages) {
    pages_ = std::move(pages);
    empty_page_.set_caught_up(true);
    empty_page_.set_cursor(pages_.empty() ? "" : pages_.back().cursor());
  }

  grpc::ServerUnaryReactor* Push(grpc::CallbackServerContext* context,
                                 const v1::PushRequest* /*request*/,
                                 v1::PushResponse* /*response*/) override {
    grpc::ServerUnaryReactor* reactor = context->DefaultReactor();
    reactor->Finish(grpc::Status::OK);
    return reactor;
  }

  grpc::ServerWriteReactor<v1::PullResponse>* Pull(grpc::CallbackServerContext* /*context*/,
                                                   const v1::PullRequest* request) override {
    if (request->cursor().empty()) return new PageWriter(pages_.data(), pages_.size());
    return new PageWriter(&empty_page_, 1);
  }

 private:
  // Writes `count` pages from `pages`, one after the other, then finishes.
  class PageWriter final : public grpc::ServerWriteReactor<v1::PullResponse> {
   public:
    PageWriter(const v1::PullResponse* pages, size_t count) : pages_(pages), count_(count) {
      WriteNext();
    }
    void OnWriteDone(bool ok) override {
      if (!ok) return Finish(grpc::Status(grpc::StatusCode::CANCELLED, "client went away"));
      WriteNext();
    }
    void OnDone() override { delete this; }

   private:
    void WriteNext() {
      if (next_ == count_) return Finish(grpc::Status::OK);
      StartWrite(&pages_[next_++]);
    }

    const v1::PullResponse* pages_;
    size_t count_;
    size_t next_ = 0;
  };

  std::vector<v1::PullResponse> pages_;
  v1::PullResponse empty_page_;
};

NoopSyncServer::NoopSyncServer() : service_(std::make_unique<Service>()) {}

NoopSyncServer::~NoopSyncServer() {
  if (server_ != nullptr) server_->Shutdown();
}

absl::StatusOr<std::unique_ptr<NoopSyncServer>> NoopSyncServer::Start() {
  std::unique_ptr<NoopSyncServer> noop(new NoopSyncServer());
  int port = 0;
  grpc::ServerBuilder builder;
  builder.AddListeningPort("127.0.0.1:0", grpc::InsecureServerCredentials(), &port);
  builder.SetMaxReceiveMessageSize(64 << 20);
  builder.RegisterService(noop->service_.get());
  noop->server_ = builder.BuildAndStart();
  if (noop->server_ == nullptr || port == 0) {
    return absl::UnavailableError("the no-op server could not listen on 127.0.0.1");
  }
  noop->address_ = absl::StrCat("127.0.0.1:", port);
  return noop;
}

void NoopSyncServer::SetPullPages(std::vector<v1::PullResponse> pages) {
  service_->SetPullPages(std::move(pages));
}

}  // namespace rasoat::bench
