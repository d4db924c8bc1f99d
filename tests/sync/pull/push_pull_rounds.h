// PushPullRounds: the meeting points of pull_concurrency_test's pusher and puller threads, so
// that each round's pulls can check what the round's pushes acknowledged.
// Thread-safe: every method may be called from any thread.
#ifndef RASOAT_TESTS_SYNC_PULL_PUSH_PULL_ROUNDS_H_
#define RASOAT_TESTS_SYNC_PULL_PUSH_PULL_ROUNDS_H_

#include <condition_variable>
#include <mutex>

namespace rasoat::testing {

// The pushers' and pullers' meeting points. In each round the pushers push while the pullers
// pull; when every pusher has finished the round nothing is in flight, so a pull then must show
// every result acknowledged so far. Checking at every round, not just at the end, catches a
// skipped change even when a later round would have changed that household again.
//
// std::mutex, not absl's, here and below: Debian's abseil is not built for ThreadSanitizer,
// which would not see its synchronization.
class PushPullRounds {
 public:
  PushPullRounds(int pushers, int pullers) : pushers_(pushers), pullers_(pullers) {}

  // A pusher: blocks until `round` has started.
  void AwaitRound(int round) {
    std::unique_lock<std::mutex> lock(mu_);
    changed_.wait(lock, [&] { return round_ >= round; });
  }

  // A pusher has pushed, and recorded the results of, everything of the current round.
  void PusherFinished() {
    std::lock_guard<std::mutex> lock(mu_);
    if (++pushers_finished_ == pushers_) changed_.notify_all();
  }

  // A puller: whether nothing of `round` is still being pushed. Never blocks.
  bool PushersFinished(int round) {
    std::lock_guard<std::mutex> lock(mu_);
    return round_ == round && pushers_finished_ == pushers_;
  }

  // A puller: blocks until nothing of `round` is still being pushed.
  void AwaitPushersFinished(int round) {
    std::unique_lock<std::mutex> lock(mu_);
    changed_.wait(lock, [&] { return round_ == round && pushers_finished_ == pushers_; });
  }

  // A puller has checked the current round (once per round); the last one starts the next.
  void PullerChecked() {
    std::lock_guard<std::mutex> lock(mu_);
    if (++pullers_checked_ == pullers_) {
      pushers_finished_ = 0;
      pullers_checked_ = 0;
      ++round_;
      changed_.notify_all();
    }
  }

 private:
  const int pushers_;
  const int pullers_;
  std::mutex mu_;
  std::condition_variable changed_;
  // Guarded by mu_.
  int round_ = 0;
  int pushers_finished_ = 0;
  int pullers_checked_ = 0;
};

}  // namespace rasoat::testing

#endif  // RASOAT_TESTS_SYNC_PULL_PUSH_PULL_ROUNDS_H_
