// Finding a poverty standard by name, and the local standards that go with a national one: in a
// directory of standard files (<name>.textproto), or, when no directory is configured, among the
// copies built into the binary (embedded_standards.h). And a digest of the standards' content, so
// a classification can say exactly which rules made it and be redone when a file changes.
//
// Thread-safety: free functions without shared state.
#pragma once

#include <span>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "rasoat/v1/standard.pb.h"

namespace rasoat::rules {

// Loads and validates the standard `name` from `dir`/`name`.textproto, or from the embedded
// copies when `dir` is empty. The file's `name:` must be `name`.
// NOT_FOUND if there is no such file or embedded standard (the message lists the embedded
// ones); INVALID_ARGUMENT as ParseStandard, or when the name inside differs.
absl::StatusOr<v1::PovertyStandard> LoadStandardNamed(const std::string& dir,
                                                      const std::string& name);

// The local standards based on `national` (LocalScope.based_on is its name), each laid over it
// (local_standard.h), in file-name order: every *.textproto of `dir`, or the embedded copies
// when `dir` is empty. Every file is parsed, so a broken one is found at start.
// INVALID_ARGUMENT naming the file for a file that does not parse or validate, or when two of
// them name the same province; NOT_FOUND when `dir` cannot be read.
absl::StatusOr<std::vector<v1::PovertyStandard>> LoadLocalStandards(
    const std::string& dir, const v1::PovertyStandard& national);

// 16 hex digits of the SHA-256 of the standard's deterministic serialization: equal for equal
// content, different when any threshold changes.
std::string StandardDigest(const v1::PovertyStandard& standard);

// The digest of a national standard and the local standards evaluated alongside it:
// StandardDigest(national) when there are none, otherwise one that changes when any of them
// does.
std::string StandardsDigest(const v1::PovertyStandard& national,
                            std::span<const v1::PovertyStandard> locals);

}  // namespace rasoat::rules
