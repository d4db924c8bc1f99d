// The row the program store publishes for a recognised household (DESIGN.md "Publishing to the
// program store"): the recognised record and the columns a report reads without parsing it —
// location, national and local class, income, deprivations, who approved which version and
// when. The recognition fills in the outcome and the decision (recognition.h).
//
// Thread-safety: a pure function.
#pragma once

#include "rasoat/v1/admin.pb.h"
#include "rasoat/v1/household.pb.h"
#include "rasoat/v1/standard.pb.h"
#include "sync/store/store_records.pb.h"

namespace rasoat {

// Fills `row` (not owned), whose record is set, from the household's key, its head (with the
// approval recorded) and the approved version's classification.
void FillPublishedRow(const v1::HouseholdKey& key, const store::HouseholdHead& head,
                      const v1::Classification& classification, v1::PublishedHousehold* row);

}  // namespace rasoat
