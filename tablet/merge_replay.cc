#include "tablet/merge_replay.h"

#include "tablet/record_paths.h"

namespace rasoat::tablet {

std::optional<ReplayedHousehold> ReplayMerges(const v1::GetHouseholdResponse& server,
                                              const std::vector<const JournalEntry*>& entries) {
  const uint64_t versions = server.state().version();
  // The mutations that made a version (the others are reported by the check's first rule).
  std::map<std::pair<std::string, std::string>, const JournalEntry*> by_id;
  for (const JournalEntry* entry : entries) {
    if (entry->acknowledged && entry->version > 0) {
      by_id[{entry->device_id, entry->mutation_id}] = entry;
    }
  }

  // Version v was made by by_version[v]; every version must be a journaled push.
  std::vector<const JournalEntry*> by_version(versions + 1, nullptr);
  for (const v1::HistoryEntry& event : server.history()) {
    if (event.kind() == v1::HistoryEntry::KIND_APPROVED ||
        event.kind() == v1::HistoryEntry::KIND_RETURNED) {
      continue;  // a decision on a version, not a version
    }
    if (event.kind() != v1::HistoryEntry::KIND_PUSH || event.version() == 0 ||
        event.version() > versions) {
      return std::nullopt;
    }
    auto found = by_id.find({event.device_id(), event.mutation_id()});
    if (found == by_id.end() || by_version[event.version()] != nullptr) return std::nullopt;
    by_version[event.version()] = found->second;
  }
  for (uint64_t v = 1; v <= versions; ++v) {
    if (by_version[v] == nullptr || by_version[v]->version != v) return std::nullopt;
  }
  if (by_id.size() != versions) return std::nullopt;  // a journaled mutation with no version

  ReplayedHousehold replayed;
  for (uint64_t v = 1; v <= versions; ++v) {
    const JournalEntry* entry = by_version[v];
    const uint64_t base = entry->base_version;
    // The household is created by version 1; later, a base the server never issued (0) merges
    // against the empty record, and a base that is the head (v - 1) is a fast-forward.
    replayed.outcomes[entry] =
        (v == 1 || base == v - 1) ? v1::MUTATION_OUTCOME_APPLIED : v1::MUTATION_OUTCOME_MERGED;
    for (const std::string& path : entry->changed_paths)
      replayed.values.emplace(path, std::nullopt);
  }
  for (auto& [path, final_value] : replayed.values) {
    std::vector<std::optional<std::string>> value(versions + 1);  // value[0]: no record
    const JournalEntry* writer = nullptr;
    for (uint64_t v = 1; v <= versions; ++v) {
      const JournalEntry* entry = by_version[v];
      const std::optional<std::string> incoming = ValueAt(entry->record, path);
      if (v == 1) {
        value[1] = incoming;
        continue;
      }
      const uint64_t base_version = entry->base_version < v ? entry->base_version : 0;
      const std::optional<std::string>& base = value[base_version];
      const std::optional<std::string>& head = value[v - 1];
      if (incoming == base) {
        value[v] = head;  // unchanged by the incoming side
      } else if (head == base || head == incoming) {
        value[v] = incoming;
        if (head != incoming) writer = entry;
      } else {
        value[v] = head;  // both changed it, differently: the head's value stays
        // One open conflict per path: a later collision replaces an earlier one.
        // (A named reference: clang 14 cannot capture a structured binding.)
        const std::string& conflict_path = path;
        std::erase_if(replayed.conflicts, [&conflict_path](const auto& open) {
          return std::get<0>(open) == conflict_path;
        });
        replayed.conflicts.emplace(path, entry->device_id, entry->mutation_id);
        replayed.outcomes[entry] = v1::MUTATION_OUTCOME_CONFLICT;
      }
    }
    final_value = value[versions];
    replayed.last_writers[path] = writer;
  }
  return replayed;
}

}  // namespace rasoat::tablet
