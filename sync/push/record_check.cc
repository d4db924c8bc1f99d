#include "sync/push/record_check.h"

#include <algorithm>
#include <cstdint>
#include <string_view>
#include <utility>
#include <vector>

#include <google/protobuf/descriptor.h>

#include "absl/container/inlined_vector.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "rasoat/v1/options.pb.h"
#include "sync/base/text.h"

namespace rasoat {
namespace {

using ::google::protobuf::Descriptor;
using ::google::protobuf::FieldDescriptor;
using ::google::protobuf::Message;
using ::google::protobuf::Reflection;

// One step of the path from the record to the field being looked at. Steps live on the stack of
// the walk, so a path costs nothing until a field is reported.
struct Step {
  const Step* parent;  // nullptr at the record
  const FieldDescriptor* field;
  int index;  // the element's, or -1 for a singular field
};

void AppendPath(const Step* step, std::string* out) {
  if (step == nullptr) return;
  AppendPath(step->parent, out);
  if (!out->empty()) out->push_back('.');
  out->append(step->field->name());
  if (step->index >= 0) absl::StrAppend(out, "[", step->index, "]");
}

std::string PathOf(const Step& step) {
  std::string path;
  AppendPath(&step, &path);
  return path;
}

// Ids and codes are named so; the identity option marks the ids merges key lists by.
TextKind TextKindOf(const FieldDescriptor* field) {
  const bool id = field->options().GetExtension(v1::identity) ||
                  absl::EndsWith(field->name(), "_id") || absl::EndsWith(field->name(), "_code");
  return id ? TextKind::kId : TextKind::kFreeText;
}

// The field marked `(rasoat.v1.identity)` in the elements of repeated message `field` (not a
// map), or nullptr.
const FieldDescriptor* IdentityOf(const FieldDescriptor* field) {
  if (!field->is_repeated() || field->is_map() ||
      field->cpp_type() != FieldDescriptor::CPPTYPE_MESSAGE) {
    return nullptr;
  }
  const Descriptor* element = field->message_type();
  for (int i = 0; i < element->field_count(); ++i) {
    if (element->field(i)->options().GetExtension(v1::identity)) return element->field(i);
  }
  return nullptr;
}

class Walker {
 public:
  Walker(int max_violations,
         absl::FunctionRef<void(const std::string& path, std::string description)> violation)
      : left_(max_violations), violation_(violation) {}

  void Walk(const Message& message, const Step* parent) {
    const Descriptor* descriptor = message.GetDescriptor();
    const Reflection* reflection = message.GetReflection();
    for (int i = 0; i < descriptor->field_count() && left_ > 0; ++i) {
      const FieldDescriptor* field = descriptor->field(i);
      const bool text = field->type() == FieldDescriptor::TYPE_STRING;  // bytes are not text
      const bool message_field = field->cpp_type() == FieldDescriptor::CPPTYPE_MESSAGE;
      if (!text && !message_field) continue;
      std::string scratch;  // unused for plain string fields, which come by reference
      if (!field->is_repeated()) {
        const Step step{parent, field, -1};
        if (text) {
          Text(step, reflection->GetStringReference(message, field, &scratch), TextKindOf(field));
        } else if (reflection->HasField(message, field)) {
          Walk(reflection->GetMessage(message, field), &step);
        }
        continue;
      }
      const int size = reflection->FieldSize(message, field);
      if (size == 0) continue;
      if (const FieldDescriptor* id_field = IdentityOf(field)) {
        Ids(message, reflection, field, id_field, parent);
      }
      const TextKind kind = text ? TextKindOf(field) : TextKind::kFreeText;
      for (int e = 0; e < size && left_ > 0; ++e) {
        const Step step{parent, field, e};
        if (text) {
          Text(step, reflection->GetRepeatedStringReference(message, field, e, &scratch), kind);
        } else {
          Walk(reflection->GetRepeatedMessage(message, field, e), &step);
        }
      }
    }
  }

