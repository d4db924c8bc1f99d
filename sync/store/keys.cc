#include "sync/store/keys.h"

#include <cassert>

namespace rasoat {
namespace {

void AppendId(std::string* key, std::string_view id) {
  assert(id.size() <= kMaxIdBytes);
  key->push_back(static_cast<char>(id.size()));
  key->append(id);
}

void AppendFixed64BE(std::string* key, uint64_t value) {
  for (int shift = 56; shift >= 0; shift -= 8) {
    key->push_back(static_cast<char>((value >> shift) & 0xff));
  }
}

}  // namespace

std::string HouseholdKeyOf(std::string_view round_id, std::string_view household_id) {
  std::string key;
  key.reserve(2 + round_id.size() + household_id.size());
  AppendId(&key, round_id);
  AppendId(&key, household_id);
  return key;
}

std::string VersionKeyOf(std::string_view round_id, std::string_view household_id,
                         uint64_t version) {
  std::string key;
  key.reserve(10 + round_id.size() + household_id.size());
  AppendId(&key, round_id);
  AppendId(&key, household_id);
  AppendFixed64BE(&key, version);
  return key;
}

std::string OutboxKeyOf(uint64_t seq) { return EncodeFixed64BE(seq); }

std::string DeadLetterKeyOf(uint64_t seq) { return EncodeFixed64BE(seq); }

std::string IdentityKeyOf(char kind, std::string_view id) {
  std::string key;
  key.reserve(1 + id.size());
  key.push_back(kind);
  key.append(id);
  return key;
}

std::string ChangeCommunePrefixOf(std::string_view round_id, std::string_view commune_code) {
  std::string key;
  AppendId(&key, round_id);
  AppendId(&key, commune_code);
  return key;
}

std::string ChangePrefixOf(std::string_view round_id, std::string_view commune_code,
                           std::string_view village_code) {
  std::string key;
  key.reserve(11 + round_id.size() + commune_code.size() + village_code.size());
  AppendId(&key, round_id);
  AppendId(&key, commune_code);
  AppendId(&key, village_code);
  return key;
}

std::string ChangeKeyOf(std::string_view round_id, std::string_view commune_code,
                        std::string_view village_code, uint64_t seq) {
  std::string key = ChangePrefixOf(round_id, commune_code, village_code);
  AppendFixed64BE(&key, seq);
  return key;
}

std::string RemovalEntryOf(uint8_t reason, std::string_view household_id) {
  std::string value;
  value.reserve(2 + household_id.size());
  value.push_back(kRemovalEntryTag);
  value.push_back(static_cast<char>(reason));
  value.append(household_id);
  return value;
}

ChangeEntry ParseChangeEntry(std::string_view value) {
  if (value.size() < 2 || value[0] != kRemovalEntryTag) return ChangeEntry{value};
  return ChangeEntry{value.substr(2), true, static_cast<uint8_t>(value[1])};
}

std::string MutationKeyOf(std::string_view device_id, std::string_view mutation_id) {
  std::string key;
  key.reserve(2 + device_id.size() + mutation_id.size());
  AppendId(&key, device_id);
  AppendId(&key, mutation_id);
  return key;
}

std::string EncodeFixed64BE(uint64_t value) {
  std::string out;
  AppendFixed64BE(&out, value);
  return out;
}

uint64_t DecodeFixed64BE(std::string_view bytes) {
  assert(bytes.size() >= 8);
  uint64_t value = 0;
  for (int i = 0; i < 8; ++i) value = (value << 8) | static_cast<uint8_t>(bytes[i]);
  return value;
}

std::optional<std::string_view> RoundOfKey(std::string_view key) {
  if (key.empty() || static_cast<uint8_t>(key[0]) >= key.size()) return std::nullopt;
  return key.substr(1, static_cast<uint8_t>(key[0]));
}

uint64_t SeqOfChangeKey(std::string_view change_key) {
  return DecodeFixed64BE(change_key.substr(change_key.size() - 8));
}

std::optional<std::string_view> VillageOfChangeKey(std::string_view change_key,
                                                   size_t commune_prefix_size) {
  if (change_key.size() < commune_prefix_size + 1 + 8) return std::nullopt;
  const size_t length = static_cast<uint8_t>(change_key[commune_prefix_size]);
  if (change_key.size() != commune_prefix_size + 1 + length + 8) return std::nullopt;
  return change_key.substr(commune_prefix_size + 1, length);
}

}  // namespace rasoat
