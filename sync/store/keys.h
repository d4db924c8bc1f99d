// Binary keys of the RocksDB column families, one function per family (DESIGN.md "Storage").
//
// Strings are encoded as one length byte followed by the bytes, so a key's components never run
// into each other and every key of a (round, household) or (round, commune, village) shares a
// prefix. Integers are 8 bytes big-endian, so they sort numerically. Identifiers longer than
// kMaxIdBytes (sync/base/limits.h) are refused before a key is built.
//
// Thread-safety: pure functions.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "sync/base/limits.h"

namespace rasoat {

// households: (round, household) -> store::HouseholdHead.
std::string HouseholdKeyOf(std::string_view round_id, std::string_view household_id);

// versions: (round, household, version) -> version value (version_value.h).
std::string VersionKeyOf(std::string_view round_id, std::string_view household_id,
                         uint64_t version);

// changes: (round, commune, village, seq) -> a live entry, the household id: the household is in
// that village and seq is its last change; or a removal entry (RemovalEntryOf): the household
// left the village at seq. One entry per household per village: the live one where it is, a
// removal in each village it left and has not come back to.
std::string ChangeKeyOf(std::string_view round_id, std::string_view commune_code,
                        std::string_view village_code, uint64_t seq);
// Every change key of a village starts with this prefix, followed by the 8-byte seq.
std::string ChangePrefixOf(std::string_view round_id, std::string_view commune_code,
                           std::string_view village_code);
// Every change key of a commune starts with this prefix.
std::string ChangeCommunePrefixOf(std::string_view round_id, std::string_view commune_code);

// A removal entry: kRemovalEntryTag, one byte of reason (a v1::RemovalReason value), then the
// household id. Household ids never contain NUL (sync/base/text.h), so a live entry never
// starts with the tag.
inline constexpr char kRemovalEntryTag = '\0';
std::string RemovalEntryOf(uint8_t reason, std::string_view household_id);

// A change entry's value, parsed: the household, and for a removal entry its reason.
struct ChangeEntry {
  std::string_view household_id;
  bool removal = false;
  uint8_t reason = 0;
};
ChangeEntry ParseChangeEntry(std::string_view value);

// mutations: (device, mutation_id) -> the result first returned and the mutation's digest
// (mutation_value.h).
std::string MutationKeyOf(std::string_view device_id, std::string_view mutation_id);

// outbox: seq -> store::OutboxEntry, a publish event written with its approval. Keyed by the
// approval's change seq: unique, and increasing for each household.
std::string OutboxKeyOf(uint64_t seq);

// dead_letters: seq -> store::DeadLetter, an outbox entry parked under the seq it had there.
std::string DeadLetterKeyOf(uint64_t seq);

// identity: a kind byte, then the id. Users by login (store::UserRecord), tablets by device id
// (v1::Device), tokens by the SHA-256 hash of the token (v1::TokenInfo; sync/identity).
inline constexpr char kIdentityUser = 'u';
inline constexpr char kIdentityDevice = 'd';
inline constexpr char kIdentityToken = 't';
// When a tablet was last seen: 8 bytes, big-endian Unix microseconds, under the device id. Apart
// from the device's record, so that writing it never races with a revocation.
inline constexpr char kIdentityDeviceSeen = 's';
std::string IdentityKeyOf(char kind, std::string_view id);

// audit_pending: seq (reserved by the committer) -> an audit entry without its chain, written in
// the batch of the change it records. audit: seq (1, 2, 3, ... the log's own) -> the sealed
// entry (sync/audit). Both 8 bytes big-endian, as EncodeFixed64BE.

// meta: names of counters, and of the store's identity (store.h, CursorIdentity): its id, its
// epoch (8 bytes big-endian) and the key pull cursors are authenticated with.
inline constexpr std::string_view kMetaLastSeq = "last_seq";
inline constexpr std::string_view kMetaSchemaVersion = "schema_version";
inline constexpr std::string_view kMetaStoreId = "store_id";
inline constexpr std::string_view kMetaEpoch = "epoch";
inline constexpr std::string_view kMetaCursorMacKey = "cursor_mac_key";

// 8-byte big-endian encoding of `value`.
std::string EncodeFixed64BE(uint64_t value);
// REQUIRES: bytes.size() >= 8. Reads the first 8 bytes as big-endian.
uint64_t DecodeFixed64BE(std::string_view bytes);

// The round of a household, version or change key: its first id; nullopt if malformed.
std::optional<std::string_view> RoundOfKey(std::string_view key);

// The seq of a change key: its last 8 bytes.
uint64_t SeqOfChangeKey(std::string_view change_key);
// The village code that follows `commune_prefix` in a change key, or nullopt if malformed.
std::optional<std::string_view> VillageOfChangeKey(std::string_view change_key,
                                                   size_t commune_prefix_size);

}  // namespace rasoat
