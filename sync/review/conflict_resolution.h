// ConflictResolution: ReviewService.ResolveConflict, a reviewer's decision on a household's
// open conflicts (through VersionDecision): for each named path keep the head's value, take
// the incoming one or set a new one. The result is a new version, assessed like any other, and
// the resolved conflicts close.
//
// Thread-safety: any number of threads at once; each call blocks until the version is durable.
#pragma once

#include "absl/status/status.h"
#include "rasoat/v1/review.pb.h"
#include "sync/review/version_decision.h"
#include "sync/rules/rounds.h"

namespace rasoat {

class Committer;
class Store;

class ConflictResolution {
 public:
  // None of the pointers is owned; all must outlive this.
  ConflictResolution(const Store* store, Committer* committer, const rules::Rounds* rounds);

  // The new version is attributed to `reviewer`, the caller's login (its history entry's
  // author).
  // INVALID_ARGUMENT for a bad key, no version, no resolutions, a path without an
  // open conflict or a value that does not parse, text that cannot be stored (a NUL or another
  // control character, invalid UTF-8) in a path, a value, or in what a value puts
  // into the record (naming the field); NOT_FOUND for an unknown household;
  // FAILED_PRECONDITION if request.version is not the current version. Nothing is written
  // unless every resolution applies.
  absl::Status ResolveConflict(std::string_view reviewer, const v1::ResolveConflictRequest& request,
                               v1::ResolveConflictResponse* response);

 private:
  const Store* const store_;           // not owned
  const rules::Rounds* const rounds_;  // not owned
  VersionDecision decision_;
};

}  // namespace rasoat
