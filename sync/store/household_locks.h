// HouseholdLocks serializes state changes of one household while letting different households
// proceed in parallel: a fixed array of mutexes, a household mapped to one by hash. A push
// locks every household it touches, in ascending stripe order, so two pushes never deadlock.
//
// A function that requires a household's lock takes the `const Held&` that proves it is held
// (the committer checks, in debug builds, that the Held covers every household it writes):
// the stripes are chosen at run time, beyond what -Wthread-safety can follow, so the type
// system carries the proof instead.
//
// Thread-safety: all methods may be called concurrently. A Held belongs to the thread that
// locked it.
#pragma once

#include <cstdint>
#include <memory>
#include <string_view>
#include <vector>

#include "sync/base/mutex.h"

namespace rasoat {

class HouseholdLocks {
 public:
  // Holds a set of stripes locked until it is destroyed.
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
    Held(HouseholdLocks* locks, std::vector<uint32_t> stripes);
    HouseholdLocks* locks_;  // not owned
    // Ascending, without duplicates.
    std::vector<uint32_t> stripes_;
  };

  // REQUIRES: stripe_count > 0.
  explicit HouseholdLocks(uint32_t stripe_count = 4096);

  // The stripe of the household whose households-family key is `household_key`.
  uint32_t StripeOf(std::string_view household_key) const;

  // Locks the given stripes (duplicates allowed, any order); blocks until all are held.
  Held Lock(std::vector<uint32_t> stripes);

  // Locks one household's stripe; blocks until it is held.
  Held LockHousehold(std::string_view round_id, std::string_view household_id);

 private:
  std::unique_ptr<Mutex[]> stripes_;
  uint32_t stripe_count_;
};

}  // namespace rasoat
