#include "sync/merge.h"

#include <span>
#include <string>
#include <utility>
#include <vector>

#include <google/protobuf/descriptor.h>

#include "absl/container/flat_hash_map.h"
#include "absl/container/flat_hash_set.h"
#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "sync/merge_fields.h"
#include "sync/status_macros.h"

namespace rasoat {
namespace {

using ::google::protobuf::Descriptor;
using ::google::protobuf::FieldDescriptor;
using ::google::protobuf::Message;
using ::google::protobuf::Reflection;
using internal::HasValue;
using internal::IdentityOf;
using internal::IdOf;
using internal::SameField;
using internal::SameMessage;

using FieldSpan = std::span<const FieldDescriptor* const>;
// Id -> index of the elements of one identity-keyed list.
using IdIndex = absl::flat_hash_map<std::string, int>;

std::string Join(const std::string& path, const std::string& name) {
  return path.empty() ? name : absl::StrCat(path, ".", name);
}

std::string ElementPath(const std::string& list_path, const std::string& id) {
  return absl::StrCat(list_path, "[", id, "]");
}

bool IsEmpty(const Message& message) {
  std::vector<const FieldDescriptor*> fields;
  message.GetReflection()->ListFields(message, &fields);
  return fields.empty();
}

// OK if every identity-keyed list in `message`, at any depth, has non-empty unique ids. Done
// before merging so that no error can leave the merged record half-built. `*path` is the path
// of `message`, one buffer extended and cut back as the walk goes: every record is checked on
// every merge, and building a string per sub-message showed in the benchmark.
absl::Status CheckIds(const Message& message, const std::string& side, std::string* path) {
  const Descriptor* descriptor = message.GetDescriptor();
  const Reflection* reflection = message.GetReflection();
  const size_t path_size = path->size();
  for (int f = 0; f < descriptor->field_count(); ++f) {
    const FieldDescriptor* field = descriptor->field(f);
    if (field->cpp_type() != FieldDescriptor::CPPTYPE_MESSAGE) continue;
    if (!field->is_repeated() && !reflection->HasField(message, field)) continue;
    path->resize(path_size);
    absl::StrAppend(path, path_size == 0 ? "" : ".", field->name());
    if (!field->is_repeated()) {
      RETURN_IF_ERROR(CheckIds(reflection->GetMessage(message, field), side, path));
      continue;
    }
    const size_t list_path_size = path->size();
    const FieldDescriptor* id_field = IdentityOf(field);
    absl::flat_hash_set<std::string> seen;
    for (int i = 0; i < reflection->FieldSize(message, field); ++i) {
      const Message& element = reflection->GetRepeatedMessage(message, field, i);
      path->resize(list_path_size);
      if (id_field == nullptr) {
        absl::StrAppend(path, "[", i, "]");
      } else {
        std::string id = IdOf(element, id_field);
        // A map's key may be empty; an identity may not: it would name no one.
        if (id.empty() && !field->is_map()) {
          return absl::InvalidArgumentError(absl::StrCat(side, ": element ", i, " of ", *path,
                                                         " has an empty ", id_field->name()));
        }
        absl::StrAppend(path, "[", id, "]");
        if (!seen.insert(std::move(id)).second) {
          return absl::InvalidArgumentError(
              absl::StrCat(side, ": two elements with the path ", *path));
        }
      }
      RETURN_IF_ERROR(CheckIds(element, side, path));
    }
  }
  return absl::OkStatus();
}

IdIndex IndexById(const Message& message, const FieldDescriptor* field,
                  const FieldDescriptor* id_field) {
  const Reflection* reflection = message.GetReflection();
  IdIndex index;
  index.reserve(reflection->FieldSize(message, field));
  for (int i = 0; i < reflection->FieldSize(message, field); ++i) {
    index.emplace(IdOf(reflection->GetRepeatedMessage(message, field, i), id_field), i);
  }
  return index;
}

// The element of `message`'s list `field` with `id`, or nullptr.
const Message* Find(const Reflection* reflection, const Message& message,
                    const FieldDescriptor* field, const IdIndex& index, const std::string& id) {
  const auto found = index.find(id);
  if (found == index.end()) return nullptr;
  return &reflection->GetRepeatedMessage(message, field, found->second);
}

// One message being merged. `merged` starts as a copy of `head`, so that keeping the head's
// value needs no work and only incoming's changes are written.
struct Level {
  const Message& base;  // The empty message if base lacks this one: see base_present.
  bool base_present;
  const Message& head;
  const Message& incoming;
  Message* merged;  // Not owned.
  const std::string& path;
  // The messages' type's, looked up once: a lookup per field would cost more than the merge.
  const Reflection* reflection;
};

// Applies the merge rules of merge.h to one message and, recursively, to its sub-messages and
// elements, adding to `result` as it goes.
class Merger {
 public:
  explicit Merger(MergeResult* result) : result_(result) {}

