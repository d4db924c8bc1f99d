// What the rules say about one version of a household (DESIGN.md "Review, procedure,
// classification"): its validation issues and its poverty classification under its round's
// standard, made when the version is stored, and the classification to show later, made again
// when the standard file has changed since.
//
// Thread-safety: pure functions.
#pragma once

#include <cstdint>

#include <google/protobuf/repeated_ptr_field.h>

#include "rasoat/v1/household.pb.h"
#include "rasoat/v1/standard.pb.h"
#include "rasoat/v1/validation.pb.h"
#include "sync/rules/rounds.h"

namespace rasoat::rules {

// The day ages are counted at: the interview day (surveyed_at_unix) when the record has one
// that can be right (after 1970, and not more than a day of clock skew after the commit:
// InterviewInFuture), otherwise the day the version was committed; both in Vietnam's time zone
// (UTC+7). Any int64 in the record or as `committed_at_micros` gives a real date.
v1::Date ReferenceDate(const v1::Household& record, int64_t committed_at_micros);

// Appends `record`'s validation issues to `issues` and sets `classification` (by the round's
// standard, with `local` by its province's local standard where one applies, stamped with the
// round's digest), both at ReferenceDate(record, committed_at_micros); the commit time
// is "now" for the validator, and the round's standard bounds the members. Neither output
// is owned.
void Assess(const RoundStandard& round, const v1::Household& record, int64_t committed_at_micros,
            google::protobuf::RepeatedPtrField<v1::ValidationIssue>* issues,
            v1::Classification* classification);

// The classification to show now: `stored` when `round`'s standard made it, otherwise `record`
// (committed at `committed_at_micros`) classified again under the standard as loaded now.
v1::Classification CurrentClassification(const RoundStandard& round,
                                         const v1::Classification& stored,
                                         const v1::Household& record, int64_t committed_at_micros);

}  // namespace rasoat::rules
