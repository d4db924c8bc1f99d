// PostingListing: ReportService.PostingList, the households a commune posts publicly (DOMAIN.md
// "The procedure the workflow follows"): those its village meetings agreed and those on the
// posting, each with its head, village, members, national and local class and its outcome
// against its recognition in the round before (as it would be recognised today). Reads each
// listed household's current version; O(households in the commune).
//
// Thread-safety: any number of threads at once; reads only.
#pragma once

#include "absl/status/status.h"
#include "rasoat/v1/report.pb.h"
#include "sync/rules/rounds.h"

namespace rasoat {

class Store;

class PostingListing {
 public:
  // Neither pointer is owned; both must outlive this.
  PostingListing(const Store* store, const rules::Rounds* rounds);

  // INVALID_ARGUMENT for an unknown round or no commune; UNAVAILABLE, INTERNAL or DATA_LOSS if
  // the store cannot be read.
  absl::Status List(const v1::PostingListRequest& request, v1::PostingListResponse* response) const;

 private:
  const Store* const store_;           // not owned
  const rules::Rounds* const rounds_;  // not owned
};

}  // namespace rasoat
