// SyncEngine::Approve and Return: a reviewer's decision on the exact version they looked at.
// Neither makes a version; each changes the household's head (status, comment, approval) in
// one durable batch and files a change, so the tablets receive the new status in Pull.
#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "rasoat/v1/sync.pb.h"
#include "sync/change_entry.h"
#include "sync/keys.h"
#include "sync/status_macros.h"
#include "sync/sync_engine.h"

namespace rasoat {
namespace {

// Longest reviewer name and return comment accepted.
constexpr size_t kMaxReviewerBytes = 128;
constexpr size_t kMaxCommentBytes = 4096;

bool MayApprove(v1::ReviewStatus status) { return status == v1::REVIEW_STATUS_READY_FOR_REVIEW; }

bool MayReturn(v1::ReviewStatus status) {
  return status == v1::REVIEW_STATUS_READY_FOR_REVIEW ||
         status == v1::REVIEW_STATUS_NEEDS_CORRECTION;
}

// What a reviewer can do about a status that does not allow the decision.
std::string WhyNot(v1::ReviewStatus status) {
  switch (status) {
    case v1::REVIEW_STATUS_NEEDS_CORRECTION:
      return "validation found problems: return it for correction";
    case v1::REVIEW_STATUS_CONFLICT:
      return "it has open conflicts: resolve them first";
    case v1::REVIEW_STATUS_RETURNED:
      return "it was returned and awaits the collaborator's correction";
    case v1::REVIEW_STATUS_APPROVED:
      return "it is already approved";
    default:
      return "it is not ready for review";
  }
}

absl::Status CheckReviewer(const std::string& reviewer) {
  if (reviewer.empty() || reviewer.size() > kMaxReviewerBytes) {
    return absl::InvalidArgumentError(
        absl::StrCat("reviewer: required, at most ", kMaxReviewerBytes, " bytes"));
  }
  return absl::OkStatus();
}

v1::HistoryEntry Decision(v1::HistoryEntry::Kind kind, uint64_t version,
                          const std::string& reviewer, int64_t at_micros) {
  v1::HistoryEntry event;
  event.set_kind(kind);
  event.set_version(version);
  event.set_author(reviewer);
  event.set_at_unix_micros(at_micros);
  return event;
}

// Fills `row` (whose record is set) with what a report needs as columns.
void FillPublishedRow(const v1::HouseholdKey& key, const store::HouseholdHead& head,
                      const v1::Classification& classification, v1::PublishedHousehold* row) {
  const v1::Location& location = row->record().location();
  row->set_round_id(key.round_id());
  row->set_household_id(key.household_id());
  row->set_province_code(location.province_code());
  row->set_commune_code(location.commune_code());
  row->set_village_code(location.village_code());
  row->set_area(location.area());
  row->set_poverty_class(classification.poverty_class());
  row->set_per_capita_monthly_income_vnd(classification.per_capita_monthly_income_vnd());
  row->set_deprivation_count(classification.deprivation_count());
  for (const v1::IndicatorResult& indicator : classification.indicators()) {
    if (indicator.deprived()) row->add_deprived_indicators(indicator.indicator());
  }
  row->set_member_count(row->record().members_size());
  row->set_head_name(head.head_name());
  row->set_approved_version(head.approved_version());
  row->set_approved_by(head.approved_by());
  row->set_approved_at_unix_micros(head.approved_at_micros());
  row->set_standard_name(classification.standard_name());
}

}  // namespace

absl::Status SyncEngine::DecideOnVersion(
    const v1::HouseholdKey& key, uint64_t version, const char* action,
    bool (*allowed)(v1::ReviewStatus),
    const std::function<absl::Status(store::HouseholdHead*, store::OutboxEntry*)>& decide,
    store::HouseholdHead* decided) {
  HouseholdLocks::Held held =
      locks_.Lock({locks_.StripeOf(HouseholdKeyOf(key.round_id(), key.household_id()))});
  ASSIGN_OR_RETURN(store::HouseholdHead head, ReadHead(key));
  if (head.current_version() != version) {
    return absl::FailedPreconditionError(absl::StrCat(
        "version: household ", key.household_id(), " is at version ", head.current_version(),
        ", not ", version, "; it changed since you looked: reload it before you ", action));
  }
  if (!allowed(head.status())) {
    return absl::FailedPreconditionError(
        absl::StrCat("household ", key.household_id(), " is ", v1::ReviewStatus_Name(head.status()),
                     ": cannot ", action, " (", WhyNot(head.status()), ")"));
  }
  const ChangeLocation old = ChangeLocationOf(head);
  store::OutboxEntry outbox;
  RETURN_IF_ERROR(decide(&head, &outbox));
  rocksdb::WriteBatch batch;
  RETURN_IF_ERROR(
      CommitHouseholdChange(key, old, &head, &batch, outbox.has_household() ? &outbox : nullptr));
  *decided = std::move(head);
  return absl::OkStatus();
}

absl::Status SyncEngine::Approve(const v1::ApproveRequest& request, v1::ApproveResponse* response) {
  RETURN_IF_ERROR(CheckHouseholdKey(request.key()));
  if (request.version() == 0) return absl::InvalidArgumentError("version: required");
  RETURN_IF_ERROR(CheckReviewer(request.reviewer()));
  const int64_t now = absl::ToUnixMicros(absl::Now());
  store::HouseholdHead head;
  absl::Status decided = DecideOnVersion(
      request.key(), request.version(), "approve", MayApprove,
      [&](store::HouseholdHead* head, store::OutboxEntry* outbox) -> absl::Status {
        head->set_status(v1::REVIEW_STATUS_APPROVED);
        head->set_approved_version(request.version());
        head->set_approved_by(request.reviewer());
        head->set_approved_at_micros(now);
        *head->add_review_events() =
            Decision(v1::HistoryEntry::KIND_APPROVED, request.version(), request.reviewer(), now);
        // What the program store publishes: the approved record and its classification.
        store::VersionMeta meta;
        v1::PublishedHousehold* row = outbox->mutable_household();
        RETURN_IF_ERROR(
            ReadVersion(request.key(), request.version(), &meta, row->mutable_record()));
        FillPublishedRow(
            request.key(), *head,
            CurrentClassification(standards_.at(request.key().round_id()), meta, row->record()),
            row);
        outbox->set_enqueued_at_micros(now);
        return absl::OkStatus();
      },
      &head);
  if (absl::IsFailedPrecondition(decided)) {
    // A retried approval of what is approved already succeeds without writing again.
    ASSIGN_OR_RETURN(store::HouseholdHead now_head, ReadHead(request.key()));
    if (now_head.status() == v1::REVIEW_STATUS_APPROVED &&
        now_head.current_version() == request.version()) {
      head = std::move(now_head);
      decided = absl::OkStatus();
    }
  }
  RETURN_IF_ERROR(decided);
  response->set_version(head.current_version());
  response->set_status(head.status());
  return absl::OkStatus();
}

absl::Status SyncEngine::Return(const v1::ReturnRequest& request, v1::ReturnResponse* response) {
  RETURN_IF_ERROR(CheckHouseholdKey(request.key()));
  if (request.version() == 0) return absl::InvalidArgumentError("version: required");
  RETURN_IF_ERROR(CheckReviewer(request.reviewer()));
  if (request.comment().find_first_not_of(" \t\r\n") == std::string::npos ||
      request.comment().size() > kMaxCommentBytes) {
    return absl::InvalidArgumentError(absl::StrCat(
        "comment: say what the collaborator must correct (at most ", kMaxCommentBytes, " bytes)"));
  }
  const int64_t now = absl::ToUnixMicros(absl::Now());
  store::HouseholdHead head;
  RETURN_IF_ERROR(DecideOnVersion(
      request.key(), request.version(), "return", MayReturn,
      [&](store::HouseholdHead* head, store::OutboxEntry*) -> absl::Status {
        head->set_status(v1::REVIEW_STATUS_RETURNED);
        head->set_reviewer_comment(request.comment());
        v1::HistoryEntry event =
            Decision(v1::HistoryEntry::KIND_RETURNED, request.version(), request.reviewer(), now);
        event.set_comment(request.comment());
        *head->add_review_events() = std::move(event);
        return absl::OkStatus();
      },
      &head));
  response->set_version(head.current_version());
  response->set_status(head.status());
  return absl::OkStatus();
}

}  // namespace rasoat
