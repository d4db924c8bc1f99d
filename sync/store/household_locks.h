// HouseholdLocks serializes state changes of one household while letting different households
// proceed in parallel. It locks households by their exact key, not by a hash stripe: a push
// holds its households' locks until its batch is synced, so with stripes two pushes of
// different households would wait on each other's fsync whenever their hashes met (at 32
// tablets pushing 20 households each, nearly every push met one). A push locks every household
// it touches in ascending key order, so two pushes never deadlock.
//
// A function that requires a household's lock takes the `const Held&` that proves it is held
// (the committer checks that the Held covers every household it writes): the households are
// chosen at run time, beyond what -Wthread-safety can follow, so the type system carries the
// proof instead.
//
// Thread-safety: all methods may be called concurrently. A Held belongs to the thread that
// locked it.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "absl/container/flat_hash_set.h"
#include "sync/base/mutex.h"

namespace rasoat {

class HouseholdLocks {
 public:
  // Holds a set of households locked until it is destroyed.
  class Held {
   public:
    Held(Held&&) = default;
    Held& operator=(Held&&) = delete;
    ~Held();

    // Whether this holds the lock of the household whose households-family key is
    // `household_key`, taken from `locks`.
    bool Covers(const HouseholdLocks& locks, std::string_view household_key) const;

   private:
    friend class HouseholdLocks;
    Held(HouseholdLocks* locks, std::vector<std::string> household_keys);
    HouseholdLocks* locks_;  // not owned
    // Ascending, without duplicates. The lock table holds views of these strings, which stay
    // where they are when the Held moves (the vector's buffer moves with it).
    std::vector<std::string> keys_;
  };

  // REQUIRES: shard_count > 0. A shard is a mutex over the keys held in it; more shards, less
  // waiting on one another's bookkeeping, never on one another's households.
  explicit HouseholdLocks(uint32_t shard_count = 64);

  // Locks the households whose households-family keys are `household_keys` (duplicates
  // allowed, any order); blocks until all are held.
  Held Lock(std::vector<std::string> household_keys);

  // Locks one household; blocks until it is held.
  Held LockHousehold(std::string_view round_id, std::string_view household_id);

 private:
  struct Shard {
    Mutex mu;
    absl::flat_hash_set<std::string_view> held ABSL_GUARDED_BY(mu);  // views of Helds' keys
  };

  Shard& ShardOf(std::string_view household_key) const;
  void Acquire(std::string_view household_key);
  void Release(std::string_view household_key);

  std::unique_ptr<Shard[]> shards_;
  uint32_t shard_count_;
};

}  // namespace rasoat
