#include "sync/review/village_meeting.h"

#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "sync/base/status_macros.h"
#include "sync/review/commune_scope.h"
#include "sync/review/step_request.h"

namespace rasoat {
namespace {

constexpr size_t kMaxReferenceBytes = 256;
constexpr size_t kMaxNoteBytes = 4096;

}  // namespace

VillageMeeting::VillageMeeting(const Store* store, Committer* committer,
                               const rules::Rounds* rounds)
    : rounds_(rounds), batch_(store, committer) {}

absl::Status VillageMeeting::Record(std::string_view login,
                                    const v1::RecordVillageMeetingRequest& request,
                                    v1::RecordVillageMeetingResponse* response) {
  RETURN_IF_ERROR(CheckCommuneScope(*rounds_, request.round_id(), request.commune_code(),
                                    request.village_code()));
  if (request.village_code().empty()) return absl::InvalidArgumentError("village_code: required");
  RETURN_IF_ERROR(CheckDay(request.held_on(), "held_on"));
  if (request.attendees() == 0) {
    return absl::InvalidArgumentError("attendees: how many attended the meeting is required");
  }
  RETURN_IF_ERROR(
      CheckStepText(request.minutes_reference(), "minutes_reference", kMaxReferenceBytes));
  ASSIGN_OR_RETURN(const std::vector<StepTarget> targets,
                   StepTargetsOf(request.results(), "results"));

  const double quorum = rounds_->standard(request.round_id()).standard.procedure().meeting_quorum();
  std::vector<bool> agreed(targets.size());
  bool any_resurvey = false;
  for (int i = 0; i < request.results_size(); ++i) {
    const v1::MeetingResult& result = request.results(i);
    if (result.agreeing() > request.attendees()) {
      return absl::InvalidArgumentError(absl::StrCat("results[", i, "]: ", result.agreeing(),
                                                     " agreeing of ", request.attendees(),
                                                     " attendees"));
    }
    agreed[i] = result.agreed_by_quorum() ||
                static_cast<double>(result.agreeing()) >= quorum * request.attendees();
    any_resurvey |= !agreed[i];
  }
  if (any_resurvey) {
    RETURN_IF_ERROR(CheckStepText(request.resurvey_note(), "resurvey_note", kMaxNoteBytes));
  }

  const int64_t now = absl::ToUnixMicros(absl::Now());
  const audit::AuditEvent event = StepEvent(
      audit::ACTION_VILLAGE_MEETING, login, request.round_id(),
      absl::StrCat("village ", request.commune_code(), "/", request.village_code()), request);
  RETURN_IF_ERROR(batch_.Take(
      request.round_id(), targets, event, now,
      [&](const StepTarget&, const store::HouseholdHead& head) -> std::string {
        if (head.commune_code() != request.commune_code() ||
            head.village_code() != request.village_code()) {
          return absl::StrCat("is in village ", head.commune_code(), "/", head.village_code());
        }
        // An approval of a build before the procedure left the step unset: it awaits its
        // meeting too.
        const bool awaiting = head.procedure_step() == v1::PROCEDURE_STEP_AWAITING_MEETING ||
                              head.procedure_step() == v1::PROCEDURE_STEP_UNSPECIFIED;
        if (head.status() != v1::REVIEW_STATUS_APPROVED || !awaiting) {
          return "is not an approved household awaiting its village meeting";
        }
        return "";
      },
      [&](size_t i, store::HouseholdHead* head,
          store::OutboxEntry*) -> absl::StatusOr<audit::Action> {
        v1::HistoryEntry* entry = head->add_review_events();
        entry->set_version(targets[i].version);
        entry->set_author(std::string(login));
        entry->set_at_unix_micros(now);
        entry->set_reference(request.minutes_reference());
        *entry->mutable_on() = request.held_on();
        if (agreed[i]) {
          entry->set_kind(v1::HistoryEntry::KIND_MEETING_AGREED);
          head->set_procedure_step(v1::PROCEDURE_STEP_AGREED_AT_MEETING);
          return audit::ACTION_VILLAGE_MEETING;
        }
        entry->set_kind(v1::HistoryEntry::KIND_MEETING_RESURVEY);
        entry->set_comment(request.resurvey_note());
        head->set_status(v1::REVIEW_STATUS_RETURNED);
        head->set_reviewer_comment(request.resurvey_note());
        head->set_procedure_step(v1::PROCEDURE_STEP_UNSPECIFIED);
        return audit::ACTION_RETURNED;
      }));
  response->Clear();
  for (size_t i = 0; i < targets.size(); ++i) {
    *(agreed[i] ? response->add_agreed() : response->add_resurvey()) = targets[i].household_id;
  }
  return absl::OkStatus();
}

}  // namespace rasoat
