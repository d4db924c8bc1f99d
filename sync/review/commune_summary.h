// CommuneSummary: ReviewService.CommuneSummary — a commune's (or a village's) households
// counted by review status and poverty class, and how many are deprived in each indicator of
// the round's standard. Reads heads only, except for a household classified under an older
// edition of the standard file, which is classified again from its current version.
//
// Thread-safety: any number of threads at once; reads only.
#pragma once

#include "absl/status/status.h"
#include "rasoat/v1/review.pb.h"
#include "sync/rules/rounds.h"

namespace rasoat {

class Store;

class CommuneSummary {
 public:
  // Neither pointer is owned; both must outlive this.
  CommuneSummary(const Store* store, const rules::Rounds* rounds);

  // INVALID_ARGUMENT for an unknown round or no commune; UNAVAILABLE, INTERNAL or DATA_LOSS if
  // the store cannot be read.
  absl::Status Summarize(const v1::CommuneSummaryRequest& request,
                         v1::CommuneSummaryResponse* response) const;

 private:
  const Store* const store_;           // not owned
  const rules::Rounds* const rounds_;  // not owned
};

}  // namespace rasoat
