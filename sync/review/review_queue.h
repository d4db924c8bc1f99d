// ReviewQueue: ReviewService.ListQueue, what a commune's reviewer has to look at — its
// households (or one village's) in village order, filtered by status, a page at a time. Reads
// heads only. O(households in the commune or village).
//
// Thread-safety: any number of threads at once; reads only.
#pragma once

#include "absl/status/status.h"
#include "rasoat/v1/review.pb.h"
#include "sync/rules/rounds.h"

namespace rasoat {

class Store;

class ReviewQueue {
 public:
  // Neither pointer is owned; both must outlive this.
  ReviewQueue(const Store* store, const rules::Rounds* rounds);

  // INVALID_ARGUMENT for an unknown round, no commune or a page token from another listing;
  // UNAVAILABLE, INTERNAL or DATA_LOSS if the store cannot be read.
  absl::Status ListQueue(const v1::ListQueueRequest& request,
                         v1::ListQueueResponse* response) const;

 private:
  const Store* const store_;           // not owned
  const rules::Rounds* const rounds_;  // not owned
};

}  // namespace rasoat
