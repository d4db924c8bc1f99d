#include "sync/merge/merge_path.h"

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <google/protobuf/descriptor.h>
#include <google/protobuf/io/tokenizer.h>
#include <google/protobuf/text_format.h>

#include "absl/container/flat_hash_set.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "sync/base/status_macros.h"
#include "sync/merge/merge_fields.h"
#include "sync/merge/merge_path_steps.h"

namespace rasoat {
namespace {

using ::google::protobuf::FieldDescriptor;
using ::google::protobuf::Message;
using ::google::protobuf::Reflection;
using internal::FindElement;
using internal::IdentityOf;
using internal::IdOf;
using internal::Locate;
using internal::Located;
using internal::OneofFields;
using internal::PathError;
using internal::Resolve;
using internal::Step;

// The value `step` names in `message`, rendered as MergeConflict renders it.
std::pair<bool, std::string> Read(const Message& message, const Step& step) {
  const Reflection* reflection = message.GetReflection();
  if (step.oneof != nullptr) {
    if (!reflection->HasOneof(message, step.oneof)) return {false, ""};
    return {true, internal::ValueText(message, OneofFields(step.oneof))};
  }
  if (step.id_field != nullptr) {
    const int index = FindElement(message, step);
    if (index < 0) return {false, ""};
    return {true,
            internal::MessageText(reflection->GetRepeatedMessage(message, step.field, index))};
  }
  if (!internal::HasValue(message, step.field)) return {false, ""};
  if (!step.field->is_repeated() && step.field->cpp_type() == FieldDescriptor::CPPTYPE_MESSAGE) {
    return {true, internal::MessageText(reflection->GetMessage(message, step.field))};
  }
  return {true, internal::ValueText(message, {&step.field, 1})};
}

// What `step`'s value must look like, for error messages.
std::string Expected(const Step& step) {
  if (step.oneof != nullptr) {
    std::vector<std::string> names;
    for (const FieldDescriptor* field : OneofFields(step.oneof)) names.push_back(field->name());
    return absl::StrCat("`name: value` for one of ", absl::StrJoin(names, ", "));
  }
  const FieldDescriptor* field = step.field;
  if (step.id_field != nullptr) {
    return absl::StrCat("a ", field->message_type()->full_name(), " in text format with ",
                        step.id_field->name(), " ", step.id);
  }
  if (field->is_repeated()) return absl::StrCat("`", field->name(), ": value` pairs");
  switch (field->cpp_type()) {
    case FieldDescriptor::CPPTYPE_INT32:
    case FieldDescriptor::CPPTYPE_INT64:
    case FieldDescriptor::CPPTYPE_UINT32:
    case FieldDescriptor::CPPTYPE_UINT64:
      return absl::StrCat("an integer (", field->type_name(), ")");
    case FieldDescriptor::CPPTYPE_DOUBLE:
    case FieldDescriptor::CPPTYPE_FLOAT:
      return "a number";
    case FieldDescriptor::CPPTYPE_BOOL:
      return "true or false";
    case FieldDescriptor::CPPTYPE_ENUM: {
      std::vector<std::string> names;
      const google::protobuf::EnumDescriptor* type = field->enum_type();
      for (int i = 0; i < type->value_count(); ++i) names.push_back(type->value(i)->name());
      return absl::StrCat("one of ", absl::StrJoin(names, ", "));
    }
    case FieldDescriptor::CPPTYPE_STRING:
      return field->type() == FieldDescriptor::TYPE_BYTES ? "a quoted string"
                                                          : "a quoted UTF-8 string";
    case FieldDescriptor::CPPTYPE_MESSAGE:
      break;
  }
  return absl::StrCat("a ", field->message_type()->full_name(), " in text format");
}

// Keeps the text format parser's first error.
class FirstError : public google::protobuf::io::ErrorCollector {
 public:
  void AddError(int line, google::protobuf::io::ColumnNumber column,
                const std::string& message) override {
    if (error_.empty()) {
      error_ = absl::StrCat("line ", line + 1, ", column ", column + 1, ": ", message);
    }
  }
  const std::string& error() const { return error_; }

