// A province's local standard laid over the national standard it is evaluated alongside
// (DOMAIN.md: Bắc Ninh's higher lines). The local file sets only what differs; the result is a
// standard of its own that the classifier applies like any other, so a household gets a national
// and a local class, never one instead of the other.
//
// Thread-safety: a pure function.
#pragma once

#include "absl/status/statusor.h"
#include "rasoat/v1/standard.pb.h"

namespace rasoat::rules {

// `national` with every knob `local` sets replaced by the local value: a set scalar replaces
// the national one, a set message is laid over the national message the same way (a local
// `thresholds { floor_area_m2_per_person: 10 }` changes that threshold only), a non-empty list
// replaces the national list. The result keeps `local`'s name, legal basis and scope, and the
// national procedure.
// Returns it, or INVALID_ARGUMENT (naming the local standard and the field) when the result is
// not a coherent standard (Validate), e.g. a local poor line at or above the national average
// line it left as it is; FAILED_PRECONDITION when `local.local().based_on()` is not `national`.
absl::StatusOr<v1::PovertyStandard> ResolveLocalStandard(const v1::PovertyStandard& national,
                                                         const v1::PovertyStandard& local);

}  // namespace rasoat::rules
