// The checks a mutation must pass before it may touch the store: the identifiers that key it,
// a round the server knows, a record within the size limit and a location to file it under.
// These are not the review's validation rules (a record that fails those is stored and marked);
// a mutation failing these cannot be stored at all and is rejected.
//
// Thread-safety: pure functions.
#pragma once

#include <optional>
#include <string>

#include "rasoat/v1/sync.pb.h"
#include "sync/push/push_options.h"
#include "sync/rules/rounds.h"

namespace rasoat {

// Nothing if `mutation`, the `index`-th of its request, may be applied; otherwise the rejection
// (code INVALID_ARGUMENT) with one violation per bad field, named by its path in the request,
// e.g. "mutations[3].key.household_id".
std::optional<v1::Rejection> CheckMutation(const v1::Mutation& mutation, int index,
                                           const rules::Rounds& rounds, const PushOptions& options);

}  // namespace rasoat
