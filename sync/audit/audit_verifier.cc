#include "sync/audit/audit_verifier.h"

#include <algorithm>
#include <string>
#include <utility>

#include <google/protobuf/message.h>

#include "absl/strings/str_cat.h"
#include "sync/audit/audit_entry.pb.h"
#include "sync/audit/audit_hash.h"
#include "sync/base/status_macros.h"

namespace rasoat::audit {
namespace {

// No field the hash does not cover: a protobuf parser keeps unknown fields, and the encoding of
// audit_hash.h ignores them.
bool HasUnknownFields(const google::protobuf::Message& message) {
  return !message.GetReflection()->GetUnknownFields(message).empty();
}

bool HasUnknownFields(const AuditEntry& entry) {
  return HasUnknownFields(static_cast<const google::protobuf::Message&>(entry)) ||
         HasUnknownFields(entry.actor()) || HasUnknownFields(entry.household()) ||
         std::any_of(entry.changes().begin(), entry.changes().end(),
                     [](const HouseholdChange& change) { return HasUnknownFields(change); });
}

}  // namespace

absl::StatusOr<AuditVerifier> AuditVerifier::Create(AuditVerifierOptions options) {
  RETURN_IF_ERROR(options.Validate());
  return AuditVerifier(std::move(options));
}

AuditVerifier::AuditVerifier(AuditVerifierOptions options)
    : options_(std::move(options)), last_(options_.start) {}

absl::Status AuditVerifier::Add(uint64_t key_seq, std::string_view stored_bytes) {
  if (failure_.ok()) failure_ = Check(key_seq, stored_bytes);
  return failure_;
}

std::string AuditVerifier::Gap(uint64_t key_seq) const {
  if (entries_checked_ > 0) return absl::StrCat(last_.seq, " is followed by ", key_seq);
  if (last_.seq == 0) return absl::StrCat("the log starts at ", key_seq);
  return absl::StrCat("verification starts after entry ", last_.seq, " and the next entry is ",
                      key_seq);
}

absl::Status AuditVerifier::Check(uint64_t key_seq, std::string_view stored_bytes) {
  if (key_seq <= last_.seq) {
    return absl::InvalidArgumentError(
        absl::StrCat("audit entry ", key_seq, " was fed after entry ", last_.seq,
                     ": entries must be read in key order, after the start"));
  }
  const uint64_t expected = last_.seq + 1;
  if (key_seq == expected + 1) {
    return absl::DataLossError(
        absl::StrCat("audit entry ", expected, " is missing: ", Gap(key_seq)));
  }
  if (key_seq > expected) {
    return absl::DataLossError(absl::StrCat("audit entries ", expected, " to ", key_seq - 1,
                                            " are missing: ", Gap(key_seq)));
  }
  AuditEntry entry;
  if (!entry.ParseFromArray(stored_bytes.data(), static_cast<int>(stored_bytes.size()))) {
    return absl::DataLossError(absl::StrCat(
        "audit entry ", key_seq, ": its stored bytes are not an audit entry (altered or corrupt)"));
  }
  if (HasUnknownFields(entry)) {
    return absl::DataLossError(
        absl::StrCat("audit entry ", key_seq,
                     ": holds fields its hash does not cover (altered, or written by a newer "
                     "rasoat)"));
  }
  if (entry.seq() != key_seq) {
    return absl::DataLossError(absl::StrCat("audit entry ", key_seq, ": its key holds entry ",
                                            entry.seq(), " (entries swapped or moved)"));
  }
  ASSIGN_OR_RETURN(const std::string hash, AuditHash(entry));
  if (hash != entry.hash()) {
    return absl::DataLossError(
        absl::StrCat("audit entry ", key_seq, ": its hash does not match its content"));
  }
  if (entry.prev_hash() != last_.hash) {
    if (last_.seq == 0) {
      return absl::DataLossError(absl::StrCat(
          "audit entry ", key_seq,
          ": does not start the log (its prev_hash is not 32 zero bytes; entries removed or "
          "reordered)"));
    }
    return absl::DataLossError(absl::StrCat("audit entry ", key_seq, ": does not follow entry ",
                                            last_.seq, "'s hash (entries removed or reordered)"));
  }
  if (options_.expect_head.has_value() && options_.expect_head->seq == key_seq) {
    if (options_.expect_head->hash != hash) {
      return absl::DataLossError(absl::StrCat(
          "audit entry ", key_seq, ": its hash differs from the head exported earlier, ",
          FormatAuditHead(*options_.expect_head), " (the log was rewritten up to this entry)"));
    }
    expect_head_found_ = true;
  }
  if (entries_checked_ == 0) first_seq_ = key_seq;
  ++entries_checked_;
  last_ = AuditHead{key_seq, hash};
  return absl::OkStatus();
}

absl::StatusOr<AuditSummary> AuditVerifier::Finish() const {
  if (!failure_.ok()) return failure_;
  const std::optional<AuditHead>& expect = options_.expect_head;
  if (expect.has_value() && last_.seq < expect->seq) {
    const std::string removed =
        last_.seq + 1 == expect->seq
            ? absl::StrCat("entry ", expect->seq, " was")
            : absl::StrCat("entries ", last_.seq + 1, " to ", expect->seq, " were");
    const std::string end = entries_checked_ > 0
                                ? absl::StrCat("audit log ends at entry ", last_.seq)
                                : absl::StrCat("audit log has no entry after ", last_.seq);
    return absl::DataLossError(absl::StrCat(end, ", before the head exported earlier, ",
                                            FormatAuditHead(*expect), ": ", removed, " removed"));
  }
  AuditSummary summary;
  summary.entries_checked = entries_checked_;
  summary.first_seq = first_seq_;
  summary.last_seq = entries_checked_ > 0 ? last_.seq : 0;
  summary.head = last_;
  summary.expect_head_found =
      expect.has_value() && (expect_head_found_ || expect->seq == options_.start.seq);
  return summary;
}

}  // namespace rasoat::audit
