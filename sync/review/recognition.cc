#include "sync/review/recognition.h"

#include <optional>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "sync/base/status_macros.h"
#include "sync/review/commune_scope.h"
#include "sync/review/previous_recognition.h"
#include "sync/review/published_row.h"
#include "sync/review/step_request.h"
#include "sync/rules/assessment.h"
#include "sync/rules/calendar.h"
#include "sync/rules/household_outcome.h"
#include "sync/store/store.h"

namespace rasoat {
namespace {

constexpr size_t kMaxDecisionBytes = 256;

}  // namespace

Recognition::Recognition(const Store* store, Committer* committer, const rules::Rounds* rounds)
    : store_(store), rounds_(rounds), batch_(store, committer) {}

absl::StatusOr<store::Recognition> Recognition::OutcomeAgainstPrevious(
    const std::string& round_id, const std::string& household_id, v1::PovertyClass current,
    const v1::Date& day) const {
  ASSIGN_OR_RETURN(const std::optional<rules::PreviousRecognition> previous,
                   PreviousRecognitionOf(*store_, *rounds_, round_id, household_id));
  const rules::RecognisedOutcome outcome = rules::OutcomeOf(previous, current, day);
  store::Recognition recognition;
  recognition.set_poverty_class(current);
  recognition.set_outcome(outcome.outcome);
  if (outcome.escaped_on.has_value()) *recognition.mutable_escaped_on() = *outcome.escaped_on;
  return recognition;
}

absl::Status Recognition::Recognise(std::string_view login, const v1::RecogniseRequest& request,
                                    v1::RecogniseResponse* response) {
  RETURN_IF_ERROR(CheckCommuneScope(*rounds_, request.round_id(), request.commune_code(), ""));
  RETURN_IF_ERROR(CheckStepText(request.decision_number(), "decision_number", kMaxDecisionBytes));
  RETURN_IF_ERROR(CheckDay(request.decided_on(), "decided_on"));
  ASSIGN_OR_RETURN(const std::vector<StepTarget> targets,
                   StepTargetsOf(request.households(), "households"));
  const rules::RoundStandard& round = rounds_->standard(request.round_id());

  const int64_t now = absl::ToUnixMicros(absl::Now());
  const audit::AuditEvent event =
      StepEvent(audit::ACTION_RECOGNISED, login, request.round_id(),
                absl::StrCat("commune ", request.commune_code()), request);
  RETURN_IF_ERROR(batch_.Take(
      request.round_id(), targets, event, now,
      [&](const StepTarget&, const store::HouseholdHead& head) -> std::string {
        if (head.commune_code() != request.commune_code()) {
          return absl::StrCat("is in commune ", head.commune_code());
        }
        if (head.status() != v1::REVIEW_STATUS_APPROVED ||
            head.procedure_step() != v1::PROCEDURE_STEP_POSTED) {
          return "is not on a public posting";
        }
        if (!rules::Before(head.posting_last_day(), request.decided_on())) {
          return absl::StrCat("is posted until ", rules::FormatDate(head.posting_last_day()),
                              ": recognise it after that day");
        }
        return "";
      },
      [&](size_t i, store::HouseholdHead* head,
          store::OutboxEntry* publish) -> absl::StatusOr<audit::Action> {
        const v1::HouseholdKey key = [&] {
          v1::HouseholdKey k;
          k.set_round_id(request.round_id());
          k.set_household_id(targets[i].household_id);
          return k;
        }();
        store::VersionMeta meta;
        v1::PublishedHousehold* row = publish->mutable_household();
        RETURN_IF_ERROR(store_->ReadVersion(key.round_id(), key.household_id(), targets[i].version,
                                            &meta, row->mutable_record()));
        const v1::Classification classification = rules::CurrentClassification(
            round, meta.classification(), row->record(), meta.committed_at_micros());
        ASSIGN_OR_RETURN(
            store::Recognition recognition,
            OutcomeAgainstPrevious(key.round_id(), key.household_id(),
                                   classification.poverty_class(), request.decided_on()));
        recognition.set_version(targets[i].version);
        recognition.set_decision_number(request.decision_number());
        *recognition.mutable_decided_on() = request.decided_on();
        recognition.set_recognised_by(std::string(login));
        recognition.set_at_micros(now);

        head->set_procedure_step(v1::PROCEDURE_STEP_RECOGNISED);
        v1::HistoryEntry* entry = head->add_review_events();
        entry->set_kind(v1::HistoryEntry::KIND_RECOGNISED);
        entry->set_version(targets[i].version);
        entry->set_author(std::string(login));
        entry->set_at_unix_micros(now);
        entry->set_reference(request.decision_number());
        *entry->mutable_on() = request.decided_on();

        FillPublishedRow(key, *head, classification, row);
        row->set_outcome(recognition.outcome());
        if (recognition.has_escaped_on()) *row->mutable_escaped_on() = recognition.escaped_on();
        row->set_recognition_decision(request.decision_number());
        *row->mutable_recognised_on() = request.decided_on();
        publish->set_enqueued_at_micros(now);
        *head->mutable_recognition() = std::move(recognition);
        return audit::ACTION_RECOGNISED;
      }));
  response->set_households(static_cast<uint32_t>(targets.size()));
  return absl::OkStatus();
}

}  // namespace rasoat
