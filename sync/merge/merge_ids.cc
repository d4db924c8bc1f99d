#include "sync/merge/merge_ids.h"

#include <string>

#include "absl/strings/str_cat.h"
#include "sync/base/status_macros.h"
#include "sync/merge/merge_fields.h"

namespace rasoat::internal {

using ::google::protobuf::Descriptor;
using ::google::protobuf::FieldDescriptor;
using ::google::protobuf::Message;
using ::google::protobuf::Reflection;

std::string FieldPath(const std::string& path, const std::string& name) {
  return path.empty() ? name : absl::StrCat(path, ".", name);
}

std::string ElementPath(const std::string& list_path, const std::string& id) {
  return absl::StrCat(list_path, "[", id, "]");
}

absl::StatusOr<IdIndex> IndexById(const Reflection* reflection,
                                  const Reflection* element_reflection, const Message& message,
                                  const FieldDescriptor* field, const FieldDescriptor* id_field,
                                  const char* side, const std::string& list_path) {
  const int size = reflection->FieldSize(message, field);
  IdIndex index;
  index.reserve(size);
  for (int i = 0; i < size; ++i) {
    std::string id =
        IdOf(element_reflection, reflection->GetRepeatedMessage(message, field, i), id_field);
    // A map's key may be empty; an identity may not: it would name no one.
    if (id.empty() && !field->is_map()) {
      return absl::InvalidArgumentError(absl::StrCat(side, ": element ", i, " of ", list_path,
                                                     " has an empty ", id_field->name()));
    }
    if (!index.emplace(id, i).second) {
      return absl::InvalidArgumentError(
          absl::StrCat(side, ": two elements with the path ", ElementPath(list_path, id)));
    }
  }
  return index;
}

absl::Status CheckIds(const Message& message, const char* side, const std::string& path) {
  const Descriptor* descriptor = message.GetDescriptor();
  const Reflection* reflection = message.GetReflection();
  for (int f = 0; f < descriptor->field_count(); ++f) {
    const FieldDescriptor* field = descriptor->field(f);
    if (field->cpp_type() != FieldDescriptor::CPPTYPE_MESSAGE) continue;
    const std::string field_path = FieldPath(path, field->name());
    if (!field->is_repeated()) {
      if (reflection->HasField(message, field)) {
        RETURN_IF_ERROR(CheckIds(reflection->GetMessage(message, field), side, field_path));
      }
      continue;
    }
    // A list without identity is one value to the merge: what it holds is not looked into.
    const FieldDescriptor* id_field = IdentityOf(field);
    if (id_field == nullptr) continue;
    const Reflection* element_reflection =
        reflection->GetMessageFactory()->GetPrototype(field->message_type())->GetReflection();
    RETURN_IF_ERROR(
        IndexById(reflection, element_reflection, message, field, id_field, side, field_path)
            .status());
    for (int i = 0; i < reflection->FieldSize(message, field); ++i) {
      const Message& element = reflection->GetRepeatedMessage(message, field, i);
      RETURN_IF_ERROR(CheckIds(
          element, side, ElementPath(field_path, IdOf(element_reflection, element, id_field))));
    }
  }
  return absl::OkStatus();
}

}  // namespace rasoat::internal
