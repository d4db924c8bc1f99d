// Recognition: ReviewService.Recognise, the commune chairman's decision (DOMAIN.md "The
// procedure the workflow follows"): a decision number and day covering posted households whose
// posting ended before that day without an objection. Recognition puts a household on the
// official list: it writes the publish event of the recognised version in the same batch,
// with the household's national and local class and its outcome against its recognition in
// the round before (sync/rules/household_outcome.h). The recognition stays on the head, and
// published, until a newer version is recognised.
//
// Thread-safety: any number of threads at once; each call blocks until it is durable.
#pragma once

#include <string_view>

#include "absl/status/status.h"
#include "rasoat/v1/review.pb.h"
#include "sync/review/procedure_batch.h"
#include "sync/rules/rounds.h"

namespace rasoat {

class Recognition {
 public:
  // None of the pointers is owned; all must outlive this.
  Recognition(const Store* store, Committer* committer, const rules::Rounds* rounds);

  // Recognises the households as `login`. INVALID_ARGUMENT naming the field for a bad request;
  // NOT_FOUND or FAILED_PRECONDITION as ProcedureBatch::Take, where a household may be
  // recognised only when posted in the commune named and its posting's last day is before
  // the decision's day; DATA_LOSS, UNAVAILABLE or INTERNAL if a version cannot be read.
  absl::Status Recognise(std::string_view login, const v1::RecogniseRequest& request,
                         v1::RecogniseResponse* response);

 private:
  // The outcome of recognising household `household_id` of `round_id` as `current` on `day`,
  // against its recognition in the round before, if the round has one and it was recognised
  // there.
  absl::StatusOr<store::Recognition> OutcomeAgainstPrevious(const std::string& round_id,
                                                            const std::string& household_id,
                                                            v1::PovertyClass current,
                                                            const v1::Date& day) const;

  const Store* const store_;           // not owned
  const rules::Rounds* const rounds_;  // not owned
  ProcedureBatch batch_;
};

}  // namespace rasoat
