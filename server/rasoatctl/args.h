// The words of a rasoatctl command line turned into request values: versions, status filters,
// conflict resolutions, a diff's version pair; and the check that every flag on the line is
// one rasoatctl knows with a value of its type, so that a typo is a usage error (exit 2) before
// absl's parser would end the program with its own code.
//
// Every parser returns INVALID_ARGUMENT with a message for a person on a malformed word.
// Thread-safety: pure functions (CheckFlags reads the flag registry, which is fixed after
// static initialization).
#pragma once

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "rasoat/v1/review.pb.h"

namespace rasoat::ctl {

// OK when every flag in args[1..] (up to a bare "--") names a registered flag (also in the
// --noNAME form of a bool) and its value, given as --NAME=V or as the next word, parses for
// the flag's type. INVALID_ARGUMENT names the first flag that does not.
absl::Status CheckFlags(const std::vector<std::string>& args);

// A version number: a positive decimal integer.
absl::StatusOr<uint64_t> ParseVersion(absl::string_view text);

// A comma-separated list of statuses: ready (or ready_for_review), needs_correction, conflict,
// returned, approved, in any letter case. Empty text is an empty list.
absl::StatusOr<std::vector<v1::ReviewStatus>> ParseStatuses(absl::string_view text);

// PATH=head, PATH=incoming, PATH=value:TEXT (TEXT in protobuf text format, e.g. "\"Lan\"" or
// 42), or PATH=clear. The path ends at the first '='.
absl::StatusOr<v1::Resolution> ParseResolution(absl::string_view text);

// FROM:TO, two versions.
absl::StatusOr<std::pair<uint64_t, uint64_t>> ParseDiffRange(absl::string_view text);

// A point in time as microseconds since the Unix epoch: RFC 3339 ("2026-09-03T14:05:09Z",
// "2026-09-03T21:05:09+07:00", fractions of a second allowed) or a day, YYYY-MM-DD, taken as its
// start in UTC. Not before 1970.
absl::StatusOr<int64_t> ParseSince(absl::string_view text);

}  // namespace rasoat::ctl
