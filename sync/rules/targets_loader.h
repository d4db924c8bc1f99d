// A round's targets as data (rasoat.v1.RoundTargets, proto/rasoat/v1/targets.proto): parsing
// the protobuf text file a province edits, such as deploy/targets/2026.textproto, checking it
// before any report uses it, loading the file of a round, and finding a commune's or a
// province's entry in it.
//
// Thread-safety: free functions without shared state.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "rasoat/v1/targets.pb.h"

namespace rasoat::rules {

// Parses `text` (protobuf text format) into a round's targets and validates them.
// `source_name` names the text in error messages (a file path).
// Returns the targets on success;
//   INVALID_ARGUMENT "<source_name>:<line>:<column>: ..." on a parse error (1-based);
//   INVALID_ARGUMENT "<source_name>: ..." when ValidateTargets fails.
absl::StatusOr<v1::RoundTargets> ParseTargets(const std::string& text,
                                              const std::string& source_name);

// Checks that `targets` can be reported against: round_id set; each commune with a five-digit
// commune_code listed once, a two-digit province_code and households > 0 (previous_households
// may be anything: 0 means "the same as households"); each province with a two-digit
// province_code listed once; every rate and reduction in points (max_poor_rate_percent,
// poor_rate_reduction_points, near_poor_rate_reduction_points) in [0, 100].
// Returns OK, or INVALID_ARGUMENT naming the first offending entry and field, e.g.
// "communes[25000].households must be positive" ("communes[3]" when the code itself is wrong).
absl::Status ValidateTargets(const v1::RoundTargets& targets);

// The targets of round `round_id`: `dir`/`round_id`.textproto, or, when `dir` is empty, the copy
// of deploy/targets/`round_id`.textproto built into the binary (embedded_targets.h).
// Returns the parsed and validated targets, whose round_id must be `round_id`;
//   OK with an empty RoundTargets (only round_id set) when there is no such file or built-in
//     copy: a round without targets reports its figures with no denominator and no target;
//   INVALID_ARGUMENT when `round_id` is empty or holds a '/', as ParseTargets, or when the
//     file's round_id differs;
//   FAILED_PRECONDITION when the file exists but cannot be read.
absl::StatusOr<v1::RoundTargets> LoadRoundTargets(const std::string& dir,
                                                  const std::string& round_id);

// The entry of commune `commune_code` or of province `province_code`; null when it has none.
// The pointer is into `targets` (not owned) and lives as long as it does, unmodified.
const v1::CommuneTargets* FindCommuneTargets(const v1::RoundTargets& targets,
                                             std::string_view commune_code);
const v1::ProvinceTargets* FindProvinceTargets(const v1::RoundTargets& targets,
                                               std::string_view province_code);

// The communes of province `province_code`, in commune code order; pointers into `targets` as
// above.
std::vector<const v1::CommuneTargets*> CommunesOfProvince(const v1::RoundTargets& targets,
                                                          std::string_view province_code);

}  // namespace rasoat::rules
