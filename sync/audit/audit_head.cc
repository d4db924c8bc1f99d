#include "sync/audit/audit_head.h"

#include <limits>

#include "absl/strings/escaping.h"
#include "absl/strings/str_cat.h"
#include "sync/audit/audit_hash.h"

namespace rasoat::audit {
namespace {

constexpr char kFormat[] = "expected SEQ:HASH, a decimal seq and 64 hex digits";

bool IsHexDigit(char c) {
  return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}

}  // namespace

AuditHead EmptyLogHead() { return AuditHead{0, std::string(kAuditHashBytes, '\0')}; }

std::string FormatAuditHead(const AuditHead& head) {
  return absl::StrCat(head.seq, ":", absl::BytesToHexString(head.hash));
}

absl::StatusOr<AuditHead> ParseAuditHead(std::string_view text) {
  const size_t colon = text.find(':');
  if (colon == std::string_view::npos) {
    return absl::InvalidArgumentError(absl::StrCat("audit head: no colon; ", kFormat));
  }
  const std::string_view seq_text = text.substr(0, colon);
  const std::string_view hex = text.substr(colon + 1);
  if (seq_text.empty() || (seq_text.size() > 1 && seq_text[0] == '0')) {
    return absl::InvalidArgumentError(
        absl::StrCat("audit head: the seq is empty or has a leading zero; ", kFormat));
  }
  AuditHead head;
  for (char c : seq_text) {
    if (c < '0' || c > '9') {
      return absl::InvalidArgumentError(
          absl::StrCat("audit head: the seq is not a decimal number; ", kFormat));
    }
    const uint64_t digit = static_cast<uint64_t>(c - '0');
    if (head.seq > (std::numeric_limits<uint64_t>::max() - digit) / 10) {
      return absl::InvalidArgumentError("audit head: the seq is larger than 2^64 - 1");
    }
    head.seq = head.seq * 10 + digit;
  }
  if (hex.size() != 2 * kAuditHashBytes) {
    return absl::InvalidArgumentError(
        absl::StrCat("audit head: the hash has ", hex.size(), " characters, not 64; ", kFormat));
  }
  for (char c : hex) {
    if (!IsHexDigit(c)) {
      return absl::InvalidArgumentError(
          absl::StrCat("audit head: the hash is not hexadecimal; ", kFormat));
    }
  }
  head.hash = absl::HexStringToBytes(absl::string_view(hex.data(), hex.size()));
  if (head.seq == 0 && head != EmptyLogHead()) {
    return absl::InvalidArgumentError("audit head: seq 0 is the empty log, whose hash is 64 zeros");
  }
  return head;
}

}  // namespace rasoat::audit
