// Finding a poverty standard by name: in a directory of standard files (<name>.textproto), or,
// when no directory is configured, among the copies built into the binary
// (embedded_standards.h). And a digest of a standard's content, so a classification can say
// exactly which rules made it and be redone when the file changes.
//
// Thread-safety: free functions without shared state.
#pragma once

#include <string>

#include "absl/status/statusor.h"
#include "rasoat/v1/standard.pb.h"

namespace rasoat::rules {

// Loads and validates the standard `name` from `dir`/`name`.textproto, or from the embedded
// copies when `dir` is empty. The file's `name:` must be `name`.
// NOT_FOUND if there is no such file or embedded standard (the message lists the embedded
// ones); INVALID_ARGUMENT as ParseStandard, or when the name inside differs.
absl::StatusOr<v1::PovertyStandard> LoadStandardNamed(const std::string& dir,
                                                      const std::string& name);

// 16 hex digits of the SHA-256 of the standard's deterministic serialization: equal for equal
// content, different when any threshold changes.
std::string StandardDigest(const v1::PovertyStandard& standard);

}  // namespace rasoat::rules
