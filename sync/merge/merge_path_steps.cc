#include "sync/merge/merge_path_steps.h"

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <google/protobuf/descriptor.h>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "sync/base/status_macros.h"
#include "sync/merge/merge_fields.h"

namespace rasoat::internal {

using ::google::protobuf::Descriptor;
using ::google::protobuf::FieldDescriptor;
using ::google::protobuf::Message;
using ::google::protobuf::OneofDescriptor;
using ::google::protobuf::Reflection;

absl::Status PathError(const std::string& path, const std::string& problem) {
  return absl::InvalidArgumentError(absl::StrCat(path, ": ", problem));
}

namespace {

bool IsNameChar(char c) { return absl::ascii_isalnum(static_cast<unsigned char>(c)) || c == '_'; }

// The message type a path goes on into below `step`, or why it cannot.
absl::StatusOr<const Descriptor*> TypeBelow(const Step& step, const std::string& path) {
  if (step.oneof != nullptr) {
    return PathError(path, absl::StrCat(step.oneof->name(),
                                        " is a oneof, merged as one value: a path ends at it"));
  }
  const FieldDescriptor* field = step.field;
  if (step.id_field != nullptr) return field->message_type();
  if (IdentityOf(field) != nullptr) {
    return PathError(path, absl::StrCat(field->name(), " is a list: name an element, as ",
                                        field->name(), "[id]"));
  }
  if (field->is_repeated()) {
    return PathError(
        path,
        absl::StrCat(field->name(), " is a repeated field without identity: a path ends at it"));
  }
  if (field->cpp_type() != FieldDescriptor::CPPTYPE_MESSAGE) {
    return PathError(path, absl::StrCat(field->name(), " is not a message: a path ends at it"));
  }
  return field->message_type();
}

}  // namespace

// The steps of `path` in a record of type `type`.
absl::StatusOr<std::vector<Step>> Resolve(const Descriptor* type, std::string_view path_view) {
  const std::string path(path_view);
  if (path.empty()) return absl::InvalidArgumentError("empty merge path");
  std::vector<Step> steps;
  size_t pos = 0;
  while (true) {
    size_t end = pos;
    while (end < path.size() && IsNameChar(path[end])) ++end;
    if (end == pos) {
      return PathError(path, absl::StrCat("malformed: expected a field name at offset ", pos));
    }
    const std::string name = path.substr(pos, end - pos);
    Step step;
    step.containing = type;
    step.list_path = path.substr(0, end);
    step.field = type->FindFieldByName(name);
    if (step.field == nullptr) {
      step.oneof = type->FindOneofByName(name);
      if (step.oneof == nullptr || step.oneof->is_synthetic()) {
        return PathError(path, absl::StrCat(type->full_name(), " has no field ", name));
      }
    }
    pos = end;
    if (pos < path.size() && path[pos] == '[') {
      // The id runs to the first `]` that ends the path or a step.
      size_t close = path.find(']', pos + 1);
      while (close != std::string::npos && close + 1 < path.size() && path[close + 1] != '.') {
        close = path.find(']', close + 1);
      }
      if (close == std::string::npos) {
        return PathError(path, absl::StrCat("malformed: the [ at offset ", pos,
                                            " has no ] before a . or the end"));
      }
      if (step.field != nullptr) step.id_field = IdentityOf(step.field);
      if (step.id_field == nullptr) {
        return PathError(path,
                         absl::StrCat(name, " has no identity: its elements have no ids to name"));
      }
      step.id = path.substr(pos + 1, close - pos - 1);
      if (step.id.empty() && !step.field->is_map()) {
        return PathError(path, absl::StrCat("empty id in ", name, "[]"));
      }
      pos = close + 1;
    }
    steps.push_back(std::move(step));
    if (pos == path.size()) return steps;
    if (path[pos] != '.') {
      return PathError(
          path, absl::StrCat("malformed: unexpected '", path.substr(pos, 1), "' at offset ", pos));
    }
    ++pos;
    ASSIGN_OR_RETURN(type, TypeBelow(steps.back(), path));
  }
}

// The index of the element of `message` that `step` names, or -1.
int FindElement(const Message& message, const Step& step) {
  const Reflection* reflection = message.GetReflection();
  for (int i = 0; i < reflection->FieldSize(message, step.field); ++i) {
    if (IdOf(reflection->GetRepeatedMessage(message, step.field, i), step.id_field) == step.id) {
      return i;
    }
  }
  return -1;
}

Located Locate(const Message& record, const std::vector<Step>& steps) {
  Located at;
  const Message* message = &record;
  bool complete = true;
  for (size_t i = 0; i + 1 < steps.size(); ++i) {
    const Step& step = steps[i];
    const Reflection* reflection = message->GetReflection();
    if (step.id_field != nullptr) {
      const int index = FindElement(*message, step);
      if (index < 0) {
        at.missing_element = &step;
        return at;
      }
      at.indexes.push_back(index);
      message = &reflection->GetRepeatedMessage(*message, step.field, index);
    } else {
      // Below an absent sub-message, GetMessage gives the empty message: its lists are empty,
      // so a step into one still finds its element missing.
      complete = complete && reflection->HasField(*message, step.field);
      at.indexes.push_back(-1);
      message = &reflection->GetMessage(*message, step.field);
    }
  }
  if (complete) at.container = message;
  return at;
}

// The fields a oneof step stands for.
std::vector<const FieldDescriptor*> OneofFields(const OneofDescriptor* oneof) {
  std::vector<const FieldDescriptor*> fields;
  for (int i = 0; i < oneof->field_count(); ++i) fields.push_back(oneof->field(i));
  return fields;
}

}  // namespace rasoat::internal
