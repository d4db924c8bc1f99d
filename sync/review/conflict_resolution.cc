#include "sync/review/conflict_resolution.h"

#include <algorithm>
#include <string>

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "sync/audit/audit_event.h"
#include "sync/base/status_macros.h"
#include "sync/base/text.h"
#include "sync/merge/merge_path.h"
#include "sync/review/resolution_text.h"
#include "sync/rules/assessment.h"
#include "sync/store/household_head.h"
#include "sync/store/store.h"

namespace rasoat {
namespace {

// OK, or INVALID_ARGUMENT "FIELD: PROBLEM" when CheckText refuses `text`.
absl::Status CheckField(const std::string& text, TextKind kind, const std::string& field) {
  if (absl::Status status = CheckText(text, kind); !status.ok()) {
    return absl::InvalidArgumentError(absl::StrCat(field, ": ", status.message()));
  }
  return absl::OkStatus();
}

// The request's own text: each resolution's path and value as sent.
absl::Status CheckRequestText(const v1::ResolveConflictRequest& request) {
  for (int i = 0; i < request.resolutions_size(); ++i) {
    const v1::Resolution& resolution = request.resolutions(i);
    RETURN_IF_ERROR(
        CheckField(resolution.path(), TextKind::kId, absl::StrCat("resolutions[", i, "].path")));
    RETURN_IF_ERROR(CheckField(resolution.value(), TextKind::kFreeText,
                               absl::StrCat("resolutions[", i, "].value")));
  }
  return absl::OkStatus();
}

// The last open conflict at `path`, or nullptr.
const v1::FieldConflict* OpenConflictAt(const store::HouseholdHead& head, const std::string& path) {
  const v1::FieldConflict* found = nullptr;
  for (const v1::FieldConflict& conflict : head.conflicts()) {
    if (conflict.path() == path) found = &conflict;
  }
  return found;
}

// Applies each resolution of `request` to `record`, naming the paths in `meta`.
absl::Status ApplyResolutions(const v1::ResolveConflictRequest& request,
                              const store::HouseholdHead& head, v1::Household* record,
                              store::VersionMeta* meta) {
  for (int i = 0; i < request.resolutions_size(); ++i) {
    const v1::Resolution& resolution = request.resolutions(i);
    const v1::FieldConflict* conflict = OpenConflictAt(head, resolution.path());
    if (conflict == nullptr) {
      return absl::InvalidArgumentError(
          absl::StrCat("resolutions[", i, "].path: no open conflict at '", resolution.path(), "'"));
    }
    absl::Status applied;
    switch (resolution.choice()) {
      case v1::Resolution::CHOICE_HEAD:
        break;
      case v1::Resolution::CHOICE_INCOMING:
        applied = ApplyAtPath(record, conflict->path(), conflict->incoming_present(),
                              conflict->incoming_value());
        break;
      case v1::Resolution::CHOICE_VALUE:
        applied =
            ApplyAtPath(record, conflict->path(), resolution.value_present(), resolution.value());
        break;
      default:
        applied = absl::InvalidArgumentError("choice: HEAD, INCOMING or VALUE");
    }
    // What the value's escapes spelled ("\000") is only seen in the record it went into.
    if (applied.ok() && resolution.choice() != v1::Resolution::CHOICE_HEAD) {
      applied = CheckTextAt(*record, conflict->path());
    }
    if (!applied.ok()) {
      return absl::InvalidArgumentError(absl::StrCat("resolutions[", i, "]: ", applied.message()));
    }
    meta->add_resolved_paths(resolution.path());
  }
  return absl::OkStatus();
}

// Removes from `head` the conflicts at the paths `meta` resolved.
void CloseResolved(const store::VersionMeta& meta, store::HouseholdHead* head) {
  google::protobuf::RepeatedPtrField<v1::FieldConflict> still_open;
  for (v1::FieldConflict& conflict : *head->mutable_conflicts()) {
    if (std::find(meta.resolved_paths().begin(), meta.resolved_paths().end(), conflict.path()) ==
        meta.resolved_paths().end()) {
      *still_open.Add() = std::move(conflict);
    }
  }
  head->mutable_conflicts()->Swap(&still_open);
}

}  // namespace

ConflictResolution::ConflictResolution(const Store* store, Committer* committer,
                                       const rules::Rounds* rounds)
    : store_(store), rounds_(rounds), decision_(store, committer) {}

absl::Status ConflictResolution::ResolveConflict(std::string_view reviewer,
                                                 const v1::ResolveConflictRequest& request,
                                                 v1::ResolveConflictResponse* response) {
  const v1::HouseholdKey& key = request.key();
  RETURN_IF_ERROR(rounds_->CheckKey(key));
  if (request.version() == 0) return absl::InvalidArgumentError("version: required");
  if (request.resolutions().empty()) {
    return absl::InvalidArgumentError("resolutions: name at least one conflicting path");
  }
  RETURN_IF_ERROR(CheckRequestText(request));
  ASSIGN_OR_RETURN(
      const store::HouseholdHead head,
      decision_.Decide(
          key, request.version(), "resolve", /*allowed=*/nullptr,
          [&](store::HouseholdHead* head, CommitBatch* batch, store::OutboxEntry*) {
            v1::Household record;
            RETURN_IF_ERROR(store_->ReadVersion(key.round_id(), key.household_id(),
                                                head->current_version(), nullptr, &record));
            store::VersionMeta meta;
            RETURN_IF_ERROR(ApplyResolutions(request, *head, &record, &meta));
            CloseResolved(meta, head);
            meta.set_parent_version(head->current_version());
            meta.set_device_id("review");
            meta.set_author(std::string(reviewer));
            meta.set_committed_at_micros(absl::ToUnixMicros(absl::Now()));
            rules::Assess(rounds_->standard(key.round_id()), record, meta.committed_at_micros(),
                          meta.mutable_validation_issues(), meta.mutable_classification());
            AddVersion(key.round_id(), key.household_id(), meta, record, head, batch);
            batch->AddAuditEntry(audit::EncodeUnsealed({audit::ACTION_CONFLICT_RESOLVED,
                                                        std::string(reviewer),
                                                        "",
                                                        key.round_id(),
                                                        key.household_id(),
                                                        "",
                                                        {head->current_version()},
                                                        audit::Sha256(record.SerializeAsString())},
                                                       meta.committed_at_micros()));
            return absl::OkStatus();
          }));
  response->set_version(head.current_version());
  response->set_status(head.status());
  *response->mutable_open_conflicts() = head.conflicts();
  return absl::OkStatus();
}

}  // namespace rasoat
