// The audit log's stored form (audit_entry.proto, internal) copied into the form AdminService
// sends (rasoat/v1/audit.proto), field by field: the actions keep their numbers, the household
// targets become HouseholdKeys, hashes and digests stay raw bytes. Here rather than in
// server/rasoatd because the stored entry is sync/audit's own business (server/ never sees
// audit_entry.proto) and because, like the other components, sync/ answers in rasoat.v1
// messages; this is plain protobuf, no gRPC.
//
// Thread-safety: pure functions.
#pragma once

#include "rasoat/v1/audit.pb.h"
#include "sync/audit/audit_entry.pb.h"
#include "sync/audit/audit_head.h"

namespace rasoat::audit {

// `entry` as AdminService sends it.
v1::AuditEntry ToWireEntry(const AuditEntry& entry);

// `action` as AdminService sends it: the v1 value of the same number (AUDIT_ACTION_ and the
// same name).
v1::AuditAction ToWireAction(Action action);

// `head` with its hash in hex and as "SEQ:HEX". REQUIRES: head.hash is 32 bytes.
v1::AuditLogHead ToWireHead(const AuditHead& head);

}  // namespace rasoat::audit
