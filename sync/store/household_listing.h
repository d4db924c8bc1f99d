// HouseholdListing: a commune's households, or one village's, read from the changes family the
// way the review queue and the summary read them: village by village, each in the order of
// its last change, from a position a previous page ended at; each household once, where it is
// now (removal entries, left where it was, are skipped). O(households listed, and the removal
// entries among them).
//
// Thread-safety: used by one thread at a time; must not outlive its Store.
#pragma once

#include <memory>
#include <string>
#include <string_view>

#include "absl/status/status.h"

namespace rasoat {

class Store;

class HouseholdListing {
 public:
  // Whether `position` is one a listing of (round, commune, village) can have given: a page
  // token to resume that listing from.
  static bool IsPositionOf(std::string_view position, std::string_view round_id,
                           std::string_view commune_code, std::string_view village_code);

  // Lists the households of `commune_code` in round `round_id` (of `village_code` only, when it
  // is not empty), starting at `from`, or at the first when `from` is empty. The store is not
  // owned. REQUIRES: `from` is empty or IsPositionOf(from, round, commune, village).
  HouseholdListing(const Store& store, std::string_view round_id, std::string_view commune_code,
                   std::string_view village_code, std::string_view from);
  ~HouseholdListing();
  HouseholdListing(const HouseholdListing&) = delete;
  HouseholdListing& operator=(const HouseholdListing&) = delete;

  // Whether the listing is at a household. False at the end and after a read error.
  bool Valid() const;
  // REQUIRES: Valid(). The view is good until Next().
  std::string_view household_id() const;
  // Where this household is: a listing started from it starts with it. REQUIRES: Valid().
  std::string position() const;
  // REQUIRES: Valid().
  void Next();
  // OK, or UNAVAILABLE/INTERNAL if reading failed.
  absl::Status status() const;

 private:
  struct Rep;
  void SkipRemovals();
  std::unique_ptr<Rep> rep_;
};

}  // namespace rasoat
