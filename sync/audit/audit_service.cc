#include "sync/audit/audit_service.h"

#include <algorithm>
#include <cstdint>
#include <limits>
#include <optional>
#include <string>
#include <string_view>
#include <utility>

#include "absl/status/statusor.h"
#include "absl/strings/str_cat.h"
#include "sync/audit/audit_entry.pb.h"
#include "sync/audit/audit_head.h"
#include "sync/audit/audit_wire.h"
#include "sync/base/status_macros.h"

namespace rasoat::audit {
namespace {

constexpr uint32_t kDefaultPageSize = 100;
constexpr uint32_t kMaxPageSize = 1000;

// Whether (round_id, household_id) is the household `request` asks about; an empty field of
// the request matches any.
bool IsRequestedHousehold(const v1::ListAuditRequest& request, const std::string& round_id,
                          const std::string& household_id) {
  return (request.round_id().empty() || round_id == request.round_id()) &&
         (request.household_id().empty() || household_id == request.household_id());
}

// Whether `entry` passes every filter of `request`.
bool Matches(const v1::ListAuditRequest& request, const AuditEntry& entry) {
  if (!request.actor_login().empty() && entry.actor().login() != request.actor_login()) {
    return false;
  }
  if (entry.time_unix_micros() < request.since_unix_micros()) return false;
  if (request.household_id().empty() && request.round_id().empty()) return true;
  if (entry.has_household() && IsRequestedHousehold(request, entry.household().round_id(),
                                                    entry.household().household_id())) {
    return true;
  }
  return std::any_of(
      entry.changes().begin(), entry.changes().end(), [&request](const HouseholdChange& change) {
        return IsRequestedHousehold(request, change.round_id(), change.household_id());
      });
}

}  // namespace

absl::Status AuditService::Head(v1::AuditHeadResponse* response) {
  RETURN_IF_ERROR(log_->SealCommitted());
  *response->mutable_head() = ToWireHead(log_->Head());
  return absl::OkStatus();
}

absl::Status AuditService::Verify(const v1::VerifyAuditRequest& request,
                                  v1::VerifyAuditResponse* response) {
  std::optional<AuditHead> expect_head;
  if (!request.expect_head().empty()) {
    absl::StatusOr<AuditHead> parsed = ParseAuditHead(request.expect_head());
    if (!parsed.ok()) {
      return absl::InvalidArgumentError(absl::StrCat("expect_head: ", parsed.status().message()));
    }
    expect_head = *std::move(parsed);
  }
  absl::StatusOr<AuditSummary> summary = log_->Verify(std::move(expect_head));
  if (absl::IsDataLoss(summary.status())) {
    // The log is not whole: an answer for the caller to show, not a failed call.
    response->set_intact(false);
    response->set_problem(std::string(summary.status().message()));
    return absl::OkStatus();
  }
  RETURN_IF_ERROR(summary.status());
  response->set_intact(true);
  response->set_entries_checked(summary->entries_checked);
  response->set_first_seq(summary->first_seq);
  response->set_last_seq(summary->last_seq);
  *response->mutable_head() = ToWireHead(summary->head);
  response->set_expect_head_found(summary->expect_head_found);
  return absl::OkStatus();
}

absl::Status AuditService::List(const v1::ListAuditRequest& request,
                                v1::ListAuditResponse* response) {
  if (request.since_unix_micros() < 0) {
    return absl::InvalidArgumentError("since_unix_micros: negative");
  }
  const uint32_t page_size =
      request.page_size() == 0 ? kDefaultPageSize : std::min(request.page_size(), kMaxPageSize);
  if (request.after_seq() == std::numeric_limits<uint64_t>::max()) return absl::OkStatus();
  RETURN_IF_ERROR(log_->SealCommitted());
  uint64_t scanned = 0;
  uint64_t last_scanned = 0;
  AuditEntry entry;
  RETURN_IF_ERROR(records_.ForEachSealedWhile(
      request.after_seq() + 1, [&](uint64_t seq, std::string_view bytes) -> absl::StatusOr<bool> {
        if (scanned == max_scanned_) {
          // Read enough for one call: the next page starts after what was read.
          response->set_next_page_seq(last_scanned);
          return false;
        }
        ++scanned;
        entry.Clear();
        if (!entry.ParseFromArray(bytes.data(), static_cast<int>(bytes.size()))) {
          return absl::DataLossError(
              absl::StrCat("audit entry ", seq, ": its stored bytes are not an audit entry"));
        }
        if (Matches(request, entry)) {
          if (static_cast<uint32_t>(response->entries_size()) == page_size) {
            // One more matches: there is a next page, and it starts with this entry.
            response->set_next_page_seq(seq - 1);
            return false;
          }
          *response->add_entries() = ToWireEntry(entry);
        }
        last_scanned = seq;
        return true;
      }));
  return absl::OkStatus();
}

}  // namespace rasoat::audit
