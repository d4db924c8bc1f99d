#include "tests/support/acked_mutations.h"

#include <google/protobuf/util/message_differencer.h>
#include <gtest/gtest.h>

#include "sync/store/store.h"

namespace rasoat::testing {

void AckedMutations::Add(const std::string& device_id, const std::vector<v1::Mutation>& mutations,
                         const v1::PushResponse& response) {
  MutexLock lock(&mu_);
  for (size_t i = 0; i < mutations.size(); ++i) {
    const v1::MutationResult& result = response.results(static_cast<int>(i));
    if (result.outcome() == v1::MUTATION_OUTCOME_APPLIED ||
        result.outcome() == v1::MUTATION_OUTCOME_MERGED ||
        result.outcome() == v1::MUTATION_OUTCOME_CONFLICT) {
      acks_.push_back(Ack{device_id, mutations[i], result});
    }
  }
}

size_t AckedMutations::Count() const {
  MutexLock lock(&mu_);
  return acks_.size();
}

void AckedMutations::AwaitCount(size_t count) const {
  MutexLock lock(&mu_);
  mu_.Await([this, count]() ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_) { return acks_.size() >= count; });
}

std::vector<AckedMutations::Ack> AckedMutations::All() const {
  MutexLock lock(&mu_);
  return acks_;
}

void AckedMutations::ExpectAllDurable(const std::string& data_dir) const {
  absl::StatusOr<std::unique_ptr<Store>> store =
      Store::Open(StoreOptions{.path = data_dir, .read_only = true});
  ASSERT_TRUE(store.ok()) << store.status();
  size_t checked = 0;
  for (const Ack& ack : All()) {
    store::VersionMeta meta;
    v1::Household record;
    const absl::Status status =
        (*store)->ReadVersion(ack.mutation.key().round_id(), ack.mutation.key().household_id(),
                              ack.result.version(), &meta, &record);
    ASSERT_TRUE(status.ok()) << "acknowledged version " << ack.result.version() << " of "
                             << ack.mutation.key().household_id() << " is gone: " << status;
    EXPECT_EQ(meta.mutation_id(), ack.mutation.mutation_id());
    EXPECT_EQ(meta.device_id(), ack.device_id);
    // A merged version holds the merge, not the tablet's record.
    const v1::Household& expected = ack.result.outcome() == v1::MUTATION_OUTCOME_APPLIED
                                        ? ack.mutation.record()
                                        : ack.result.merged_record();
    EXPECT_TRUE(google::protobuf::util::MessageDifferencer::Equals(record, expected))
        << "version " << ack.result.version() << " of " << ack.mutation.key().household_id();
    ++checked;
  }
  EXPECT_GT(checked, 0u);
}

}  // namespace rasoat::testing
