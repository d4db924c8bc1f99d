// HouseholdLocks serializes state changes of one household while letting different households
// proceed in parallel: a fixed array of mutexes, a household mapped to one by hash. A push
// locks every household it touches, in ascending stripe order, so two pushes never deadlock.
//
// Thread-safety: all methods may be called concurrently.
#pragma once

#include <cstdint>
#include <memory>
#include <string_view>
#include <vector>

#include "sync/mutex.h"

namespace rasoat {

class HouseholdLocks {
 public:
  // Holds a set of stripes locked until it is destroyed.
  class Held {
   public:
    Held(Held&&) = default;
    Held& operator=(Held&&) = delete;
    ~Held();

   private:
    friend class HouseholdLocks;
    Held(HouseholdLocks* locks, std::vector<uint32_t> stripes);
    HouseholdLocks* locks_;  // not owned
    std::vector<uint32_t> stripes_;
  };

  // REQUIRES: stripe_count > 0.
  explicit HouseholdLocks(uint32_t stripe_count = 4096);

  // The stripe of the household whose households-family key is `household_key`.
  uint32_t StripeOf(std::string_view household_key) const;

  // Locks the given stripes (duplicates allowed, any order); blocks until all are held.
  Held Lock(std::vector<uint32_t> stripes);

 private:
  std::unique_ptr<Mutex[]> stripes_;
  uint32_t stripe_count_;
};

}  // namespace rasoat
