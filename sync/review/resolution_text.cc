#include "sync/review/resolution_text.h"

#include <string>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "sync/base/status_macros.h"
#include "sync/base/text.h"
#include "sync/merge/merge_fields.h"
#include "sync/merge/merge_ids.h"

namespace rasoat {
namespace {

using ::google::protobuf::Descriptor;
using ::google::protobuf::FieldDescriptor;
using ::google::protobuf::Message;
using ::google::protobuf::Reflection;

// Whether `candidate` is `path` or below it.
bool AtOrBelow(std::string_view candidate, std::string_view path) {
  if (candidate.substr(0, path.size()) != path) return false;
  if (candidate.size() == path.size()) return true;
  const char next = candidate[path.size()];
  return next == '.' || next == '[';
}

// Ids and codes are one-line identifiers; everything else is free text.
TextKind KindOf(const FieldDescriptor* field) {
  const std::string& name = field->name();
  return absl::EndsWith(name, "_id") || absl::EndsWith(name, "_code") ? TextKind::kId
                                                                      : TextKind::kFreeText;
}

absl::Status CheckString(const std::string& text, const FieldDescriptor* field,
                         const std::string& where) {
  if (absl::Status status = CheckText(text, KindOf(field)); !status.ok()) {
    return absl::InvalidArgumentError(absl::StrCat(where, ": ", status.message()));
  }
  return absl::OkStatus();
}

// Checks the strings of `message` (at `path`) at or below `target`: all of them if `inside`.
absl::Status Walk(const Message& message, const std::string& path, std::string_view target,
                  bool inside);

// Checks one value of `field` found at `where`: a string, or a message walked further.
absl::Status WalkValue(const Message& message, const FieldDescriptor* field, int index,
                       const std::string& where, std::string_view target, bool inside) {
  const Reflection* reflection = message.GetReflection();
  if (field->cpp_type() == FieldDescriptor::CPPTYPE_MESSAGE) {
    const Message& value = index < 0 ? reflection->GetMessage(message, field)
                                     : reflection->GetRepeatedMessage(message, field, index);
    return Walk(value, where, target, inside);
  }
  if (field->cpp_type() != FieldDescriptor::CPPTYPE_STRING ||
      field->type() == FieldDescriptor::TYPE_BYTES || !inside) {
    return absl::OkStatus();
  }
  return CheckString(index < 0 ? reflection->GetString(message, field)
                               : reflection->GetRepeatedString(message, field, index),
                     field, where);
}

absl::Status Walk(const Message& message, const std::string& path, std::string_view target,
                  bool inside) {
  const Descriptor* descriptor = message.GetDescriptor();
  const Reflection* reflection = message.GetReflection();
  for (int f = 0; f < descriptor->field_count(); ++f) {
    const FieldDescriptor* field = descriptor->field(f);
    const std::string field_path = internal::FieldPath(path, field->name());
    // A field of a oneof is named by the oneof too.
    const google::protobuf::OneofDescriptor* oneof = field->real_containing_oneof();
    const bool field_inside =
        inside || AtOrBelow(field_path, target) ||
        (oneof != nullptr && internal::FieldPath(path, oneof->name()) == target);
    if (!field_inside && !AtOrBelow(target, field_path)) continue;  // not on the way
    if (!field->is_repeated()) {
      if (field->cpp_type() == FieldDescriptor::CPPTYPE_MESSAGE &&
          !reflection->HasField(message, field)) {
        continue;
      }
      RETURN_IF_ERROR(WalkValue(message, field, -1, field_path, target, field_inside));
      continue;
    }
    // Elements of a keyed list (or a map) have paths of their own; a list without identity is
    // one value, its elements named by the list's path.
    const FieldDescriptor* id_field = internal::IdentityOf(field);
    for (int i = 0; i < reflection->FieldSize(message, field); ++i) {
      std::string element_path = field_path;
      if (id_field != nullptr) {
        element_path = internal::ElementPath(
            field_path,
            internal::IdOf(reflection->GetRepeatedMessage(message, field, i), id_field));
      }
      const bool element_inside = field_inside || AtOrBelow(element_path, target);
      if (!element_inside && !AtOrBelow(target, element_path)) continue;
      if (!field->is_map()) {
        RETURN_IF_ERROR(WalkValue(message, field, i, element_path, target, element_inside));
        continue;
      }
      // A map entry: its key, then its value, at the element's path.
      const Message& entry = reflection->GetRepeatedMessage(message, field, i);
      const FieldDescriptor* key = field->message_type()->map_key();
      if (element_inside && key->cpp_type() == FieldDescriptor::CPPTYPE_STRING) {
        RETURN_IF_ERROR(
            CheckString(entry.GetReflection()->GetString(entry, key), key, element_path));
      }
      const FieldDescriptor* value = field->message_type()->map_value();
      if (value->cpp_type() != FieldDescriptor::CPPTYPE_MESSAGE ||
          entry.GetReflection()->HasField(entry, value)) {
        RETURN_IF_ERROR(WalkValue(entry, value, -1, element_path, target, element_inside));
      }
    }
  }
  return absl::OkStatus();
}

}  // namespace

absl::Status CheckTextAt(const Message& record, std::string_view path) {
  return Walk(record, "", path, /*inside=*/false);
}

}  // namespace rasoat
