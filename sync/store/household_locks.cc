#include "sync/store/household_locks.h"

#include <algorithm>

#include "absl/hash/hash.h"
#include "sync/store/keys.h"

namespace rasoat {

HouseholdLocks::HouseholdLocks(uint32_t stripe_count)
    : stripes_(new Mutex[stripe_count]), stripe_count_(stripe_count) {}

uint32_t HouseholdLocks::StripeOf(std::string_view household_key) const {
  return static_cast<uint32_t>(absl::HashOf(household_key) % stripe_count_);
}

HouseholdLocks::Held HouseholdLocks::Lock(std::vector<uint32_t> stripes) {
  std::sort(stripes.begin(), stripes.end());
  stripes.erase(std::unique(stripes.begin(), stripes.end()), stripes.end());
  return Held(this, std::move(stripes));
}

HouseholdLocks::Held HouseholdLocks::LockHousehold(std::string_view round_id,
                                                   std::string_view household_id) {
  return Lock({StripeOf(HouseholdKeyOf(round_id, household_id))});
}

// The stripes are chosen at run time, beyond what -Wthread-safety can follow.
HouseholdLocks::Held::Held(HouseholdLocks* locks,
                           std::vector<uint32_t> stripes) ABSL_NO_THREAD_SAFETY_ANALYSIS
    : locks_(locks),
      stripes_(std::move(stripes)) {
  for (uint32_t stripe : stripes_) locks_->stripes_[stripe].Lock();
}

HouseholdLocks::Held::~Held() ABSL_NO_THREAD_SAFETY_ANALYSIS {
  // A moved-from Held has no stripes.
  for (auto it = stripes_.rbegin(); it != stripes_.rend(); ++it) locks_->stripes_[*it].Unlock();
}

bool HouseholdLocks::Held::Covers(const HouseholdLocks& locks,
                                  std::string_view household_key) const {
  return locks_ == &locks &&
         std::binary_search(stripes_.begin(), stripes_.end(), locks.StripeOf(household_key));
}

}  // namespace rasoat