 private:
  void Report(const Step& step, std::string description) {
    if (left_ <= 0) return;
    --left_;
    violation_(PathOf(step), std::move(description));
  }

  void Text(const Step& step, std::string_view text, TextKind kind) {
    if (absl::Status status = CheckText(text, kind); !status.ok()) {
      Report(step, std::string(status.message()));
    }
  }

  // The ids of identity-keyed list `field` of `message`: present, nameable in a path, unique.
  void Ids(const Message& message, const Reflection* reflection, const FieldDescriptor* field,
           const FieldDescriptor* id_field, const Step* parent) {
    const int size = reflection->FieldSize(message, field);
    // (id, index) of every element with an id, sorted to find the repeated ones. Inline for
    // the lists households have, so that the check allocates nothing.
    absl::InlinedVector<std::pair<std::string_view, int>, 32> ids;
    // Ids that do not come by reference (integers, as text). Reserved once, when first
    // needed, so that the views into it stay valid.
    std::vector<std::string> rendered;
    for (int e = 0; e < size; ++e) {
      const Message& element = reflection->GetRepeatedMessage(message, field, e);
      const Reflection* element_reflection = element.GetReflection();
      const Step element_step{parent, field, e};
      const Step id_step{&element_step, id_field, -1};
      std::string_view id;
      if (id_field->cpp_type() == FieldDescriptor::CPPTYPE_STRING) {
        std::string scratch;
        const std::string& value =
            element_reflection->GetStringReference(element, id_field, &scratch);
        id = value;
        if (&value == &scratch) id = Keep(std::move(scratch), size, &rendered);
        if (id.empty()) {
          Report(id_step, "required: it names this element in merges and conflicts");
          continue;
        }
        if (id.find_first_of("[]") != std::string_view::npos) {
          Report(id_step,
                 "has '[' or ']', which the paths of merges and conflicts use to name "
                 "elements");
          continue;
        }
      } else {
        id = Keep(IntegerText(*element_reflection, element, id_field), size, &rendered);
      }
      ids.emplace_back(id, e);
    }
    std::sort(ids.begin(), ids.end());
    for (size_t first = 0, i = 1; i < ids.size(); ++i) {
      if (ids[i].first != ids[first].first) {
        first = i;
        continue;
      }
      const Step first_step{parent, field, ids[first].second};
      const Step element_step{parent, field, ids[i].second};
      const Step id_step{&element_step, id_field, -1};
      Report(id_step, absl::StrCat("the same as the ", id_field->name(), " of ", PathOf(first_step),
                                   ": each element needs its own"));
    }
  }

  // Moves `id` into `*kept`, which holds at most `capacity` ids, and returns a view of it.
  static std::string_view Keep(std::string id, int capacity, std::vector<std::string>* kept) {
    if (kept->capacity() == 0) kept->reserve(capacity);
    kept->push_back(std::move(id));
    return kept->back();
  }

  static std::string IntegerText(const Reflection& reflection, const Message& element,
                                 const FieldDescriptor* id_field) {
    switch (id_field->cpp_type()) {
      case FieldDescriptor::CPPTYPE_INT32:
        return absl::StrCat(reflection.GetInt32(element, id_field));
      case FieldDescriptor::CPPTYPE_INT64:
        return absl::StrCat(reflection.GetInt64(element, id_field));
      case FieldDescriptor::CPPTYPE_UINT32:
        return absl::StrCat(reflection.GetUInt32(element, id_field));
      case FieldDescriptor::CPPTYPE_UINT64:
        return absl::StrCat(reflection.GetUInt64(element, id_field));
      default:  // options.proto allows string and integer identities only
        return std::string();
    }
  }

  int left_;
  absl::FunctionRef<void(const std::string& path, std::string description)> violation_;
};

}  // namespace

void CheckRecordFields(
    const Message& record, int max_violations,
    absl::FunctionRef<void(const std::string& path, std::string description)> violation) {
  Walker(max_violations, violation).Walk(record, nullptr);
}

}  // namespace rasoat
