// Test client helpers over a ReviewService stub for the procedure after approval, as commune
// staff take it: approve each household, record its village meeting, post it, recognise it.
// Each returns the call's status as an absl::Status; the days are those of the 2026 review:
// meeting on 2026-10-01, posting from Monday 2026-10-05 for 3 working days (to 2026-10-07),
// recognition on 2026-10-09.
//
// Thread-safety: each call is independent; the stub is thread-safe.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "rasoat/v1/review.grpc.pb.h"

namespace rasoat::testing {

// A household of round 2026 at a version.
struct HouseholdAt {
  std::string household_id;
  uint64_t version = 0;
};

// Each acts in round `round`, commune 00001.
absl::Status ApproveAll(v1::ReviewService::Stub* review, const std::vector<HouseholdAt>& households,
                        const std::string& round = "2026");

// The meeting of `village` of commune 00001, 30 attendees, each household agreed by all of them
// (`agreeing` overrides that for the households it names, by position).
absl::Status HoldMeeting(v1::ReviewService::Stub* review, const std::string& village,
                         const std::vector<HouseholdAt>& households,
                         const std::vector<uint32_t>& agreeing = {},
                         const std::string& round = "2026");

absl::Status PostAll(v1::ReviewService::Stub* review, const std::vector<HouseholdAt>& households,
                     const std::string& round = "2026");

absl::Status RecogniseAll(v1::ReviewService::Stub* review,
                          const std::vector<HouseholdAt>& households,
                          const std::string& decision = "123/QĐ-UBND",
                          const std::string& round = "2026");

// ApproveAll, HoldMeeting (all agreed), PostAll and RecogniseAll, in that order; the first
// error.
absl::Status TakeThroughProcedure(v1::ReviewService::Stub* review, const std::string& village,
                                  const std::vector<HouseholdAt>& households,
                                  const std::string& round = "2026");

}  // namespace rasoat::testing
