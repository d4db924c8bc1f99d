// The simulated tablet reads a record at a merge path the way a real tablet would: from the
// wire contract alone. It may include proto/ but never sync/ (tests/check_layering.sh), so the
// few lines it shares in spirit with sync/merge/ (OneLine, the identity lookup) are its own.
#include "tablet/record_paths.h"

#include <google/protobuf/descriptor.h>
#include <google/protobuf/text_format.h>

#include "rasoat/v1/options.pb.h"

namespace rasoat::tablet {
namespace {

using ::google::protobuf::Descriptor;
using ::google::protobuf::FieldDescriptor;
using ::google::protobuf::Message;
using ::google::protobuf::Reflection;

// The field of `element_type` marked (rasoat.v1.identity), or nullptr.
const FieldDescriptor* IdentityField(const Descriptor* element_type) {
  for (int i = 0; i < element_type->field_count(); ++i) {
    const FieldDescriptor* field = element_type->field(i);
    if (field->options().GetExtension(v1::identity)) return field;
  }
  return nullptr;
}

// The element of list `field` in `message` whose id is `id`, or nullptr.
const Message* FindElement(const Message& message, const FieldDescriptor* field,
                           const std::string& id) {
  const FieldDescriptor* id_field = IdentityField(field->message_type());
  if (id_field == nullptr || id_field->cpp_type() != FieldDescriptor::CPPTYPE_STRING) {
    return nullptr;
  }
  const Reflection* reflection = message.GetReflection();
  for (int i = 0; i < reflection->FieldSize(message, field); ++i) {
    const Message& element = reflection->GetRepeatedMessage(message, field, i);
    if (element.GetReflection()->GetString(element, id_field) == id) return &element;
  }
  return nullptr;
}

std::string OneLine(const Message& message) {
  google::protobuf::TextFormat::Printer printer;
  printer.SetSingleLineMode(true);
  printer.SetUseUtf8StringEscaping(true);
  std::string text;
  printer.PrintToString(message, &text);
  if (!text.empty() && text.back() == ' ') text.pop_back();
  return text;
}

}  // namespace

bool IsElementPath(const std::string& path) { return !path.empty() && path.back() == ']'; }

std::optional<std::string> ValueAt(const Message& record, const std::string& path) {
  const Message* message = &record;
  size_t pos = 0;
  while (true) {
    size_t end = pos;
    while (end < path.size() && path[end] != '.' && path[end] != '[') ++end;
    const FieldDescriptor* field =
        message->GetDescriptor()->FindFieldByName(path.substr(pos, end - pos));
    if (field == nullptr) return std::nullopt;
    const Reflection* reflection = message->GetReflection();
    if (end < path.size() && path[end] == '[') {
      const size_t close = path.find("]", end);
      if (close == std::string::npos || !field->is_repeated() ||
          field->cpp_type() != FieldDescriptor::CPPTYPE_MESSAGE) {
        return std::nullopt;
      }
      message = FindElement(*message, field, path.substr(end + 1, close - end - 1));
      if (message == nullptr) return std::nullopt;
      if (close + 1 == path.size()) return OneLine(*message);
      pos = close + 2;
      continue;
    }
    if (field->is_repeated()) return std::nullopt;  // a list is named by its elements
    if (field->has_presence() && !reflection->HasField(*message, field)) return std::nullopt;
    if (end == path.size()) {
      if (field->cpp_type() == FieldDescriptor::CPPTYPE_MESSAGE) {
        return OneLine(reflection->GetMessage(*message, field));
      }
      google::protobuf::TextFormat::Printer printer;
      printer.SetUseUtf8StringEscaping(true);
      std::string text;
      printer.PrintFieldValueToString(*message, field, -1, &text);
      return text;
    }
    if (field->cpp_type() != FieldDescriptor::CPPTYPE_MESSAGE) return std::nullopt;
    message = &reflection->GetMessage(*message, field);
    pos = end + 1;
  }
}

}  // namespace rasoat::tablet
