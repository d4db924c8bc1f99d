// VillageMeeting: ReviewService.RecordVillageMeeting (DOMAIN.md "The procedure the workflow
// follows"). A village's meeting agrees each approved household whose result at least the
// quorum of its attendees agreed with (the standard's procedure.meeting_quorum, half by
// default); the others go back to their collaborator for re-survey, RETURNED with the meeting's
// note, which the tablet receives in Pull. The meeting's day and minutes stay in each
// household's history, and the whole meeting is one audit entry.
//
// Thread-safety: any number of threads at once; each call blocks until the meeting is durable.
#pragma once

#include <string_view>

#include "absl/status/status.h"
#include "rasoat/v1/review.pb.h"
#include "sync/review/procedure_batch.h"
#include "sync/rules/rounds.h"

namespace rasoat {

class VillageMeeting {
 public:
  // None of the pointers is owned; all must outlive this.
  VillageMeeting(const Store* store, Committer* committer, const rules::Rounds* rounds);

  // Records the meeting as `login`. INVALID_ARGUMENT naming the field for a bad request (see
  // the rpc); NOT_FOUND or FAILED_PRECONDITION as ProcedureBatch::Take, where a household may
  // take the step only when approved, awaiting its meeting, and of the village named.
  absl::Status Record(std::string_view login, const v1::RecordVillageMeetingRequest& request,
                      v1::RecordVillageMeetingResponse* response);

 private:
  const rules::Rounds* const rounds_;  // not owned
  ProcedureBatch batch_;
};

}  // namespace rasoat
