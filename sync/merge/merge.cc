#include "sync/merge/merge.h"

#include <span>
#include <string>
#include <utility>
#include <vector>

#include <google/protobuf/descriptor.h>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "sync/merge/merge_fields.h"
#include "sync/merge/merge_ids.h"

namespace rasoat {
namespace {

using ::google::protobuf::Descriptor;
using ::google::protobuf::FieldDescriptor;
using ::google::protobuf::Message;
using ::google::protobuf::Reflection;
using internal::ElementPath;
using internal::FieldPath;
using internal::HasValue;
using internal::IdentityOf;
using internal::IdIndex;
using internal::IdOf;
using internal::IndexById;
using internal::SameField;
using internal::SameMessage;

using FieldSpan = std::span<const FieldDescriptor* const>;

bool IsEmpty(const Message& message) {
  std::vector<const FieldDescriptor*> fields;
  message.GetReflection()->ListFields(message, &fields);
  return fields.empty();
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

  void Merge(const Level& at) { MergeMessage(at); }

 private:
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

  // Whether a sub-message or element all three sides have is unchanged on both. Most are (a
  // tablet edits one member of six), and serializing three with generated code costs a
  // fraction of comparing them field by field through reflection, or of naming their path.
  // Equal bytes mean equal messages; different bytes may not (map order, say), and are merged
  // field by field. The bytes go to buffers reused from one call to the next.
  bool Unchanged(const Message& base, const Message& head, const Message& incoming) {
    base.SerializeToString(&base_bytes_);
    head.SerializeToString(&other_bytes_);
    if (other_bytes_ != base_bytes_) return false;
    incoming.SerializeToString(&other_bytes_);
    return other_bytes_ == base_bytes_;
  }

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
    std::string path = FieldPath(at.path, name);
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
    if (in_head && in_incoming && in_base && Unchanged(base, head, incoming)) return;
    std::string path = FieldPath(at.path, field->name());
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
        internal::Assign(incoming, reflection->MutableMessage(at.merged, field));
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
    const std::string list_path = FieldPath(at.path, field->name());
    // Also what "added on both sides" merges against.
    const Message& empty = *reflection->GetMessageFactory()->GetPrototype(field->message_type());
    const Reflection* element_reflection = empty.GetReflection();
    IdIndex base_index, head_index, incoming_index;
    const auto index_side = [&](const Message& message, IdIndex* index) {
      return IndexById(reflection, element_reflection, message, field, id_field, index);
    };
    // A side whose elements cannot all be named (a record stored before ids were checked where
    // records enter) makes the list one value, so that every other path still merges.
    if (!index_side(at.base, &base_index) || !index_side(at.head, &head_index) ||
        !index_side(at.incoming, &incoming_index)) {
      return MergeValue(at, FieldSpan(&field, 1), field->name());
    }
    const auto find = [&](const Message& message, const IdIndex& index,
                          const std::string& id) -> const Message* {
      const auto found = index.find(id);
      if (found == index.end()) return nullptr;
      return &reflection->GetRepeatedMessage(message, field, found->second);
    };

    // The head's elements, in the head's order, less those incoming removed and head did not
    // change. `merged` holds them already: move the kept ones to the front, drop the rest.
    int kept = 0;
    const int head_size = reflection->FieldSize(at.head, field);
    for (int h = 0; h < head_size; ++h) {
      const Message& head = reflection->GetRepeatedMessage(at.head, field, h);
      const std::string id = IdOf(element_reflection, head, id_field);
      const Message* base = find(at.base, base_index, id);
      const Message* incoming = find(at.incoming, incoming_index, id);
      if (incoming == nullptr && base != nullptr && SameMessage(*base, head)) {
        Note(ElementPath(list_path, id), MergeSource::kIncoming);
        continue;
      }
      if (kept != h) reflection->SwapElements(at.merged, field, kept, h);
      ++kept;
      if (incoming != nullptr && base != nullptr && Unchanged(*base, head, *incoming)) continue;
      std::string path = ElementPath(list_path, id);
      if (incoming != nullptr) {
        // On both sides: field by field, against an empty element if both added it.
        MergeMessage({base != nullptr ? *base : empty, base != nullptr, head, *incoming,
                      reflection->MutableRepeatedMessage(at.merged, field, kept - 1), path,
                      element_reflection});
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
      const std::string id = IdOf(element_reflection, base, id_field);
      if (head_index.contains(id)) continue;
      const Message* incoming = find(at.incoming, incoming_index, id);
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
      const std::string id = IdOf(element_reflection, incoming, id_field);
      if (base_index.contains(id) || head_index.contains(id)) continue;
      std::string path = ElementPath(list_path, id);
      internal::Assign(incoming, reflection->AddMessage(at.merged, field));
      Note(std::move(path), MergeSource::kIncoming);
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
  std::string base_bytes_;
  std::string other_bytes_;
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

  internal::Assign(head, merged);
  MergeResult result;
  // An empty base is a missing one: its fields show as absent, not as defaults, in conflicts.
  Merger(&result).Merge({base, !IsEmpty(base), head, incoming, merged, "", head.GetReflection()});
  return result;
}

}  // namespace rasoat
