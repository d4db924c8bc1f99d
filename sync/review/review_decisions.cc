#include "sync/review/review_decisions.h"

#include <string>

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "sync/audit/audit_event.h"
#include "sync/base/status_macros.h"
#include "sync/base/text.h"
#include "sync/store/store.h"

namespace rasoat {
namespace {

// Longest return comment accepted.
constexpr size_t kMaxCommentBytes = 4096;

bool MayApprove(v1::ReviewStatus status) { return status == v1::REVIEW_STATUS_READY_FOR_REVIEW; }

bool MayReturn(v1::ReviewStatus status) {
  return status == v1::REVIEW_STATUS_READY_FOR_REVIEW ||
         status == v1::REVIEW_STATUS_NEEDS_CORRECTION;
}

absl::Status CheckDecision(const rules::Rounds& rounds, const v1::HouseholdKey& key,
                           uint64_t version) {
  RETURN_IF_ERROR(rounds.CheckKey(key));
  if (version == 0) return absl::InvalidArgumentError("version: required");
  return absl::OkStatus();
}

v1::HistoryEntry Decision(v1::HistoryEntry::Kind kind, uint64_t version, std::string_view reviewer,
                          int64_t at_micros) {
  v1::HistoryEntry event;
  event.set_kind(kind);
  event.set_version(version);
  event.set_author(std::string(reviewer));
  event.set_at_unix_micros(at_micros);
  return event;
}

}  // namespace

ReviewDecisions::ReviewDecisions(const Store* store, Committer* committer,
                                 const rules::Rounds* rounds)
    : store_(store), rounds_(rounds), decision_(store, committer) {}

absl::Status ReviewDecisions::Approve(std::string_view reviewer, const v1::ApproveRequest& request,
                                      v1::ApproveResponse* response) {
  const v1::HouseholdKey& key = request.key();
  RETURN_IF_ERROR(CheckDecision(*rounds_, key, request.version()));
  const int64_t now = absl::ToUnixMicros(absl::Now());
  absl::StatusOr<store::HouseholdHead> head = decision_.Decide(
      key, request.version(), "approve", MayApprove,
      [&](store::HouseholdHead* head, CommitBatch* batch, store::OutboxEntry*) -> absl::Status {
        head->set_status(v1::REVIEW_STATUS_APPROVED);
        head->set_approved_version(request.version());
        head->set_approved_by(std::string(reviewer));
        head->set_approved_at_micros(now);
        *head->add_review_events() =
            Decision(v1::HistoryEntry::KIND_APPROVED, request.version(), reviewer, now);
        // The procedure after approval starts: the village meeting is next. Recognition, not
        // approval, publishes (recognition.h).
        head->set_procedure_step(v1::PROCEDURE_STEP_AWAITING_MEETING);
        store::VersionMeta meta;
        v1::Household record;
        RETURN_IF_ERROR(store_->ReadVersion(key.round_id(), key.household_id(), request.version(),
                                            &meta, &record));
        batch->AddAuditEntry(audit::EncodeUnsealed({audit::ACTION_APPROVED,
                                                    std::string(reviewer),
                                                    "",
                                                    key.round_id(),
                                                    key.household_id(),
                                                    "",
                                                    {request.version()},
                                                    audit::Sha256(record.SerializeAsString())},
                                                   now));
        return absl::OkStatus();
      });
  if (absl::IsFailedPrecondition(head.status())) {
    // A retried approval of what is approved already succeeds without writing again.
    ASSIGN_OR_RETURN(store::HouseholdHead now_head,
                     store_->ReadHead(key.round_id(), key.household_id()));
    if (now_head.status() == v1::REVIEW_STATUS_APPROVED &&
        now_head.current_version() == request.version()) {
      head = std::move(now_head);
    }
  }
  if (!head.ok()) return head.status();
  response->set_version(head->current_version());
  response->set_status(head->status());
  return absl::OkStatus();
}

absl::Status ReviewDecisions::Return(std::string_view reviewer, const v1::ReturnRequest& request,
                                     v1::ReturnResponse* response) {
  RETURN_IF_ERROR(CheckDecision(*rounds_, request.key(), request.version()));
  if (request.comment().find_first_not_of(" \t\r\n") == std::string::npos ||
      request.comment().size() > kMaxCommentBytes) {
    return absl::InvalidArgumentError(absl::StrCat(
        "comment: say what the collaborator must correct (at most ", kMaxCommentBytes, " bytes)"));
  }
  if (absl::Status text = CheckText(request.comment(), TextKind::kFreeText); !text.ok()) {
    return absl::InvalidArgumentError(absl::StrCat("comment: ", text.message()));
  }
  const int64_t now = absl::ToUnixMicros(absl::Now());
  ASSIGN_OR_RETURN(
      const store::HouseholdHead head,
      decision_.Decide(
          request.key(), request.version(), "return", MayReturn,
          [&](store::HouseholdHead* head, CommitBatch* batch, store::OutboxEntry*) -> absl::Status {
            head->set_status(v1::REVIEW_STATUS_RETURNED);
            head->set_reviewer_comment(request.comment());
            v1::HistoryEntry event =
                Decision(v1::HistoryEntry::KIND_RETURNED, request.version(), reviewer, now);
            event.set_comment(request.comment());
            *head->add_review_events() = std::move(event);
            batch->AddAuditEntry(audit::EncodeUnsealed({audit::ACTION_RETURNED,
                                                        std::string(reviewer),
                                                        "",
                                                        request.key().round_id(),
                                                        request.key().household_id(),
                                                        "",
                                                        {request.version()},
                                                        audit::Sha256(request.comment())},
                                                       now));
            return absl::OkStatus();
          }));
  response->set_version(head.current_version());
  response->set_status(head.status());
  return absl::OkStatus();
}

}  // namespace rasoat
