#include "sync/merge/merge_ids.h"

#include <string>

#include "absl/strings/str_cat.h"
#include "sync/merge/merge_fields.h"

namespace rasoat::internal {

using ::google::protobuf::FieldDescriptor;
using ::google::protobuf::Message;
using ::google::protobuf::Reflection;

std::string FieldPath(const std::string& path, const std::string& name) {
  return path.empty() ? name : absl::StrCat(path, ".", name);
}

std::string ElementPath(const std::string& list_path, const std::string& id) {
  return absl::StrCat(list_path, "[", id, "]");
}

bool IndexById(const Reflection* reflection, const Reflection* element_reflection,
               const Message& message, const FieldDescriptor* field,
               const FieldDescriptor* id_field, IdIndex* index) {
  const int size = reflection->FieldSize(message, field);
  index->clear();
  index->reserve(size);
  for (int i = 0; i < size; ++i) {
    std::string id =
        IdOf(element_reflection, reflection->GetRepeatedMessage(message, field, i), id_field);
    // A map's key may be empty; an identity may not: it would name no one.
    if (id.empty() && !field->is_map()) return false;
    if (id.find_first_of("[]") != std::string::npos) return false;
    if (!index->emplace(std::move(id), i).second) return false;
  }
  return true;
}

}  // namespace rasoat::internal
