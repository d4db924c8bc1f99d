// HouseholdGenerator makes realistic household records for simulated tablets and benchmarks:
// four to seven members with Vietnamese names, CCCD numbers, birth dates that fit their
// relationship, schooling and work; income lines by source; dwelling and information answers;
// a few scoring-form answers. The same seed gives the same records, so a run can be repeated;
// a serialized record is about 2 KB, the size of a real survey form.
//
// Thread-safety: a generator is used by one thread at a time; generators are independent.
#pragma once

#include <cstdint>
#include <random>
#include <string>

#include "rasoat/v1/household.pb.h"

namespace rasoat::tablet {

class HouseholdGenerator {
 public:
  explicit HouseholdGenerator(uint64_t seed) : rng_(seed) {}

  // A valid household in (province 27, `commune_code`, `village_code`).
  v1::Household Make(const std::string& commune_code, const std::string& village_code);

  // What a collaborator does on a revisit: one edit, in place, of `household`. Returns the path
  // it set, as the server's merge names paths: a field ("housing.floor_area_m2",
  // "members[m3].has_health_insurance", "collaborator_note") or, for an addition, the element
  // added ("incomes[i-TAG]", "members[m-TAG]"). `unique_tag` makes the added element's id, so
  // additions from different tablets never collide by id. An edit only ever sets a field or
  // adds an element: nothing is removed.
  std::string Edit(v1::Household& household, const std::string& unique_tag);

  std::mt19937_64& rng() { return rng_; }

 private:
  uint64_t Below(uint64_t n) { return rng_() % n; }
  void AddMember(v1::Household& household, const std::string& member_id, bool head,
                 const std::string& family_name);
  std::string GivenName(bool female);

  std::mt19937_64 rng_;
};

}  // namespace rasoat::tablet
