#include "sync/audit/audit_wire.h"

#include "absl/strings/escaping.h"

namespace rasoat::audit {

v1::AuditAction ToWireAction(Action action) {
  // The numbers are the same by construction (audit_wire_test checks every name); an action this
  // build's wire enum lacks passes as its number, which proto3 keeps.
  return static_cast<v1::AuditAction>(action);
}

v1::AuditEntry ToWireEntry(const AuditEntry& entry) {
  v1::AuditEntry wire;
  wire.set_seq(entry.seq());
  wire.set_time_unix_micros(entry.time_unix_micros());
  wire.mutable_actor()->set_login(entry.actor().login());
  wire.mutable_actor()->set_device_id(entry.actor().device_id());
  wire.set_action(ToWireAction(entry.action()));
  switch (entry.target_case()) {
    case AuditEntry::kHousehold:
      wire.mutable_household()->set_round_id(entry.household().round_id());
      wire.mutable_household()->set_household_id(entry.household().household_id());
      break;
    case AuditEntry::kSubject:
      wire.set_subject(entry.subject());
      break;
    case AuditEntry::TARGET_NOT_SET:
      break;
  }
  *wire.mutable_versions() = entry.versions();
  wire.set_digest(entry.digest());
  wire.set_prev_hash(entry.prev_hash());
  wire.set_hash(entry.hash());
  for (const HouseholdChange& change : entry.changes()) {
    v1::AuditHouseholdChange* out = wire.add_changes();
    out->mutable_household()->set_round_id(change.round_id());
    out->mutable_household()->set_household_id(change.household_id());
    out->set_action(ToWireAction(change.action()));
    out->set_version(change.version());
    out->set_digest(change.digest());
  }
  return wire;
}

v1::AuditLogHead ToWireHead(const AuditHead& head) {
  v1::AuditLogHead wire;
  wire.set_seq(head.seq);
  wire.set_hash_hex(absl::BytesToHexString(head.hash));
  wire.set_text(FormatAuditHead(head));
  return wire;
}

}  // namespace rasoat::audit
