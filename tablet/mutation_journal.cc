#include "tablet/mutation_journal.h"

#include "tablet/record_paths.h"

namespace rasoat::tablet {

void ListEdits(const std::vector<std::string>& edited_paths, const v1::Household& base_record,
               JournalEntry* entry) {
  entry->changed_paths.clear();
  entry->added_elements.clear();
  for (const std::string& path : edited_paths) {
    const std::optional<std::string> before = ValueAt(base_record, path);
    const std::optional<std::string> after = ValueAt(entry->record, path);
    if (before == after) continue;
    if (IsElementPath(path)) {
      if (!before.has_value()) entry->added_elements.push_back(path);
    } else {
      entry->changed_paths.push_back(path);
    }
  }
}

}  // namespace rasoat::tablet
