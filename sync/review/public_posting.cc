#include "sync/review/public_posting.h"

#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "sync/base/status_macros.h"
#include "sync/review/commune_scope.h"
#include "sync/review/step_request.h"
#include "sync/rules/calendar.h"

namespace rasoat {
namespace {

constexpr size_t kMaxObjectorBytes = 256;
constexpr size_t kMaxObjectionBytes = 4096;
// A posting longer than this is a typo.
constexpr uint32_t kMaxWorkingDays = 60;

}  // namespace

PublicPosting::PublicPosting(const Store* store, Committer* committer, const rules::Rounds* rounds)
    : rounds_(rounds), batch_(store, committer) {}

absl::Status PublicPosting::Open(std::string_view login, const v1::OpenPostingRequest& request,
                                 v1::OpenPostingResponse* response) {
  RETURN_IF_ERROR(CheckCommuneScope(*rounds_, request.round_id(), request.commune_code(), ""));
  RETURN_IF_ERROR(CheckDay(request.first_day(), "first_day"));
  if (request.working_days() > kMaxWorkingDays) {
    return absl::InvalidArgumentError(
        absl::StrCat("working_days: at most ", kMaxWorkingDays, " (0: the standard's)"));
  }
  ASSIGN_OR_RETURN(const std::vector<StepTarget> targets,
                   StepTargetsOf(request.households(), "households"));
  const int working_days =
      request.working_days() != 0
          ? static_cast<int>(request.working_days())
          : rounds_->standard(request.round_id()).standard.procedure().posting_working_days();
  const v1::Date last_day = rules::LastWorkingDay(request.first_day(), working_days);

  const int64_t now = absl::ToUnixMicros(absl::Now());
  const audit::AuditEvent event =
      StepEvent(audit::ACTION_POSTING_OPENED, login, request.round_id(),
                absl::StrCat("commune ", request.commune_code()), request);
  RETURN_IF_ERROR(batch_.Take(
      request.round_id(), targets, event, now,
      [&](const StepTarget&, const store::HouseholdHead& head) -> std::string {
        if (head.commune_code() != request.commune_code()) {
          return absl::StrCat("is in commune ", head.commune_code());
        }
        if (head.status() != v1::REVIEW_STATUS_APPROVED ||
            head.procedure_step() != v1::PROCEDURE_STEP_AGREED_AT_MEETING) {
          return "has not been agreed by its village meeting";
        }
        return "";
      },
      [&](size_t i, store::HouseholdHead* head,
          store::OutboxEntry*) -> absl::StatusOr<audit::Action> {
        head->set_procedure_step(v1::PROCEDURE_STEP_POSTED);
        *head->mutable_posting_last_day() = last_day;
        v1::HistoryEntry* entry = head->add_review_events();
        entry->set_kind(v1::HistoryEntry::KIND_POSTED);
        entry->set_version(targets[i].version);
        entry->set_author(std::string(login));
        entry->set_at_unix_micros(now);
        *entry->mutable_on() = last_day;
        return audit::ACTION_POSTING_OPENED;
      }));
  *response->mutable_last_day() = last_day;
  response->set_households(static_cast<uint32_t>(targets.size()));
  return absl::OkStatus();
}

absl::Status PublicPosting::RecordObjection(std::string_view login,
                                            const v1::RecordObjectionRequest& request,
                                            v1::RecordObjectionResponse* response) {
  RETURN_IF_ERROR(rounds_->CheckKey(request.key()));
  if (request.version() == 0) return absl::InvalidArgumentError("version: required");
  RETURN_IF_ERROR(CheckStepText(request.objector(), "objector", kMaxObjectorBytes));
  RETURN_IF_ERROR(CheckStepText(request.objection(), "objection", kMaxObjectionBytes));
  RETURN_IF_ERROR(CheckDay(request.received_on(), "received_on"));
  const StepTarget target{request.key().household_id(), request.version()};

  const int64_t now = absl::ToUnixMicros(absl::Now());
  const audit::AuditEvent event =
      StepEvent(audit::ACTION_OBJECTION, login, request.key().round_id(), "", request);
  RETURN_IF_ERROR(batch_.Take(
      request.key().round_id(), {&target, 1}, event, now,
      [&](const StepTarget&, const store::HouseholdHead& head) -> std::string {
        if (head.procedure_step() != v1::PROCEDURE_STEP_POSTED) return "is not posted";
        if (rules::Before(head.posting_last_day(), request.received_on())) {
          return absl::StrCat("was posted until ", rules::FormatDate(head.posting_last_day()),
                              ": an objection received on ",
                              rules::FormatDate(request.received_on()), " came after it");
        }
        return "";
      },
      [&](size_t, store::HouseholdHead* head,
          store::OutboxEntry*) -> absl::StatusOr<audit::Action> {
        head->set_status(v1::REVIEW_STATUS_READY_FOR_REVIEW);
        head->set_reviewer_comment(request.objection());
        head->set_procedure_step(v1::PROCEDURE_STEP_UNSPECIFIED);
        head->clear_posting_last_day();
        v1::HistoryEntry* entry = head->add_review_events();
        entry->set_kind(v1::HistoryEntry::KIND_OBJECTION);
        entry->set_version(request.version());
        entry->set_author(std::string(login));
        entry->set_at_unix_micros(now);
        entry->set_comment(request.objection());
        entry->set_reference(request.objector());
        *entry->mutable_on() = request.received_on();
        return audit::ACTION_OBJECTION;
      }));
  response->set_version(request.version());
  response->set_status(v1::REVIEW_STATUS_READY_FOR_REVIEW);
  return absl::OkStatus();
}

}  // namespace rasoat
