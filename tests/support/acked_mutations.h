// AckedMutations records what a server (a real rasoatd, or an engine in the test) acknowledged
// to test clients, and checks after a crash or shutdown that every acknowledged version is in the
// store exactly as it was pushed.
//
// Thread-safety: Add and Count may be called from any thread.
#pragma once

#include <string>
#include <vector>

#include "absl/base/thread_annotations.h"
#include "rasoat/v1/sync.pb.h"
#include "sync/base/mutex.h"

namespace rasoat::testing {

class AckedMutations {
 public:
  struct Ack {
    std::string device_id;
    v1::Mutation mutation;
    v1::MutationResult result;
  };

  // Records the acknowledged results of a push of `mutations`.
  void Add(const std::string& device_id, const std::vector<v1::Mutation>& mutations,
           const v1::PushResponse& response);

  size_t Count() const;
  // Blocks until at least `count` acks were recorded.
  void AwaitCount(size_t count) const;
  std::vector<Ack> All() const;

  // Opens the store in `data_dir` read-only and adds a failure for every acknowledged mutation
  // whose version is missing or differs from what was pushed.
  void ExpectAllDurable(const std::string& data_dir) const;

 private:
  mutable Mutex mu_;
  std::vector<Ack> acks_ ABSL_GUARDED_BY(mu_);
};

}  // namespace rasoat::testing
