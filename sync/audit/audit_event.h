// AuditEvent: what a component records of a state change it commits (DESIGN.md "Identity,
// authorization, audit"): who (the caller's login and tablet), what (the action), on what (a
// household, or a subject such as a login), which versions, and a digest of what changed —
// never the personal data itself. Encoded without its chain, it goes into the change's own
// batch (CommitBatch::AddAuditEntry); the audit log seals it once committed.
//
// Thread-safety: a value and pure functions.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "sync/audit/audit_entry.pb.h"

namespace rasoat::audit {

struct AuditEvent {
  Action action = ACTION_UNSPECIFIED;
  std::string login;
  std::string device_id;
  // A household, or else a subject (a login, a device id); neither for the whole server.
  std::string round_id;
  std::string household_id;
  std::string subject;
  std::vector<uint64_t> versions;
  // Of what changed: Sha256(...) of a record, a comment, a token's id.
  std::string digest;
};

// `event` at `time_unix_micros` as a serialized AuditEntry without seq or chain.
std::string EncodeUnsealed(const AuditEvent& event, int64_t time_unix_micros);
// The same for an event about several households (a push): `event` with `changes`, one per
// household, in order.
std::string EncodeUnsealed(const AuditEvent& event, std::vector<HouseholdChange> changes,
                           int64_t time_unix_micros);

// The SHA-256 of `bytes`, 32 bytes: the digest of what changed.
std::string Sha256(std::string_view bytes);

}  // namespace rasoat::audit
