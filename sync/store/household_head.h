// The household head (households family) and a new version: how a version, once assessed by
// the rules, becomes the household's current one — numbered after the last, shown on the head
// (its starting review status and the facts the queue and the summary list), and added to the
// commit. Push and conflict resolution, the two makers of versions, both go through AddVersion.
//
// Thread-safety: pure functions over objects the caller owns.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "rasoat/v1/household.pb.h"
#include "sync/store/commit_batch.h"
#include "sync/store/store_records.pb.h"

namespace rasoat {

// Makes `head` show a new current version assessed in `meta`: the starting status (CONFLICT
// while the head has open conflicts, NEEDS_CORRECTION with validation issues, READY_FOR_REVIEW
// otherwise), no reviewer comment (it stays in the history), and the queue's facts.
// REQUIRES: head->conflicts() already updated for this version.
void ShowNewVersionOnHead(const store::VersionMeta& meta, const v1::Household& record,
                          store::HouseholdHead* head);

// Makes `record`, described and assessed in `meta`, the household's new current version:
// numbered head->last_version() + 1, shown on `head` (ShowNewVersionOnHead) and added to
// `batch`. Returns its encoded value, which the batch has a copy of, for a later read of the
// version within the same batch. The caller files the household's change.
// REQUIRES: as ShowNewVersionOnHead; the household's lock is held until the batch commits.
std::string AddVersion(std::string_view round_id, std::string_view household_id,
                       const store::VersionMeta& meta, const v1::Household& record,
                       store::HouseholdHead* head, CommitBatch* batch);

}  // namespace rasoat
