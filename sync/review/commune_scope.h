// The commune (or one village of it) a reviewer's listing names: the queue and the summary
// check it the same way before reading anything.
//
// Thread-safety: a pure function.
#pragma once

#include <string>

#include "absl/status/status.h"
#include "sync/rules/rounds.h"

namespace rasoat {

// OK if `round_id` is a round of `rounds`, `commune_code` is 1 to kMaxIdBytes bytes and
// `village_code` (optional) at most kMaxIdBytes; otherwise INVALID_ARGUMENT naming the field.
absl::Status CheckCommuneScope(const rules::Rounds& rounds, const std::string& round_id,
                               const std::string& commune_code, const std::string& village_code);

}  // namespace rasoat