  void MergeMessage(const Level& at) {
    const Descriptor* descriptor = at.head.GetDescriptor();
    for (int i = 0; i < descriptor->field_count(); ++i) {
      const FieldDescriptor* field = descriptor->field(i);
      if (field->real_containing_oneof() != nullptr) continue;  // Merged with its oneof below.
      if (const FieldDescriptor* id_field = IdentityOf(field)) {
        MergeList(at, field, id_field);
      } else if (!field->is_repeated() && field->cpp_type() == FieldDescriptor::CPPTYPE_MESSAGE) {
        MergeSubMessage(at, field);
      } else {
        MergeValue(at, FieldSpan(&field, 1), field->name());
      }
    }
    // A oneof is one value: merging its fields one by one could set two of them.
    for (int i = 0; i < descriptor->real_oneof_decl_count(); ++i) {
      const google::protobuf::OneofDescriptor* oneof = descriptor->oneof_decl(i);
      std::vector<const FieldDescriptor*> fields;
      for (int j = 0; j < oneof->field_count(); ++j) fields.push_back(oneof->field(j));
      MergeValue(at, fields, oneof->name());
    }
  }

 private:
  // `fields` of the message at `at`, taken as one value named `name`.
  void MergeValue(const Level& at, FieldSpan fields, const std::string& name) {
    const auto same = [&at, fields](const Message& a, const Message& b) {
      for (const FieldDescriptor* field : fields) {
        if (!SameField(at.reflection, a, b, field)) return false;
      }
      return true;
    };
    const bool head_changed = !same(at.base, at.head);
    const bool incoming_changed = !same(at.base, at.incoming);
    if (!head_changed && !incoming_changed) return;
    std::string path = Join(at.path, name);
    if (!incoming_changed) return Note(std::move(path), MergeSource::kHead);
    if (!head_changed) {
      for (const FieldDescriptor* field : fields) {
        internal::CopyField(at.incoming, field, at.merged);
      }
      return Note(std::move(path), MergeSource::kIncoming);
    }
    if (same(at.head, at.incoming)) return Note(std::move(path), MergeSource::kBoth);

    const auto present = [fields](const Message& message) {
      for (const FieldDescriptor* field : fields) {
        if (HasValue(message, field)) return true;
      }
      return false;
    };
    const auto text = [fields](bool present, const Message& message) {
      return present ? internal::ValueText(message, fields) : std::string();
    };
    const bool in_base = at.base_present && present(at.base);
    const bool in_head = present(at.head);
    const bool in_incoming = present(at.incoming);
    AddConflict({.path = std::move(path),
                 .base_present = in_base,
                 .head_present = in_head,
                 .incoming_present = in_incoming,
                 .base_value = text(in_base, at.base),
                 .head_value = text(in_head, at.head),
                 .incoming_value = text(in_incoming, at.incoming)});
  }

  // Singular message `field`: merged field by field where both sides have it, otherwise
  // added or removed as a whole.
  void MergeSubMessage(const Level& at, const FieldDescriptor* field) {
    const Reflection* reflection = at.reflection;
    const bool in_base = at.base_present && reflection->HasField(at.base, field);
    const bool in_head = reflection->HasField(at.head, field);
    const bool in_incoming = reflection->HasField(at.incoming, field);
    if (!in_base && !in_head && !in_incoming) return;
    // GetMessage gives the empty message where a side lacks the field.
    const Message& base = reflection->GetMessage(at.base, field);
    const Message& head = reflection->GetMessage(at.head, field);
    const Message& incoming = reflection->GetMessage(at.incoming, field);
    std::string path = Join(at.path, field->name());
    if (in_head && in_incoming) {
      return MergeMessage({base, in_base, head, incoming,
                           reflection->MutableMessage(at.merged, field), path,
                           head.GetReflection()});
    }
    if (!in_head && !in_incoming) return Note(std::move(path), MergeSource::kBoth);
    if (in_head) {  // Incoming lacks it.
      if (!in_base) return Note(std::move(path), MergeSource::kHead);
      if (SameMessage(base, head)) {
        reflection->ClearField(at.merged, field);
        return Note(std::move(path), MergeSource::kIncoming);
      }
    } else {  // Head lacks it.
      if (!in_base) {
        reflection->MutableMessage(at.merged, field)->CopyFrom(incoming);
        return Note(std::move(path), MergeSource::kIncoming);
      }
      if (SameMessage(base, incoming)) return Note(std::move(path), MergeSource::kHead);
    }
    // Removed on one side, changed on the other.
    AddWholeConflict(std::move(path), in_base ? &base : nullptr, in_head ? &head : nullptr,
                     in_incoming ? &incoming : nullptr);
  }