 private:
  std::string error_;
};

bool IsUtf8(const std::string& text) {
  static constexpr uint32_t kLeast[] = {0, 0x80, 0x800, 0x10000};  // By continuation bytes.
  size_t i = 0;
  while (i < text.size()) {
    const unsigned char lead = text[i];
    int more;
    uint32_t code;
    if (lead < 0x80) {
      ++i;
      continue;
    } else if ((lead & 0xE0) == 0xC0) {
      more = 1, code = lead & 0x1F;
    } else if ((lead & 0xF0) == 0xE0) {
      more = 2, code = lead & 0x0F;
    } else if ((lead & 0xF8) == 0xF0) {
      more = 3, code = lead & 0x07;
    } else {
      return false;
    }
    if (text.size() - i <= static_cast<size_t>(more)) return false;
    for (int k = 1; k <= more; ++k) {
      const unsigned char next = text[i + k];
      if ((next & 0xC0) != 0x80) return false;
      code = (code << 6) | (next & 0x3F);
    }
    if (code < kLeast[more] || code > 0x10FFFF || (code >= 0xD800 && code <= 0xDFFF)) {
      return false;
    }
    i += more + 1;
  }
  return true;
}

// OK if every string in `message`, at any depth, is UTF-8, and every identity-keyed list has
// non-empty unique ids that a path can name: a value a push would be accepted with.
absl::Status CheckParsed(const Message& message, const std::string& path) {
  const Reflection* reflection = message.GetReflection();
  std::vector<const FieldDescriptor*> fields;
  reflection->ListFields(message, &fields);
  for (const FieldDescriptor* field : fields) {
    const int count = field->is_repeated() ? reflection->FieldSize(message, field) : 1;
    if (field->type() == FieldDescriptor::TYPE_STRING) {
      for (int i = 0; i < count; ++i) {
        std::string scratch;
        const std::string& value =
            field->is_repeated()
                ? reflection->GetRepeatedStringReference(message, field, i, &scratch)
                : reflection->GetStringReference(message, field, &scratch);
        if (!IsUtf8(value)) {
          return PathError(path, absl::StrCat("the value's ", field->name(), " is not UTF-8"));
        }
      }
    }
    if (field->cpp_type() != FieldDescriptor::CPPTYPE_MESSAGE) continue;
    const FieldDescriptor* id_field = IdentityOf(field);
    absl::flat_hash_set<std::string> ids;
    for (int i = 0; i < count; ++i) {
      const Message& child = field->is_repeated()
                                 ? reflection->GetRepeatedMessage(message, field, i)
                                 : reflection->GetMessage(message, field);
      if (id_field != nullptr) {
        std::string id = IdOf(child, id_field);
        if (id.empty() && !field->is_map()) {
          return PathError(path, absl::StrCat("the value has an element of ", field->name(),
                                              " with an empty ", id_field->name()));
        }
        if (id.find_first_of("[]") != std::string::npos) {
          return PathError(
              path, absl::StrCat("the value has an element of ", field->name(), " whose ",
                                 id_field->name(), " has '[' or ']', which no path can name"));
        }
        if (!ids.insert(id).second) {
          return PathError(
              path, absl::StrCat("the value has two elements ", field->name(), "[", id, "]"));
        }
      }
      RETURN_IF_ERROR(CheckParsed(child, path));
    }
  }
  return absl::OkStatus();
}

// `text` parsed as the value `step` names: the element, for an element; otherwise a message of
// the containing type holding just that value. `factory_source` supplies the prototypes.
absl::StatusOr<std::unique_ptr<Message>> ParseValue(const Message& factory_source, const Step& step,
                                                    const std::string& path,
                                                    std::string_view text_view) {
  const std::string text(text_view);
  google::protobuf::MessageFactory* factory = factory_source.GetReflection()->GetMessageFactory();
  FirstError error;
  google::protobuf::TextFormat::Parser parser;
  parser.RecordErrorsTo(&error);
  const auto failed = [&] {
    return PathError(path, absl::StrCat("expected ", Expected(step), " (", error.error(), ")"));
  };

  if (step.id_field != nullptr) {
    std::unique_ptr<Message> element(factory->GetPrototype(step.field->message_type())->New());
    if (!parser.ParseFromString(text, element.get())) return failed();
    const std::string id = IdOf(*element, step.id_field);
    if (id != step.id) {
      return PathError(path, absl::StrCat("the value's ", step.id_field->name(), " is \"", id,
                                          "\", not the path's \"", step.id, "\""));
    }
    RETURN_IF_ERROR(CheckParsed(*element, path));
    return element;
  }

  std::unique_ptr<Message> holder(factory->GetPrototype(step.containing)->New());
  const FieldDescriptor* field = step.field;
  const Reflection* reflection = holder->GetReflection();
  if (step.oneof != nullptr || field->is_repeated()) {
    // `name: value` pairs: parsed as the containing message, which must hold nothing else.
    if (!parser.ParseFromString(text, holder.get())) return failed();
    std::vector<const FieldDescriptor*> set;
    reflection->ListFields(*holder, &set);
    for (const FieldDescriptor* other : set) {
      if (other != field && (step.oneof == nullptr || other->containing_oneof() != step.oneof)) {
        return PathError(path, absl::StrCat("expected ", Expected(step), ", not ", other->name()));
      }
    }
    if (set.empty()) {
      return PathError(path, absl::StrCat("expected ", Expected(step),
                                          " (an empty value is absent: clear it instead)"));
    }
  } else if (field->cpp_type() == FieldDescriptor::CPPTYPE_MESSAGE) {
    if (!parser.ParseFromString(text, reflection->MutableMessage(holder.get(), field))) {
      return failed();
    }
  } else if (!parser.ParseFieldValueFromString(text, field, holder.get())) {
    return failed();
  }
  RETURN_IF_ERROR(CheckParsed(*holder, path));
  return holder;
}

}  // namespace

absl::Status ApplyAtPath(Message* record, std::string_view path_view, bool present,
                         std::string_view value_text) {
  const std::string path(path_view);
  ASSIGN_OR_RETURN(const std::vector<Step> steps, Resolve(record->GetDescriptor(), path));
  const Step& last = steps.back();
  const Located at = Locate(*record, steps);

  if (!present) {
    if (at.container == nullptr) return absl::OkStatus();  // Absent already.
  } else if (at.missing_element != nullptr) {
    return PathError(path, absl::StrCat("no element ", at.missing_element->id, " in ",
                                        at.missing_element->list_path));
  }
  std::unique_ptr<Message> value;
  if (present) {
    ASSIGN_OR_RETURN(value, ParseValue(*record, last, path, value_text));
  }

  // Nothing fails from here on: `*record` changes only now.
  Message* message = record;
  for (size_t i = 0; i + 1 < steps.size(); ++i) {
    const Reflection* reflection = message->GetReflection();
    message = at.indexes[i] >= 0
                  ? reflection->MutableRepeatedMessage(message, steps[i].field, at.indexes[i])
                  : reflection->MutableMessage(message, steps[i].field);
  }
  const Reflection* reflection = message->GetReflection();

  if (last.id_field != nullptr) {
    const int index = FindElement(*message, last);
    if (present) {
      Message* element = index >= 0 ? reflection->MutableRepeatedMessage(message, last.field, index)
                                    : reflection->AddMessage(message, last.field);
      element->CopyFrom(*value);
    } else if (index >= 0) {
      // To the end, keeping the others' order, then off.
      const int size = reflection->FieldSize(*message, last.field);
      for (int i = index; i + 1 < size; ++i) {
        reflection->SwapElements(message, last.field, i, i + 1);
      }
      reflection->RemoveLast(message, last.field);
    }
  } else if (last.oneof != nullptr) {
    reflection->ClearOneof(message, last.oneof);
    if (present) {
      for (const FieldDescriptor* field : OneofFields(last.oneof)) {
        if (value->GetReflection()->HasField(*value, field)) {
          internal::CopyField(*value, field, message);
        }
      }
    }
  } else if (present) {
    internal::CopyField(*value, last.field, message);
  } else {
    reflection->ClearField(message, last.field);
  }
  return absl::OkStatus();
}

absl::StatusOr<std::pair<bool, std::string>> ValueAtPath(const Message& record,
                                                         std::string_view path) {
  ASSIGN_OR_RETURN(const std::vector<Step> steps, Resolve(record.GetDescriptor(), path));
  const Located at = Locate(record, steps);
  if (at.container == nullptr) return std::pair<bool, std::string>(false, "");
  return Read(*at.container, steps.back());
}

}  // namespace rasoat
