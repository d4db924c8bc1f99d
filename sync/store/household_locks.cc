#include "sync/store/household_locks.h"

#include <algorithm>

#include "absl/hash/hash.h"
#include "sync/store/keys.h"

namespace rasoat {

HouseholdLocks::HouseholdLocks(uint32_t shard_count)
    : shards_(new Shard[shard_count]), shard_count_(shard_count) {}

HouseholdLocks::Shard& HouseholdLocks::ShardOf(std::string_view household_key) const {
  return shards_[absl::HashOf(household_key) % shard_count_];
}

void HouseholdLocks::Acquire(std::string_view household_key) {
  Shard& shard = ShardOf(household_key);
  MutexLock lock(&shard.mu);
  shard.mu.Await([&]() ABSL_EXCLUSIVE_LOCKS_REQUIRED(shard.mu) {
    return !shard.held.contains(household_key);
  });
  shard.held.insert(household_key);
}

void HouseholdLocks::Release(std::string_view household_key) {
  Shard& shard = ShardOf(household_key);
  MutexLock lock(&shard.mu);  // its unlock wakes whoever awaits a key of this shard
  shard.held.erase(household_key);
}

HouseholdLocks::Held HouseholdLocks::Lock(std::vector<std::string> household_keys) {
  std::sort(household_keys.begin(), household_keys.end());
  household_keys.erase(std::unique(household_keys.begin(), household_keys.end()),
                       household_keys.end());
  return Held(this, std::move(household_keys));
}

HouseholdLocks::Held HouseholdLocks::LockHousehold(std::string_view round_id,
                                                   std::string_view household_id) {
  std::vector<std::string> keys;
  keys.push_back(HouseholdKeyOf(round_id, household_id));
  return Lock(std::move(keys));
}

HouseholdLocks::Held::Held(HouseholdLocks* locks, std::vector<std::string> household_keys)
    : locks_(locks), keys_(std::move(household_keys)) {
  // In ascending order, as every Held takes them: no two can wait on each other.
  for (const std::string& key : keys_) locks_->Acquire(key);
}

HouseholdLocks::Held::~Held() {
  // A moved-from Held has no keys.
  for (auto it = keys_.rbegin(); it != keys_.rend(); ++it) locks_->Release(*it);
}

bool HouseholdLocks::Held::Covers(const HouseholdLocks& locks,
                                  std::string_view household_key) const {
  return locks_ == &locks && std::binary_search(keys_.begin(), keys_.end(), household_key);
}

}  // namespace rasoat