  // Identity-keyed list `field`, element by element.
  void MergeList(const Level& at, const FieldDescriptor* field, const FieldDescriptor* id_field) {
    const Reflection* reflection = at.reflection;
    const std::string list_path = Join(at.path, field->name());
    const IdIndex base_index = IndexById(at.base, field, id_field);
    const IdIndex head_index = IndexById(at.head, field, id_field);
    const IdIndex incoming_index = IndexById(at.incoming, field, id_field);

    // The head's elements, in the head's order, less those incoming removed and head did not
    // change. `merged` holds them already: move the kept ones to the front, drop the rest.
    int kept = 0;
    const int head_size = reflection->FieldSize(at.head, field);
    for (int h = 0; h < head_size; ++h) {
      const Message& head = reflection->GetRepeatedMessage(at.head, field, h);
      const std::string id = IdOf(head, id_field);
      const Message* base = Find(reflection, at.base, field, base_index, id);
      const Message* incoming = Find(reflection, at.incoming, field, incoming_index, id);
      std::string path = ElementPath(list_path, id);
      if (incoming == nullptr && base != nullptr && SameMessage(*base, head)) {
        Note(std::move(path), MergeSource::kIncoming);
        continue;
      }
      if (kept != h) reflection->SwapElements(at.merged, field, kept, h);
      Message* merged = reflection->MutableRepeatedMessage(at.merged, field, kept++);
      if (incoming != nullptr) {
        // On both sides: field by field, against an empty element if both added it.
        const Message& empty = *reflection->GetMessageFactory()->GetPrototype(head.GetDescriptor());
        MergeMessage({base != nullptr ? *base : empty, base != nullptr, head, *incoming, merged,
                      path, head.GetReflection()});
      } else if (base == nullptr) {
        Note(std::move(path), MergeSource::kHead);
      } else {
        AddWholeConflict(std::move(path), base, &head, nullptr);
      }
    }
    while (reflection->FieldSize(*at.merged, field) > kept) {
      reflection->RemoveLast(at.merged, field);
    }

    // The elements head removed: removed, unless incoming changed them.
    for (int b = 0; b < reflection->FieldSize(at.base, field); ++b) {
      const Message& base = reflection->GetRepeatedMessage(at.base, field, b);
      const std::string id = IdOf(base, id_field);
      if (head_index.contains(id)) continue;
      const Message* incoming = Find(reflection, at.incoming, field, incoming_index, id);
      std::string path = ElementPath(list_path, id);
      if (incoming == nullptr) {
        Note(std::move(path), MergeSource::kBoth);
      } else if (SameMessage(base, *incoming)) {
        Note(std::move(path), MergeSource::kHead);
      } else {
        AddWholeConflict(std::move(path), &base, nullptr, incoming);
      }
    }

    // The elements only incoming added, after the head's, in incoming's order.
    for (int i = 0; i < reflection->FieldSize(at.incoming, field); ++i) {
      const Message& incoming = reflection->GetRepeatedMessage(at.incoming, field, i);
      const std::string id = IdOf(incoming, id_field);
      if (base_index.contains(id) || head_index.contains(id)) continue;
      reflection->AddMessage(at.merged, field)->CopyFrom(incoming);
      Note(ElementPath(list_path, id), MergeSource::kIncoming);
    }
  }

  void Note(std::string path, MergeSource source) {
    result_->notes.push_back({std::move(path), source});
  }

  // A conflict on a whole element or sub-message; nullptr where a side lacks it.
  void AddWholeConflict(std::string path, const Message* base, const Message* head,
                        const Message* incoming) {
    const auto text = [](const Message* message) {
      return message != nullptr ? internal::MessageText(*message) : std::string();
    };
    AddConflict({.path = std::move(path),
                 .base_present = base != nullptr,
                 .head_present = head != nullptr,
                 .incoming_present = incoming != nullptr,
                 .base_value = text(base),
                 .head_value = text(head),
                 .incoming_value = text(incoming)});
  }

  // The merged record keeps the head's value: that is where it came from.
  void AddConflict(MergeConflict conflict) {
    Note(conflict.path, MergeSource::kHead);
    result_->conflicts.push_back(std::move(conflict));
  }

  MergeResult* result_;  // Not owned.
};

}  // namespace

absl::StatusOr<MergeResult> ThreeWayMerge(const Message& base, const Message& head,
                                          const Message& incoming, Message* merged) {
  const Descriptor* type = head.GetDescriptor();
  if (base.GetDescriptor() != type || incoming.GetDescriptor() != type ||
      merged->GetDescriptor() != type) {
    return absl::InvalidArgumentError(
        absl::StrCat("three-way merge of different message types: base ", base.GetTypeName(),
                     ", head ", head.GetTypeName(), ", incoming ", incoming.GetTypeName(),
                     ", merged ", merged->GetTypeName()));
  }
  if (merged == &base || merged == &head || merged == &incoming) {
    return absl::InvalidArgumentError("three-way merge into one of its inputs");
  }
  std::string path;
  RETURN_IF_ERROR(CheckIds(base, "base", &path));
  RETURN_IF_ERROR(CheckIds(head, "head", &path));
  RETURN_IF_ERROR(CheckIds(incoming, "incoming", &path));

  merged->CopyFrom(head);
  MergeResult result;
  // An empty base is a missing one: its fields show as absent, not as defaults, in conflicts.
  Merger(&result).MergeMessage(
      {base, !IsEmpty(base), head, incoming, merged, "", head.GetReflection()});
  return result;
}

}  // namespace rasoat
