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

// changes: (round, commune, village, seq) -> household_id. One live entry per household.
std::string ChangeKeyOf(std::string_view round_id, std::string_view commune_code,
                        std::string_view village_code, uint64_t seq);
// Every change key of a village starts with this prefix, followed by the 8-byte seq.
std::string ChangePrefixOf(std::string_view round_id, std::string_view commune_code,
                           std::string_view village_code);
// Every change key of a commune starts with this prefix.
std::string ChangeCommunePrefixOf(std::string_view round_id, std::string_view commune_code);

// mutations: (device, mutation_id) -> v1::MutationResult as first returned.
std::string MutationKeyOf(std::string_view device_id, std::string_view mutation_id);

// outbox: seq -> store::OutboxEntry, a publish event written with its approval. Keyed by the
// approval's change seq: unique, and increasing for each household.
std::string OutboxKeyOf(uint64_t seq);

// dead_letters: seq -> store::DeadLetter, an outbox entry parked under the seq it had there.
std::string DeadLetterKeyOf(uint64_t seq);

// meta: names of counters.
inline constexpr std::string_view kMetaLastSeq = "last_seq";
inline constexpr std::string_view kMetaSchemaVersion = "schema_version";

// 8-byte big-endian encoding of `value`.
std::string EncodeFixed64BE(uint64_t value);
// REQUIRES: bytes.size() >= 8. Reads the first 8 bytes as big-endian.
uint64_t DecodeFixed64BE(std::string_view bytes);

// The seq of a change key: its last 8 bytes.
uint64_t SeqOfChangeKey(std::string_view change_key);
// The village code that follows `commune_prefix` in a change key, or nullopt if malformed.
std::optional<std::string_view> VillageOfChangeKey(std::string_view change_key,
                                                   size_t commune_prefix_size);

}  // namespace rasoat
