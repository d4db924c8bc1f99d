// Loading a poverty standard (rasoat.v1.PovertyStandard) from a protobuf text file such as
// deploy/standards/decree-07-2021.textproto, and checking it is coherent before any household
// is classified against it. Thread-safety: free functions without shared state.
#pragma once

#include <string>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "rasoat/v1/standard.pb.h"

namespace rasoat::rules {

// Parses `text` (protobuf text format) into a standard and validates it: Validate for a national
// standard, ValidateLocalScope for a local one (`local` set), which is validated in full once
// laid over its national standard (local_standard.h). `source_name` names the text in error
// messages (a file path).
// Returns the standard on success;
//   INVALID_ARGUMENT "<source_name>:<line>:<column>: ..." on a parse error (1-based);
//   INVALID_ARGUMENT "<source_name>: ..." when Validate fails.
absl::StatusOr<v1::PovertyStandard> ParseStandard(const std::string& text,
                                                  const std::string& source_name);

// Reads the file at `path` and parses it as ParseStandard does.
// Returns NOT_FOUND when the file cannot be opened; otherwise as ParseStandard.
absl::StatusOr<v1::PovertyStandard> LoadStandard(const std::string& path);

// Checks that `standard` can be applied: every income line positive, poor line under the
// average line and not above the low-income worker line, for both areas; deprivations_for_poor
// positive and not more than the indicators; indicators set and distinct; bands complete;
// max_household_members positive; valid_from not after valid_to; for a national standard (no
// `local`), the procedure's quorum in (0, 1] and its posting days and escape window positive.
// Returns OK, or INVALID_ARGUMENT naming the first offending field.
absl::Status Validate(const v1::PovertyStandard& standard);

// Checks the file of a local standard before it is laid over its national one: a name,
// local.based_on, at least one province code, each two digits and listed once, and no
// `procedure` of its own. Returns OK, or INVALID_ARGUMENT naming the first offending field.
absl::Status ValidateLocalScope(const v1::PovertyStandard& standard);

}  // namespace rasoat::rules
