#include "sync/audit/audit_event.h"

#include <utility>

#include <openssl/sha.h>

namespace rasoat::audit {

namespace {

AuditEntry UnsealedEntryOf(const AuditEvent& event, int64_t time_unix_micros) {
  AuditEntry entry;
  entry.set_time_unix_micros(time_unix_micros);
  entry.mutable_actor()->set_login(event.login);
  entry.mutable_actor()->set_device_id(event.device_id);
  entry.set_action(event.action);
  if (!event.household_id.empty()) {
    entry.mutable_household()->set_round_id(event.round_id);
    entry.mutable_household()->set_household_id(event.household_id);
  } else if (!event.subject.empty()) {
    entry.set_subject(event.subject);
  }
  entry.mutable_versions()->Add(event.versions.begin(), event.versions.end());
  entry.set_digest(event.digest);
  return entry;
}

}  // namespace

std::string EncodeUnsealed(const AuditEvent& event, int64_t time_unix_micros) {
  return UnsealedEntryOf(event, time_unix_micros).SerializeAsString();
}

std::string EncodeUnsealed(const AuditEvent& event, std::vector<HouseholdChange> changes,
                           int64_t time_unix_micros) {
  AuditEntry entry = UnsealedEntryOf(event, time_unix_micros);
  entry.mutable_changes()->Reserve(static_cast<int>(changes.size()));
  for (HouseholdChange& change : changes) *entry.add_changes() = std::move(change);
  return entry.SerializeAsString();
}

std::string Sha256(std::string_view bytes) {
  std::string digest(SHA256_DIGEST_LENGTH, '\0');
  SHA256(reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size(),
         reinterpret_cast<unsigned char*>(digest.data()));
  return digest;
}

}  // namespace rasoat::audit
