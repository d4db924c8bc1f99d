// What the rules say about a version of a household (DESIGN.md "Review, validation,
// classification"): its validation issues and its poverty classification under the round's
// standard, stored on every version, and how a new version shows on the household's head
// (its starting review status and the few facts the queue and the summary list).
//
// Thread-safety: RoundStandard is immutable once loaded; the functions are pure.
#pragma once

#include <cstdint>
#include <string>

#include "absl/container/flat_hash_map.h"
#include "rasoat/v1/household.pb.h"
#include "rasoat/v1/standard.pb.h"
#include "sync/store_records.pb.h"

namespace rasoat {

// A round's poverty standard as loaded at start.
struct RoundStandard {
  v1::PovertyStandard standard;
  // rules::StandardDigest(standard).
  std::string digest;
};

// By round id.
using RoundStandards = absl::flat_hash_map<std::string, RoundStandard>;

// The day ages are counted at: the interview day (surveyed_at_unix) when the record has one,
// otherwise the day the version was committed; both in Vietnam's time zone (UTC+7).
v1::Date ReferenceDate(const v1::Household& record, int64_t committed_at_micros);

// Fills meta->validation_issues and meta->classification for `record`.
// REQUIRES: meta->committed_at_micros() is set.
void AssessVersion(const RoundStandard& round, const v1::Household& record,
                   store::VersionMeta* meta);

// Makes `head` show a new current version assessed in `meta`: the starting status (CONFLICT
// while the head has open conflicts, NEEDS_CORRECTION with validation issues, READY_FOR_REVIEW
// otherwise), no reviewer comment (it stays in the history), and the queue's facts.
// REQUIRES: head->conflicts() already updated for this version.
void ShowNewVersionOnHead(const store::VersionMeta& meta, const v1::Household& record,
                          store::HouseholdHead* head);

// The classification to show now: the stored one when `round`'s standard made it, otherwise
// the record classified again under the standard as loaded now.
v1::Classification CurrentClassification(const RoundStandard& round, const store::VersionMeta& meta,
                                         const v1::Household& record);

}  // namespace rasoat
