#include "server/rasoatd/pull_reactor.h"

#include <utility>

#include "server/rasoatd/grpc_status.h"

namespace rasoat {

PullReactor::PullReactor(const PullService* pull, WorkerPool* pool, const v1::PullRequest* request)
    : pool_(pool) {
  pool_->Schedule([this, pull, request] { Start(pull, request); });
}

void PullReactor::OnWriteDone(bool ok) {
  Action action;
  {
    MutexLock lock(&mu_);
    writing_ = false;
    --in_use_;  // the page just sent
    if (finished_) {
      // Nothing more to send.
    } else if (!ok) {
      finished_ = true;
      action.next = Next::kFinish;
      action.read.status = absl::CancelledError("pull: the client went away");
    } else {
      action = SendNextQueued();
      if (!reading_ && !read_all_ && !finished_) {
        reading_ = true;
        action.schedule_reader = true;
      }
    }
  }
  Act(action);
}

void PullReactor::OnDone() {
  bool last_out;
  {
    MutexLock lock(&mu_);
    done_ = true;
    last_out = !reading_;
  }
  if (last_out) delete this;
}

void PullReactor::Start(const PullService* pull, const v1::PullRequest* request) {
  absl::StatusOr<std::unique_ptr<PullSession>> session = pull->StartPull(*request);
  if (!session.ok()) {
    {
      MutexLock lock(&mu_);
      reading_ = false;
      finished_ = true;
    }
    Finish(ToGrpcStatus(session.status()));
    return;
  }
  session_ = *std::move(session);
  ReadAhead();
}

void PullReactor::ReadAhead() {
  for (;;) {
    size_t buffer = 0;
    bool stop = false;
    bool last_out = false;
    {
      MutexLock lock(&mu_);
      if (finished_ || read_all_ || in_use_ == kBuffers) {
        reading_ = false;  // OnWriteDone schedules the next reader when a buffer frees up
        stop = true;
        last_out = done_;
      } else {
        buffer = next_read_;
        next_read_ = (next_read_ + 1) % kBuffers;
        ++in_use_;
      }
    }
    if (stop) {
      if (last_out) delete this;  // the call ended while this task read
      return;
    }

    Read read;
    read.status = session_->NextPage(&pages_[buffer]);
    read.last = read.status.ok() && session_->done();

    Action action;
    bool ends = false;
    {
      MutexLock lock(&mu_);
      if (!read.status.ok() || read.last) read_all_ = true;
      reads_[buffer] = std::move(read);
      queued_.push_back(buffer);
      action = SendNextQueued();
      ends = action.next == Next::kFinish || (action.next == Next::kSend && action.read.last);
      if (ends) reading_ = false;  // Act is then this task's last touch of the reactor
    }
    Act(action);
    if (ends) return;
  }
}

PullReactor::Action PullReactor::SendNextQueued() {
  Action action;
  if (writing_ || finished_ || queued_.empty()) return action;
  action.buffer = queued_.front();
  queued_.pop_front();
  action.read = reads_[action.buffer];
  if (!action.read.status.ok()) {
    finished_ = true;
    action.next = Next::kFinish;
    return action;
  }
  writing_ = true;
  finished_ = action.read.last;
  action.next = Next::kSend;
  return action;
}

void PullReactor::Act(const Action& action) {
  switch (action.next) {
    case Next::kNothing:
      break;
    case Next::kFinish:
      Finish(ToGrpcStatus(action.read.status));
      return;
    case Next::kSend:
      if (action.read.last) {
        StartWriteAndFinish(&pages_[action.buffer], grpc::WriteOptions(), grpc::Status::OK);
        return;
      }
      // Touches nothing of the reactor afterwards unless a reader is scheduled, which keeps it
      // alive (reading_).
      StartWrite(&pages_[action.buffer]);
      break;
  }
  if (action.schedule_reader) pool_->Schedule([this] { ReadAhead(); });
}

}  // namespace rasoat
