#include "sync/push/open_conflicts.h"

#include <algorithm>

namespace rasoat {
namespace {

v1::FieldConflict* OpenAt(store::HouseholdHead* head, const std::string& path) {
  for (v1::FieldConflict& open : *head->mutable_conflicts()) {
    if (open.path() == path) return &open;
  }
  return nullptr;
}

bool IsOpenAt(const store::HouseholdHead& head, const std::string& path) {
  return std::any_of(head.conflicts().begin(), head.conflicts().end(),
                     [&path](const v1::FieldConflict& open) { return open.path() == path; });
}

// incoming_edit_count, read as 1 where a conflict stored before the field left it 0.
uint32_t IncomingEdits(const v1::FieldConflict& conflict) {
  return std::max<uint32_t>(conflict.incoming_edit_count(), 1);
}

}  // namespace

int CountNewPaths(const store::HouseholdHead& head, const FieldConflicts& conflicts) {
  return static_cast<int>(
      std::count_if(conflicts.begin(), conflicts.end(),
                    [&head](const v1::FieldConflict& c) { return !IsOpenAt(head, c.path()); }));
}

size_t OpenConflictBytesAfter(const store::HouseholdHead& head, const FieldConflicts& conflicts) {
  size_t bytes = 0;
  for (const v1::FieldConflict& open : head.conflicts()) {
    const bool replaced =
        std::any_of(conflicts.begin(), conflicts.end(),
                    [&open](const v1::FieldConflict& c) { return c.path() == open.path(); });
    if (!replaced) bytes += open.ByteSizeLong();
  }
  for (const v1::FieldConflict& conflict : conflicts) bytes += conflict.ByteSizeLong();
  return bytes;
}

void AddOpenConflicts(const FieldConflicts& conflicts, store::HouseholdHead* head) {
  for (const v1::FieldConflict& conflict : conflicts) {
    v1::FieldConflict* open = OpenAt(head, conflict.path());
    if (open == nullptr) {
      *head->add_conflicts() = conflict;
      continue;
    }
    v1::FieldConflict collapsed = conflict;
    collapsed.set_incoming_edit_count(IncomingEdits(*open) + IncomingEdits(conflict));
    if (open->head_present() == conflict.head_present() &&
        open->head_value() == conflict.head_value()) {
      // The head's value is still the one the first collision met: still made by its author.
      collapsed.set_head_version(open->head_version());
      collapsed.set_head_device_id(open->head_device_id());
      collapsed.set_head_mutation_id(open->head_mutation_id());
    }
    *open = std::move(collapsed);
  }
}

}  // namespace rasoat
