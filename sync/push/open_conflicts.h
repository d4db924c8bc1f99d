// The open conflicts on a household's head (DESIGN.md "Conflicts, per household": bounded, one
// per path). A merge's conflicts join them; one at a path that is open already collapses into
// it, so that stale pushes colliding again and again on one field leave one conflict, not one
// per push, to travel with the household in every pull and review.
//
// Thread-safety: pure functions over objects the caller owns.
#pragma once

#include <cstddef>

#include <google/protobuf/repeated_ptr_field.h>

#include "rasoat/v1/sync.pb.h"
#include "sync/store/store_records.pb.h"

namespace rasoat {

using FieldConflicts = google::protobuf::RepeatedPtrField<v1::FieldConflict>;

// How many of `conflicts` are at paths with no open conflict on `head`: how many more the head
// would have once they joined.
int CountNewPaths(const store::HouseholdHead& head, const FieldConflicts& conflicts);

// The bytes the open conflicts of `head` would take once `conflicts` joined them: those at other
// paths, and `conflicts` in place of those at theirs.
size_t OpenConflictBytesAfter(const store::HouseholdHead& head, const FieldConflicts& conflicts);

// Adds `conflicts`, one merge's (one per path), to the open conflicts of `*head`. One at a new
// path is appended. One at an open path replaces the open one, adding up incoming_edit_count:
// base, incoming and the versions become the newer merge's, and the head's side keeps who made
// the head's value while that value is the same. Each merge's own conflicts stay in its
// version's meta, so every author stays in the history.
void AddOpenConflicts(const FieldConflicts& conflicts, store::HouseholdHead* head);

}  // namespace rasoat
